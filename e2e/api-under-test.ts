/**
 * Which API server the browser tests run against: the mock API by default, or with
 * E2E_API=drf the tutorial's real Django REST Framework server (drf-server/), so that
 * the app is proven against the real thing on every run.
 */
export type ApiUnderTest = 'mock' | 'drf';

function apiUnderTest(value: string | undefined): ApiUnderTest {
  if (value === undefined || value === '' || value === 'mock') return 'mock';
  if (value === 'drf') return 'drf';
  throw new Error(`E2E_API must be mock or drf (got ${value})`);
}

export const API_UNDER_TEST = apiUnderTest(process.env['E2E_API']);
