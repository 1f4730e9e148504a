import { expect, test } from './fixtures';

test('a logged-out visitor who opens the app lands on the login form', async ({ page }) => {
  await page.goto('/');

  await expect(page).toHaveURL(/\/login\?returnUrl=%2Fpolls$/);
  await expect(page).toHaveTitle(/Polls/);
  await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
  await expect(page.getByLabel('Username')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
});
