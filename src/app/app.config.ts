import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { ApplicationConfig, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';

import { routes } from './app.routes';
import { authInterceptor } from './core/auth/auth-interceptor';
import { bannerInterceptor } from './core/banner-interceptor';

/** The header and 401 handling first; then the banners for what no page explains. */
export const APP_INTERCEPTORS = [authInterceptor, bannerInterceptor];

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(routes, withComponentInputBinding()),
    // No withFetch(): HttpClient always bundles its XMLHttpRequest backend, and without
    // server-side rendering a second, fetch-based one only adds about 1 kB gzip.
    provideHttpClient(withInterceptors(APP_INTERCEPTORS)),
  ],
};
