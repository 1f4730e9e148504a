import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';

/** The mock API this run started (see playwright.config.ts), reached directly, not through the app. */
export const API_URL = `http://127.0.0.1:${process.env['E2E_API_PORT']}`;

/** Users in the run's data: the seed's admin, and alice, created before the API starts. */
export const ADMIN = { username: 'admin', password: 'admin' } as const;
export const ALICE = { username: 'alice', password: 'wonderland' } as const;

interface Credentials {
  readonly username: string;
  readonly password: string;
}

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
  const response = await request.post(`${API_URL}/accounts/get_auth_token/`, { data: user });
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { token: string };
  return body.token;
}

/** The value of the `token` cookie the app stored, or undefined. */
export async function tokenCookie(page: Page) {
  const cookies = await page.context().cookies();
  return cookies.find((cookie) => cookie.name === 'token');
}

export const test = base;
export { expect };
