import { inject } from '@angular/core';
import {
  CanActivateFn,
  CanMatchFn,
  Router,
  UrlSegmentGroup,
  UrlTree,
  PRIMARY_OUTLET,
} from '@angular/router';

import { Auth } from './auth';
import { DEFAULT_RETURN_URL, loginUrl } from './return-url';

/**
 * Lets a logged-in user through; anyone else gets a `UrlTree` to
 * `/login?returnUrl=<the requested page>`, so a protected page never renders at all.
 * Use it as `canActivate` and `canActivateChild` on protected routes.
 */
export const authGuard: CanActivateFn = (_route, state) =>
  inject(Auth).hasStoredToken() || loginUrl(inject(Router), state.url);

/**
 * The same check as {@link authGuard}, as a `canMatch` guard: it runs before a lazy
 * route's code is fetched, so a logged-out visitor never downloads it.
 */
export const authMatchGuard: CanMatchFn = (_route, segments) => {
  const router = inject(Router);
  if (inject(Auth).hasStoredToken()) return true;
  // The matcher has only the path; the query and fragment come from the navigation.
  const requested = router.currentNavigation()?.extractedUrl;
  const path = new UrlSegmentGroup([], { [PRIMARY_OUTLET]: new UrlSegmentGroup(segments, {}) });
  const url = new UrlTree(path, requested?.queryParams, requested?.fragment ?? null);
  return loginUrl(router, router.serializeUrl(url));
};

/** Keeps a logged-in user off the login page: they go to the polls instead. */
export const guestGuard: CanActivateFn = () =>
  !inject(Auth).hasStoredToken() || inject(Router).parseUrl(DEFAULT_RETURN_URL);
