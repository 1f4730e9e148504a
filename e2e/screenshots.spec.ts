import type { APIRequestContext, Page } from '@playwright/test';
import { join } from 'node:path';

import { API_PATHS } from '../api/paths';
import type { Question } from '../api/types';
import { startMockApi } from '../scripts/servers';
import { ADMIN, API_URL, apiToken, expect, logIn, serveRuntimeConfig, test } from './fixtures';

/**
 * The PNGs in docs/screenshots/ that the README shows. Each page state is shot at a
 * desktop and a phone width; commit them again when the UI changes.
 */
const SCREENSHOTS = join(__dirname, '..', 'docs', 'screenshots');
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

// Dates and numbers on the pages read the same on every machine.
test.use({ locale: 'en-US', timezoneId: 'UTC', colorScheme: 'light' });

/** Full-page PNGs of the page as it is now, as `<name>-<width>.png`. */
async function shoot(page: Page, name: string): Promise<void> {
  // No hover effect on whatever was clicked last.
  await page.mouse.move(0, 0);
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await page.screenshot({
      path: join(SCREENSHOTS, `${name}-${viewport.width}.png`),
      fullPage: true,
      animations: 'disabled',
    });
  }
}

/** The question the results shot shows; no other spec votes on it. */
const QUESTION = { id: 2, text: 'Which framework do you build APIs with?' } as const;

/** Votes on the server until each choice has at least its count, so the bars have something to show. */
async function topUpVotes(request: APIRequestContext, counts: Record<number, number>) {
  const headers = { Authorization: `Token ${await apiToken(request, ADMIN)}` };
  const url = API_URL + API_PATHS.question(QUESTION.id);
  const question = (await (await request.get(url, { headers })).json()) as Question;
  for (const { id, votes } of question.choices) {
    for (let vote = votes; vote < (counts[id] ?? 0); vote++) {
      const response = await request.post(API_URL + API_PATHS.vote(QUESTION.id), {
        headers,
        data: { choice: id },
      });
      expect(response.status()).toBe(200);
    }
  }
}

test('screenshots of the login error, the list, a question and its results', async ({
  page,
  request,
}) => {
  await test.step('login with an error', async () => {
    await page.goto('/login');
    await page.getByLabel('Username').fill(ADMIN.username);
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByRole('alert')).toHaveText('Unable to log in with provided credentials.');
    await shoot(page, 'login');
  });

  await test.step('the question list', async () => {
    await logIn(page);
    await expect(page.getByRole('main').getByRole('listitem')).toHaveCount(3);
    await shoot(page, 'list');
  });

  await test.step('a question, one choice picked', async () => {
    // Django REST framework 4, FastAPI 2, Flask 1, and the vote below makes 5-2-1.
    await topUpVotes(request, { 4: 4, 5: 2, 6: 1 });
    await page.getByRole('link', { name: QUESTION.text, exact: true }).click();
    await page.getByRole('radio', { name: 'Django REST framework', exact: true }).check();
    await expect(page.getByRole('button', { name: 'Vote', exact: true })).toBeEnabled();
    await shoot(page, 'question');
  });

  await test.step('its results', async () => {
    await page.getByRole('button', { name: 'Vote', exact: true }).click();
    await expect(page.getByText(/Thanks for voting!/)).toBeVisible();
    await expect(page.getByText(/^Total: /)).toBeVisible();
    await shoot(page, 'results');
  });
});

test('a screenshot of a knox session about to end: the warning, and both logout buttons', async ({
  page,
}) => {
  // knox on a mock of its own, which the app is pointed at by its config.json.
  const api = await startMockApi({ flavor: 'knox' });
  try {
    await serveRuntimeConfig(page, api.url, 'knox');
    await page.clock.install();
    await logIn(page);
    await expect(page.getByRole('main').getByRole('listitem')).toHaveCount(3);
    // knox's default TTL is 10 hours; the warning comes a minute before the end.
    await page.clock.fastForward('09:59:30');
    await expect(page.getByRole('button', { name: 'Log in again' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Log out on all devices' })).toBeVisible();
    await shoot(page, 'knox');
  } finally {
    await api.stop();
  }
});
