import { InjectionToken } from '@angular/core';

import { FLAVOR_ANSWERS, FLAVOR_PATHS, type AuthFlavor } from '../../../../api/paths';

/**
 * How one DRF token backend logs in and out. Every backend takes `{username, password}`
 * and is then sent `Authorization: Token <key>`; only these few facts differ.
 */
export interface AuthFlavorMapping {
  /** Where to POST the credentials for a token. */
  readonly loginPath: string;
  /** The field of the login answer that holds the key. */
  readonly tokenField: string;
  /** Where to POST, with the token, to revoke it. */
  readonly logoutPath: string;
  /** What a logout that revoked the token answers; any other answer did not revoke it. */
  readonly logoutStatus: 200 | 204;
  /** The login answer's field that says when the token expires (ISO 8601), if it does. */
  readonly expiryField?: string;
  /** Where to POST, with the token, to revoke every token of the user, if the backend can. */
  readonly logoutAllPath?: string;
}

/** The backend of a deployment that names none: DRF's own `obtain_auth_token`. */
export const DEFAULT_AUTH_FLAVOR: AuthFlavor = 'authtoken';

/** How the backend `name` logs in and out. */
export function authFlavorMapping(name: AuthFlavor): AuthFlavorMapping {
  const paths: { login: string; logout: string; logoutAll?: string } = FLAVOR_PATHS[name];
  const answers: { tokenField: string; expiryField?: string; logoutStatus: 200 | 204 } =
    FLAVOR_ANSWERS[name];
  return {
    loginPath: paths.login,
    logoutPath: paths.logout,
    ...(paths.logoutAll === undefined ? {} : { logoutAllPath: paths.logoutAll }),
    tokenField: answers.tokenField,
    logoutStatus: answers.logoutStatus,
    ...(answers.expiryField === undefined ? {} : { expiryField: answers.expiryField }),
  };
}

/** The backend this deployment's API uses, from the runtime config (main.ts provides it). */
export const AUTH_FLAVOR = new InjectionToken<AuthFlavorMapping>('AUTH_FLAVOR', {
  providedIn: 'root',
  factory: () => authFlavorMapping(DEFAULT_AUTH_FLAVOR),
});
