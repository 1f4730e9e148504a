import type { APIRequestContext, Page, Request } from '@playwright/test';

import { API_PATHS } from '../api/paths';
import type { Question } from '../api/types';
import { ADMIN, ALICE, API_URL, apiToken, expect, logIn, test, tokenCookie } from './fixtures';

const DAY_S = 24 * 60 * 60;

/** The id of the first question, asked of the API directly. */
async function firstQuestionId(request: APIRequestContext): Promise<number> {
  const token = await apiToken(request, ALICE);
  const response = await request.get(API_URL + API_PATHS.questions, {
    headers: { Authorization: `Token ${token}` },
  });
  expect(response.status()).toBe(200);
  const questions = (await response.json()) as Question[];
  expect(questions.length).toBeGreaterThan(0);
  return questions[0].id;
}

/** The first question link on the polls list. */
function firstQuestion(page: Page) {
  return page.getByRole('main').getByRole('listitem').getByRole('link').first();
}

test.describe('logging in', () => {
  test('/polls while logged out goes to login, and after login the user is back', async ({
    page,
  }) => {
    await page.goto('/polls');
    await expect(page).toHaveURL('/login?returnUrl=%2Fpolls');
    await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();

    await logIn(page, ALICE);

    await expect(page).toHaveURL('/polls');
    await expect(page.getByRole('heading', { level: 1, name: 'Polls' })).toBeVisible();
    await expect(page.getByRole('banner')).toContainText('alice');
    await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
  });

  test('a deeper polls page comes back after login too', async ({ page, request }) => {
    const id = await firstQuestionId(request);
    await page.goto(`/polls/${id}`);
    await expect(page).toHaveURL(`/login?returnUrl=%2Fpolls%2F${id}`);

    await logIn(page, ALICE);

    await expect(page).toHaveURL(`/polls/${id}`);
    await expect(page.getByRole('radio').first()).toBeVisible();
  });

  test('a wrong password shows the server’s message', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Username').fill(ALICE.username);
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Log in' }).click();

    await expect(page.getByRole('alert')).toHaveText('Unable to log in with provided credentials.');
    await expect(page).toHaveURL(/\/login$/);
    expect(await tokenCookie(page)).toBeUndefined();
  });

  test('empty fields are reported before anything is sent', async ({ page }) => {
    let sent = false;
    page.on('request', (request) => {
      if (request.url().includes(API_PATHS.login)) sent = true;
    });
    await page.goto('/login');
    await page.getByRole('button', { name: 'Log in' }).click();

    await expect(page.getByLabel('Username')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Username')).toHaveAccessibleDescription('Enter your username.');
    await expect(page.getByLabel('Password', { exact: true })).toHaveAccessibleDescription(
      'Enter your password.',
    );
    await expect(page.getByLabel('Username')).toBeFocused();
    expect(sent).toBe(false);
  });

  test('works with the keyboard alone, and focus lands on the new page’s heading', async ({
    page,
  }) => {
    await page.goto('/login');
    await page.getByLabel('Username').focus();
    await page.keyboard.type(ALICE.username);
    await page.keyboard.press('Tab');
    await page.keyboard.type(ALICE.password);
    await page.keyboard.press('Enter');

    await expect(page).toHaveURL(/\/polls$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Polls' })).toBeFocused();
  });

  test('an external returnUrl is ignored', async ({ page }) => {
    for (const returnUrl of ['https://evil.example/', '//evil.example/']) {
      await page.goto(`/login?returnUrl=${encodeURIComponent(returnUrl)}`);
      await logIn(page, ALICE);
      await expect(page).toHaveURL('/polls');
      await page.getByRole('button', { name: 'Log out' }).click();
      await expect(page).toHaveURL(/\/login$/);
    }
  });

  test('visiting the login page while logged in goes to the polls', async ({ page }) => {
    await logIn(page, ALICE);
    await page.goto('/login');
    await expect(page).toHaveURL(/\/polls$/);
  });
});

test.describe('the token cookie', () => {
  test('is a SameSite=Strict session cookie on path / holding the API token', async ({
    page,
    request,
  }) => {
    await logIn(page, ALICE);

    const cookie = await tokenCookie(page);
    expect(cookie).toMatchObject({
      path: '/',
      sameSite: 'Strict',
      httpOnly: false,
      // The app is served over plain http here; on https the cookie is Secure.
      secure: false,
      expires: -1,
    });
    // DRF hands out the same key until logout, so the API confirms which token it is.
    expect(cookie?.value).toBe(await apiToken(request, ALICE));

    // Nowhere else: not in web storage, not in the address bar.
    const stored = await page.evaluate(() =>
      JSON.stringify({ ...localStorage, ...sessionStorage }),
    );
    expect(stored).not.toContain(cookie?.value ?? '-');
    expect(page.url()).not.toContain(cookie?.value ?? '-');
  });

  test('lasts 30 days with "Keep me signed in"', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Keep me signed in').check();
    await logIn(page, ALICE);

    const cookie = await tokenCookie(page);
    const in30Days = Date.now() / 1000 + 30 * DAY_S;
    expect(cookie?.sameSite).toBe('Strict');
    expect(cookie?.path).toBe('/');
    expect(Math.abs((cookie?.expires ?? 0) - in30Days)).toBeLessThan(120);
  });
});

