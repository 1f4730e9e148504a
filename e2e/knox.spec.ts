/**
 * django-rest-knox's tokens as a user meets them: one per login, each expiring, and
 * "Log out on all devices". The mock API serves knox on its own origin; `config.json`,
 * answered here, points the app at it. The page's clock is Playwright's, so that the
 * ten hours of knox's default TTL pass in a moment; the server's clock is not moved,
 * so the session can only end by the app's own timer, not by a 401.
 */
import type { Page } from '@playwright/test';

import { API_PATHS, FLAVOR_PATHS } from '../api/paths';
import { startMockApi, type MockApi } from '../scripts/servers';
import { ADMIN, expect, logIn, serveRuntimeConfig, test, tokenCookie } from './fixtures';

// Unset when beforeAll failed: afterAll must not hide that error behind one of its own.
let api: MockApi | undefined;

test.beforeAll(async () => {
  api = await startMockApi({ flavor: 'knox' });
});

test.afterAll(async () => {
  await api?.stop();
});

async function openAsKnoxApp(page: Page): Promise<void> {
  await serveRuntimeConfig(page, api?.url ?? '', 'knox');
  await page.goto('/login');
}

/** What the API answers to a list request with `token`. */
function listStatus(token: string): Promise<number> {
  return fetch((api?.url ?? '') + API_PATHS.questions, {
    headers: { Authorization: `Token ${token}` },
  }).then((response) => response.status);
}

test('a session warns a minute before its token expires, then ends by itself', async ({ page }) => {
  const refusals: string[] = [];
  page.on('response', (response) => {
    if (response.status() === 401) refusals.push(response.url());
  });
  await page.clock.install();
  await openAsKnoxApp(page);
  await logIn(page, ADMIN);
  await expect(page).toHaveURL('/polls');
  const notice = page.getByRole('status').filter({ hasText: 'Your session' });
  await expect(notice).toHaveCount(0);

  // knox's default TTL is 10 hours.
  await page.clock.fastForward('09:58:30');
  await expect(notice).toHaveCount(0);
  await page.clock.fastForward('00:01:00');
  await expect(notice).toContainText('Your session ends within a minute.');
  await expect(page).toHaveURL('/polls');
  // The warning stays while the user goes on to another page.
  await page.getByRole('link', { name: "What's new?" }).click();
  await expect(page).toHaveURL('/polls/1');
  await expect(notice).toContainText('Your session ends within a minute.');

  await page.clock.fastForward('00:01:00');
  await expect(page).toHaveURL('/login?returnUrl=%2Fpolls%2F1');
  await expect(notice).toHaveText(/^\s*Your session has expired\./);
  expect(await tokenCookie(page)).toBeUndefined();
  expect(refusals, 'the app did not wait for a 401').toEqual([]);
});

test('"Log in again" before the token expires revokes it and comes back to the page', async ({
  page,
}) => {
  await page.clock.install();
  await openAsKnoxApp(page);
  await logIn(page, ADMIN);
  await page.getByRole('link', { name: "What's new?" }).click();
  await expect(page).toHaveURL('/polls/1');
  const old = (await tokenCookie(page))?.value ?? '';
  await page.clock.fastForward('09:59:30');

  await page.getByRole('button', { name: 'Log in again' }).click();
  await expect(page).toHaveURL('/login?returnUrl=%2Fpolls%2F1');
  expect(await listStatus(old)).toBe(401);
  await logIn(page, ADMIN);
  await expect(page).toHaveURL('/polls/1');
  await expect(page.getByRole('status').filter({ hasText: 'Your session' })).toHaveCount(0);
});

test('"Log out on all devices" ends the session of another browser too', async ({
  page,
  browser,
  baseURL,
}) => {
  const other = await browser.newContext({ baseURL });
  try {
    const otherPage = await other.newPage();
    await openAsKnoxApp(otherPage);
    await logIn(otherPage, ADMIN);
    await openAsKnoxApp(page);
    await logIn(page, ADMIN);
    // One token per login, per device.
    const here = (await tokenCookie(page))?.value ?? '';
    const there = (await tokenCookie(otherPage))?.value ?? '';
    expect(here).not.toBe(there);

    const loggedOut = page.waitForResponse(
      (response) =>
        response.url().endsWith(FLAVOR_PATHS.knox.logoutAll) && response.status() === 204,
    );
    await page.getByRole('button', { name: 'Log out on all devices' }).click();
    await loggedOut;
    await expect(page).toHaveURL('/login');
    expect(await listStatus(here)).toBe(401);
    expect(await listStatus(there)).toBe(401);

    // The other browser learns it at its next request.
    await otherPage.reload();
    await expect(otherPage).toHaveURL('/login?returnUrl=%2Fpolls');
    await expect(otherPage.getByRole('status')).toContainText('Your session has ended.');
  } finally {
    await other.close();
  }
});
