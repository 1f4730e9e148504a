import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { ApplicationConfig, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';

import { routes } from './app.routes';
import { authInterceptor } from './core/auth/auth-interceptor';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(routes, withComponentInputBinding()),
    // No withFetch(): HttpClient always bundles its XMLHttpRequest backend, and without
    // server-side rendering a second, fetch-based one only adds about 1 kB gzip.
    provideHttpClient(withInterceptors([authInterceptor])),
  ],
};
