import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

import { expect, logIn, test } from './fixtures';

/** Axe's WCAG 2.1 A/AA rules on the page as it is now. */
async function expectNoViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(
    results.violations.map(({ id, nodes }) => ({ id, targets: nodes.map((n) => n.target) })),
  ).toEqual([]);
}

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
