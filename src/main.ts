import { bootstrapApplication } from '@angular/platform-browser';
import { appConfig } from './app/app.config';
import { App } from './app/app';
import { API_ORIGIN } from './app/core/api-config';
import { AUTH_FLAVOR, authFlavorMapping } from './app/core/auth/auth-flavor';
import { RuntimeConfigError, loadRuntimeConfig } from './app/core/runtime-config';

loadRuntimeConfig(document.baseURI)
  .then((config) =>
    bootstrapApplication(App, {
      providers: [
        ...appConfig.providers,
        { provide: API_ORIGIN, useValue: config.apiOrigin },
        { provide: AUTH_FLAVOR, useValue: authFlavorMapping(config.authFlavor) },
      ],
    }),
  )
  .catch((error: unknown) => {
    console.error(error);
    if (error instanceof RuntimeConfigError) showStartError(error.message);
  });

/** Without its config the app cannot start: the page says why, where the app would be. */
function showStartError(message: string): void {
  const alert = document.createElement('p');
  alert.className = 'alert';
  alert.setAttribute('role', 'alert');
  alert.textContent = message;
  document.querySelector('app-root')?.replaceChildren(alert);
}
