import { InjectionToken } from '@angular/core';

/**
 * Origin of the DRF-style API. Empty means "same origin as the app": in development
 * `ng serve` proxies the API paths, in production a reverse proxy does. The auth header
 * is only ever sent to relative URLs or to this origin.
 */
export const API_ORIGIN = new InjectionToken<string>('API_ORIGIN', {
  providedIn: 'root',
  factory: () => '',
});

/** Every API path the app calls, in one place. */
export const API_PATHS = {
  login: '/accounts/get_auth_token/',
  logout: '/accounts/logout/',
  questions: '/polls/api/questions/',
  question: (id: number) => `/polls/api/questions/${id}/`,
  vote: (id: number) => `/polls/api/questions/${id}/vote/`,
} as const;
