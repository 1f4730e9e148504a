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
