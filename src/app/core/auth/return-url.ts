import { Router, UrlTree } from '@angular/router';

/** Where a successful login goes when there is no usable `returnUrl`. */
export const DEFAULT_RETURN_URL = '/polls';

const LOGIN_PATH = '/login';
const LOGOUT_PATH = '/logout';
const BASE = 'https://app.invalid';

/**
 * Turns a `returnUrl` from the address bar into a path inside this app, or
 * {@link DEFAULT_RETURN_URL}. Anything that could leave the app (`https://evil.example`,
 * `//evil.example`, `/\evil.example`, `javascript:`) is refused: it would be an open
 * redirect. So are the login and logout pages, which would loop or end the new session.
 */
export function safeReturnUrl(value: string | null | undefined): string {
  // Browsers read "\" as "/" and drop tabs and newlines inside URLs, so "/\evil.example"
  // and "/\t/evil.example" both mean "//evil.example".
  if (!value?.startsWith('/') || /[\\\p{Cc}]/u.test(value)) return DEFAULT_RETURN_URL;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return DEFAULT_RETURN_URL;
  }
  if (url.origin !== BASE || isAuthPage(url.pathname)) return DEFAULT_RETURN_URL;
  return url.pathname + url.search + url.hash;
}

/** The login page, asking to come back to `returnUrl` afterwards. */
export function loginUrl(router: Router, returnUrl: string): UrlTree {
  const path = returnUrl.split(/[?#]/, 1)[0];
  return isAuthPage(path) || path === '/' || path === ''
    ? router.createUrlTree([LOGIN_PATH])
    : router.createUrlTree([LOGIN_PATH], { queryParams: { returnUrl } });
}

function isAuthPage(path: string): boolean {
  return path === LOGIN_PATH || path === LOGOUT_PATH;
}
