import type { Page } from '@playwright/test';

import { expectNoViolations } from './axe';
import { ADMIN, expect, logIn, test } from './fixtures';

/**
 * What axe cannot judge on its own, checked on every page: one `h1`, a name on every
 * control, and a focus ring that appears on each control a keyboard user tabs to.
 * auth-a11y and polls-a11y run axe on the same pages.
 */
interface PageState {
  readonly name: string;
  readonly h1: string | RegExp;
  /** Opens the page in a fresh, logged-out browser context. */
  readonly open: (page: Page) => Promise<void>;
}

const pages: PageState[] = [
  {
    name: 'login',
    h1: 'Log in',
    open: async (page) => {
      await page.goto('/login');
    },
  },
  {
    name: 'login with a server error',
    h1: 'Log in',
    open: async (page) => {
      await page.goto('/login');
      await page.getByLabel('Username').fill(ADMIN.username);
      await page.getByLabel('Password', { exact: true }).fill('not-the-password');
      await page.getByRole('button', { name: 'Log in' }).click();
      await expect(page.getByRole('alert')).toBeVisible();
    },
  },
  {
    name: 'question list',
    h1: 'Polls',
    open: async (page) => {
      await logIn(page);
      await expect(page.getByRole('main').getByRole('link').first()).toBeVisible();
    },
  },
  {
    name: 'question',
    h1: "What's new?",
    open: async (page) => {
      await logIn(page);
      await page.goto('/polls/1');
      await expect(page.getByRole('radio').first()).toBeVisible();
    },
  },
  {
    name: 'results',
    h1: /What's new\?/,
    open: async (page) => {
      await logIn(page);
      await page.goto('/polls/1/results');
      await expect(page.getByText(/^Total: /)).toBeVisible();
    },
  },
  {
    name: 'polls not-found',
    h1: 'Question not found',
    open: async (page) => {
      await logIn(page);
      await page.goto('/polls/99999');
    },
  },
  {
    name: 'app not-found, signed in',
    h1: 'Page not found',
    open: async (page) => {
      await logIn(page);
      await page.goto('/no-such-page');
    },
  },
  {
    name: 'app not-found, logged out',
    h1: 'Page not found',
    open: async (page) => {
      await page.goto('/no-such-page');
    },
  },
];

/** An outline or box-shadow, as computed for an element or one of its pseudo-elements. */
interface Ring {
  readonly outline: string;
  readonly boxShadow: string;
}

/**
 * The focused control and the rings around it: on the element itself, its ::before and
 * ::after (a list row's link draws its ring on ::after), and its parent (a radio's row
 * draws it with :has). Blurring shows the same places unfocused, so a shadow that is
 * always there does not pass for a focus ring. Tab then goes on from the blurred element.
 */
function ringsOfFocused(): { control: string; focused: Ring[]; unfocused: Ring[] } | null {
  const element = document.activeElement;
  if (!(element instanceof HTMLElement) || element === document.body) return null;
  const rings = (): Ring[] =>
    [
      getComputedStyle(element),
      getComputedStyle(element, '::before'),
      getComputedStyle(element, '::after'),
      ...(element.parentElement ? [getComputedStyle(element.parentElement)] : []),
    ].map((style) => ({
      outline:
        style.outlineStyle === 'none' || parseFloat(style.outlineWidth) === 0
          ? ''
          : `${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}`,
      boxShadow: style.boxShadow === 'none' ? '' : style.boxShadow,
    }));
  const label = element instanceof HTMLInputElement ? element.labels?.[0]?.textContent : null;
  const name = (label ?? element.textContent)?.trim() || element.id;
  const control = `<${element.tagName.toLowerCase()}> ${name}`;
  const focused = rings();
  element.blur();
  return { control, focused, unfocused: rings() };
}

/** How many stops Tab makes through the page: each enabled control, a radio group once. */
function tabStops(): number {
  const selector = 'input, select, textarea, button, a[href], [tabindex="0"]';
  const stops = new Set<string | Element>();
  for (const element of document.querySelectorAll(selector)) {
    if (element.matches(':disabled')) continue;
    const radioGroup = element instanceof HTMLInputElement && element.type === 'radio';
    stops.add(radioGroup ? `radio:${element.name}` : element);
  }
  return stops.size;
}

for (const state of pages) {
  test(`${state.name}: one h1, every control named, a visible focus ring on each`, async ({
    page,
  }) => {
    await state.open(page);
    await expect(page.getByRole('heading', { level: 1, name: state.h1 })).toBeVisible();
    await expect(page.locator('h1')).toHaveCount(1);
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);

    const controls = page.locator('input, select, textarea, button, a[href], [tabindex="0"]');
    for (const control of await controls.all()) {
      await expect(control).toHaveAccessibleName(/\S/);
    }

    // Tab round the whole page once; focus may start on the h1, halfway down.
    const visited: string[] = [];
    for (let presses = 0; presses < 50; presses++) {
      await page.keyboard.press('Tab');
      const rings = await page.evaluate(ringsOfFocused);
      if (!rings) continue;
      if (visited.includes(rings.control)) break;
      visited.push(rings.control);
      const shown = rings.focused.filter(
        (ring, i) =>
          (ring.outline || ring.boxShadow) &&
          JSON.stringify(ring) !== JSON.stringify(rings.unfocused[i]),
      );
      expect(shown, `a focus ring on ${rings.control}`).not.toEqual([]);
    }
    expect(visited).toHaveLength(await page.evaluate(tabStops));
  });
}

test('the app-level not-found page passes axe for a logged-out visitor', async ({ page }) => {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.goto('/no-such-page');
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await expectNoViolations(page);
  }
});
