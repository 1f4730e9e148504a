import { chromium, type Browser, type Page } from '@playwright/test';
import { findChromium, QUIET_FLAGS } from '../scripts/chromium.cjs';
import type { Credentials } from '../scripts/servers';

/** The Chromium to drive; exits with a hint when there is none, so call it before starting servers. */
export function chromiumPath(): string {
  return findChromium();
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: QUIET_FLAGS, headless: true });
}

/**
 * Runs in every page before its own scripts and timestamps, with performance.now() (zero
 * at navigation start), the moment the DOM first satisfies each condition. A
 * MutationObserver sees each change as it happens, so the figures do not depend on how
 * often Playwright polls. Plain JavaScript in a string: a compiled TypeScript function
 * could carry bundler helpers that do not exist in the page.
 */
function markerScript(questionTexts: readonly string[]): string {
  return `(() => {
  const questionTexts = new Set(${JSON.stringify(questionTexts)});
  const marks = { formReady: null, clickAt: null, listReady: null };
  Object.defineProperty(window, '__benchMarks', { value: marks });
  const text = (el) => (el.textContent || '').trim();
  const visible = (el) =>
    el instanceof Element && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const usable = (el) => visible(el) && !el.disabled;
  const labelled = (name) => {
    for (const label of document.querySelectorAll('label')) {
      if (text(label) === name && label.control) return label.control;
    }
    return document.querySelector('[aria-label="' + name + '"]');
  };
  const button = (name) => Array.from(document.querySelectorAll('button')).find((b) => text(b) === name);
  const formUsable = () =>
    usable(labelled('Username')) && usable(labelled('Password')) && usable(button('Log in'));
  const listVisible = () =>
    Array.from(document.querySelectorAll('h1')).some((h) => text(h) === 'Polls' && visible(h)) &&
    Array.from(document.querySelectorAll('a')).some((a) => questionTexts.has(text(a)) && visible(a));
  const check = () => {
    const now = performance.now();
    if (marks.formReady === null && formUsable()) marks.formReady = now;
    if (marks.clickAt !== null && marks.listReady === null && listVisible()) marks.listReady = now;
  };
  new MutationObserver(check).observe(document, {
    subtree: true, childList: true, attributes: true, characterData: true,
  });
  addEventListener('DOMContentLoaded', check);
  addEventListener('load', check);
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('button') : null;
    if (marks.clickAt === null && target !== null && target === button('Log in')) {
      marks.clickAt = performance.now();
    }
  }, true);
})();`;
}

interface Marks {
  formReady: number | null;
  clickAt: number | null;
  listReady: number | null;
}

async function readMarks(page: Page): Promise<Marks> {
  return (await page.evaluate('window.__benchMarks')) as Marks;
}

/** Waits until the marker has recorded `key`, and returns the marks. */
async function waitForMark(page: Page, key: keyof Marks, what: string): Promise<Marks> {
  try {
    await page.waitForFunction(`window.__benchMarks && window.__benchMarks.${key} !== null`, null, {
      timeout: 20_000,
    });
  } catch (error) {
    throw new Error(`${what} never happened on ${page.url()}`, { cause: error });
  }
  return readMarks(page);
}

/** Opens a fresh context (no cache, no cookies) with the marker installed. */
export async function freshPage(browser: Browser, questionTexts: readonly string[]): Promise<Page> {
  const context = await browser.newContext();
  await context.addInitScript({ content: markerScript(questionTexts) });
  return context.newPage();
}

/** Navigation start → login form usable, in ms; leaves the page on the form. */
export async function openLogin(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  const marks = await waitForMark(page, 'formReady', 'a usable login form');
  return marks.formReady ?? Number.NaN;
}

/** Fills the form the way a user does and returns click → question list visible, in ms. */
export async function logIn(page: Page, user: Credentials): Promise<number> {
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  const marks = await waitForMark(page, 'listReady', 'the question list after logging in');
  return (marks.listReady ?? Number.NaN) - (marks.clickAt ?? Number.NaN);
}

export interface ScriptRequests {
  /** Same-origin JavaScript paths requested to render /login. */
  readonly login: readonly string[];
  /** Paths requested after logging in, that /login had not loaded. */
  readonly polls: readonly string[];
}

/** Records which JavaScript files the app fetches for /login, then for /polls after logging in. */
export async function recordScripts(
  browser: Browser,
  appUrl: string,
  user: Credentials,
  questionTexts: readonly string[],
): Promise<ScriptRequests> {
  const page = await freshPage(browser, questionTexts);
  const seen: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin === appUrl && /\.m?js$/.test(url.pathname)) seen.push(url.pathname);
  });
  try {
    await openLogin(page, `${appUrl}/login`);
    // Idle network: anything the route preloads after first render counts as /login's.
    await page.waitForLoadState('networkidle');
    const login = [...new Set(seen)];
    await logIn(page, user);
    await page.waitForLoadState('networkidle');
    const polls = [...new Set(seen)].filter((path) => !login.includes(path));
    return { login, polls };
  } finally {
    await page.context().close();
  }
}
