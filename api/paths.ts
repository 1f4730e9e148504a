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

/**
 * The OpenAPI schema, drf-spectacular's view (no token needed): for the servers and the
 * tools, apart from API_PATHS so that the app, which never fetches it, does not ship it.
 */
export const SCHEMA_PATH = '/polls/api/schema/';

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

/**
 * What each backend's login and logout answer: the login answer's field that holds the
 * key, knox's expiry beside it (ISO 8601), the status of a logout that revoked the token
 * (dj-rest-auth's is 200 with {"detail": "Successfully logged out."}), and the bytes of
 * its keys, written as hex (knox's are longer).
 */
export const FLAVOR_ANSWERS = {
  authtoken: { tokenField: 'token', logoutStatus: 204, keyBytes: 20 },
  djoser: { tokenField: 'auth_token', logoutStatus: 204, keyBytes: 20 },
  'dj-rest-auth': { tokenField: 'key', logoutStatus: 200, keyBytes: 20 },
  knox: { tokenField: 'token', expiryField: 'expiry', logoutStatus: 204, keyBytes: 32 },
} as const satisfies Record<
  AuthFlavor,
  { tokenField: string; expiryField?: string; logoutStatus: 200 | 204; keyBytes: number }
>;