test('every /polls/api/ request carries the token header', async ({ page }) => {
  const apiRequests: Request[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/polls/api/')) apiRequests.push(request);
  });

  await logIn(page, ADMIN);
  await firstQuestion(page).click();
  await page.getByRole('radio').first().check();
  await page.getByRole('button', { name: 'Vote', exact: true }).click();
  await expect(page).toHaveURL(/\/polls\/\d+\/results$/);
  await page.getByRole('link', { name: 'Polls', exact: true }).click();
  await expect(firstQuestion(page)).toBeVisible();

  const token = (await tokenCookie(page))?.value;
  expect(token).toMatch(/^[0-9a-f]{40}$/);
  expect(apiRequests.length).toBeGreaterThanOrEqual(3);
  for (const request of apiRequests) {
    expect(await request.headerValue('authorization'), request.url()).toBe(`Token ${token}`);
  }
});

test('after logging out in the app, the old token is dead on the server', async ({
  page,
  request,
}) => {
  await logIn(page, ALICE);
  const token = (await tokenCookie(page))?.value;

  const revoked = page.waitForResponse(
    (response) => response.url().endsWith(API_PATHS.logout) && response.status() === 204,
  );
  await page.getByRole('button', { name: 'Log out' }).click();
  await revoked;

  await expect(page).toHaveURL(/\/login$/);
  expect(await tokenCookie(page)).toBeUndefined();
  await expect(page.getByRole('banner')).not.toContainText('alice');
  const response = await request.get(API_URL + API_PATHS.questions, {
    headers: { Authorization: `Token ${token}` },
  });
  expect(response.status()).toBe(401);
  expect(await response.json()).toEqual({ detail: 'Invalid token.' });
});

test('/logout logs out too, as the tutorial’s link does', async ({ page, request }) => {
  await logIn(page, ALICE);
  const token = (await tokenCookie(page))?.value;

  await page.goto('/logout');

  await expect(page).toHaveURL(/\/login$/);
  expect(await tokenCookie(page)).toBeUndefined();
  const response = await request.get(API_URL + API_PATHS.questions, {
    headers: { Authorization: `Token ${token}` },
  });
  expect(response.status()).toBe(401);
});

test('a token revoked on the server sends the next click to login, and back after', async ({
  page,
  request,
}) => {
  await logIn(page, ALICE);
  const question = firstQuestion(page);
  const href = await question.getAttribute('href');
  expect(href).toMatch(/^\/polls\/\d+$/);

  // Revoked elsewhere (another device logging out, an admin), while the user is reading.
  const token = (await tokenCookie(page))?.value;
  const logout = await request.post(API_URL + API_PATHS.logout, {
    headers: { Authorization: `Token ${token}` },
  });
  expect(logout.status()).toBe(204);

  await question.click();

  await expect(page).toHaveURL(`/login?returnUrl=${encodeURIComponent(href ?? '')}`);
  await expect(page.getByRole('status')).toContainText('Your session has ended');
  expect(await tokenCookie(page)).toBeUndefined();

  await logIn(page, ALICE);
  await expect(page).toHaveURL(href ?? '');
  await expect(page.getByRole('radio').first()).toBeVisible();
});

test.describe('two tabs', () => {
  test('logging out in one logs out the other', async ({ page, context }) => {
    await logIn(page, ALICE);
    const other = await context.newPage();
    await other.goto('/polls');
    await expect(other.getByRole('banner')).toContainText('alice');

    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page).toHaveURL(/\/login$/);

    await expect(other).toHaveURL(/\/login/, { timeout: 1_000 });
    await expect(other.getByRole('button', { name: 'Log out' })).toHaveCount(0);
  });

  test('logging in in one takes the other from the login page into the app', async ({
    page,
    context,
  }) => {
    await page.goto('/polls');
    const other = await context.newPage();
    await other.goto('/polls');
    await expect(other).toHaveURL(/\/login\?returnUrl=%2Fpolls$/);

    await logIn(page, ALICE);

    await expect(other).toHaveURL(/\/polls$/, { timeout: 1_000 });
    await expect(other.getByRole('banner')).toContainText('alice');
  });
});
