import { expect, logIn, test } from './fixtures';
import { expectNoViolations } from './axe';

for (const colorScheme of ['light', 'dark'] as const) {
  test(`every polls page passes axe in ${colorScheme} colours`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await logIn(page);

    const firstQuestion = page.getByRole('main').getByRole('listitem').getByRole('link').first();
    await expect(firstQuestion).toBeVisible();
    await expectNoViolations(page);

    await firstQuestion.click();
    await page.getByRole('radio').first().check();
    await expectNoViolations(page);

    await page.getByRole('button', { name: 'Vote', exact: true }).click();
    await expect(page.getByText(/^Total: /)).toBeVisible();
    await expectNoViolations(page);

    await page.goto('/polls/99999');
    await expect(page.getByRole('heading', { level: 1, name: 'Question not found' })).toBeVisible();
    await expectNoViolations(page);
  });
}
