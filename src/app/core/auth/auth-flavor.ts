import { InjectionToken } from '@angular/core';

import { API_PATHS } from '../../../../api/paths';

/**
 * How one DRF token backend logs in and out. Every backend takes `{username, password}`
 * and is then sent `Authorization: Token <key>`; only these few facts differ.
 */
export interface AuthFlavor {
  /** Where to POST the credentials for a token. */
  readonly loginPath: string;
  /** The field of the login answer that holds the key. */
  readonly tokenField: string;
  /** Where to POST, with the token, to revoke it. */
  readonly logoutPath: string;
  /** What a logout that revoked the token answers; any other answer did not revoke it. */
  readonly logoutStatus: 200 | 204;
}

/**
 * The backends the app knows, by the name a deployment gives in `config.json`:
 * DRF's own `obtain_auth_token` (with the logout view DRF leaves to the project),
 * djoser's `djoser.urls.authtoken` at `auth/`, dj-rest-auth at `dj-rest-auth/`, and
 * django-rest-knox at `api/auth/`, each mounted as its documentation mounts it.
 */
export const AUTH_FLAVORS = {
  authtoken: {
    loginPath: API_PATHS.login,
    tokenField: 'token',
    logoutPath: API_PATHS.logout,
    logoutStatus: 204,
  },
  djoser: {
    loginPath: '/auth/token/login/',
    tokenField: 'auth_token',
    logoutPath: '/auth/token/logout/',
    logoutStatus: 204,
  },
  // Its logout says so in a body: 200 {"detail": "Successfully logged out."}.
  'dj-rest-auth': {
    loginPath: '/dj-rest-auth/login/',
    tokenField: 'key',
    logoutPath: '/dj-rest-auth/logout/',
    logoutStatus: 200,
  },
  knox: {
    loginPath: '/api/auth/login/',
    tokenField: 'token',
    logoutPath: '/api/auth/logout/',
    logoutStatus: 204,
  },
} as const satisfies Readonly<Record<string, AuthFlavor>>;

/** A backend's name, as `config.json` and AUTH_FLAVOR give it. */
export type AuthFlavorName = keyof typeof AUTH_FLAVORS;

/** The backend of a deployment that names none. */
export const DEFAULT_AUTH_FLAVOR: AuthFlavorName = 'authtoken';

/** Every backend's name, in the order the docs list them. */
export const AUTH_FLAVOR_NAMES = Object.keys(AUTH_FLAVORS) as readonly AuthFlavorName[];

/** Whether `name` is one of {@link AUTH_FLAVOR_NAMES}. */
export function isAuthFlavorName(name: unknown): name is AuthFlavorName {
  return typeof name === 'string' && Object.hasOwn(AUTH_FLAVORS, name);
}

/** The backend this deployment's API uses, from the runtime config (main.ts provides it). */
export const AUTH_FLAVOR = new InjectionToken<AuthFlavor>('AUTH_FLAVOR', {
  providedIn: 'root',
  factory: () => AUTH_FLAVORS[DEFAULT_AUTH_FLAVOR],
});
