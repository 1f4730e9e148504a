import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import { API_PATHS, type AuthFlavor } from '../api/paths';
import type { TokenResponse } from '../api/types';
import type { Credentials } from '../scripts/servers';
import { ADMIN } from './users';

export { ADMIN, ALICE } from './users';

// Set by global-setup.ts, so present in the workers that run the tests. The runner also
// loads the specs to list them, before any server runs: hence no error when unset.
const APP_URL = process.env['E2E_APP_URL'] ?? '';

/** The API server this run started (the mock, or drf-server), reached directly, not through the app. */
export const API_URL = process.env['E2E_API_URL'] ?? '';

/** Logs in through the app's login form, the way a user does, and waits for the polls list. */
export async function logIn(page: Page, user: Credentials = ADMIN): Promise<void> {
  if (!page.url().includes('/login')) await page.goto('/login');
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** Gets a token straight from the API, as curl or Postman would. */
export async function apiToken(
  request: APIRequestContext,
  user: Credentials = ADMIN,
): Promise<string> {
  const response = await request.post(API_URL + API_PATHS.login, { data: user });
  expect(response.status()).toBe(200);
  const body = (await response.json()) as TokenResponse;
  return body.token;
}

/** The value of the `token` cookie the app stored, or undefined. */
export async function tokenCookie(page: Page) {
  const cookies = await page.context().cookies();
  return cookies.find((cookie) => cookie.name === 'token');
}

/** Playwright's test, with the app this run started as the base URL of `page.goto`. */
/** Has the page's `config.json` name `apiOrigin` and `authFlavor`, as nginx would write it. */
export async function serveRuntimeConfig(
  page: Page,
  apiOrigin: string,
  authFlavor: AuthFlavor,
): Promise<void> {
  await page.route('**/config.json', (route) => route.fulfill({ json: { apiOrigin, authFlavor } }));
}

export const test = base.extend({ baseURL: APP_URL });
export { expect };
