import type { Page, Route } from '@playwright/test';

import { API_PATHS } from '../api/paths';
import { expect, logIn, test } from './fixtures';

/**
 * States the seeded mock API never produces on its own (an empty list, a server error, a
 * slow answer, a choice deleted meanwhile) are staged by intercepting the app's requests.
 * Everything else goes through to the mock API.
 */

const LIST = `**${API_PATHS.questions}`;

/** A promise the test resolves to let an intercepted request continue. */
function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

/** Logs in and waits on the list with its real data, so later routes only affect what follows. */
async function logInToList(page: Page): Promise<void> {
  await logIn(page);
  await expect(page.getByRole('main').getByRole('listitem').first()).toBeVisible();
}

test('the list says so when there are no polls', async ({ page }) => {
  await logInToList(page);
  await page.route(LIST, (route) => route.fulfill({ json: [] }));

  await page.reload();

  await expect(page.getByText('No polls are available.')).toBeVisible();
  await expect(page.getByRole('main').getByRole('listitem')).toHaveCount(0);
});

test('a failed load shows an error with Retry, and Retry recovers', async ({ page }) => {
  await logInToList(page);
  let failures = 1;
  await page.route(LIST, (route) =>
    failures-- > 0
      ? route.fulfill({ status: 500, json: { detail: 'A server error occurred.' } })
      : route.fallback(),
  );

  await page.reload();

  await expect(page.getByRole('alert')).toContainText('error 500');
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('main').getByRole('listitem').first()).toBeVisible();
});

test('a slow load shows a loading indicator until the answer arrives', async ({ page }) => {
  await logInToList(page);
  const answer = gate();
  await page.route(LIST, async (route: Route) => {
    await answer.opened;
    await route.fallback();
  });

  await page.reload();

  const loading = page.getByRole('status').filter({ hasText: 'Loading polls…' });
  await expect(loading).toHaveCount(1);
  answer.open();
  await expect(page.getByRole('main').getByRole('listitem').first()).toBeVisible();
  await expect(loading).toHaveCount(0);
});

test('voting shows progress, and a refused vote is explained in words', async ({ page }) => {
  await logInToList(page);
  const answer = gate();
  await page.route('**/polls/api/questions/*/vote/', async (route) => {
    await answer.opened;
    await route.fulfill({
      status: 400,
      json: { choice: ['Invalid pk "999" - object does not exist.'] },
    });
  });

  await page.getByRole('main').getByRole('listitem').getByRole('link').first().click();
  await page.getByRole('radio').first().check();
  const vote = page.getByRole('button', { name: 'Vote', exact: true });
  await vote.click();

  await expect(vote).toBeDisabled();
  await expect(page.getByRole('status').filter({ hasText: 'Sending your vote' })).toHaveCount(1);
  answer.open();

  await expect(page.getByRole('alert')).toContainText('That choice is no longer available');
  await expect(page).not.toHaveURL(/results/);
});
