/**
 * Every path of the DRF-style API, in one place, for the app, the command-line client,
 * the benchmark, the browser tests and the mock API's own tests. Plain TypeScript with
 * no framework import, so any of them can use it.
 */
export const API_PATHS = {
  login: '/accounts/get_auth_token/',
  logout: '/accounts/logout/',
  apiRoot: '/polls/api/',
  questions: '/polls/api/questions/',
  question: (id: number) => `/polls/api/questions/${id}/`,
  vote: (id: number) => `/polls/api/questions/${id}/vote/`,
} as const;

/** The DRF token backends a server may use; `authtoken` is the tutorial's own views. */
export const AUTH_FLAVORS = ['authtoken', 'djoser', 'dj-rest-auth', 'knox'] as const;
export type AuthFlavor = (typeof AUTH_FLAVORS)[number];

/**
 * Each backend's login and logout, where its docs mount it: djoser's
 * `djoser.urls.authtoken` at `auth/`, dj-rest-auth's URLs at `dj-rest-auth/`, knox's at
 * `api/auth/` (knox alone has `logoutAll`). The polls API is the same with every one.
 */
export const FLAVOR_PATHS = {
  authtoken: { login: API_PATHS.login, logout: API_PATHS.logout },
  djoser: { login: '/auth/token/login/', logout: '/auth/token/logout/' },
  'dj-rest-auth': { login: '/dj-rest-auth/login/', logout: '/dj-rest-auth/logout/' },
  knox: {
    login: '/api/auth/login/',
    logout: '/api/auth/logout/',
    logoutAll: '/api/auth/logoutall/',
  },
} as const satisfies Record<AuthFlavor, { login: string; logout: string; logoutAll?: string }>;
