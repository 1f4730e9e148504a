import type { Browser } from '@playwright/test';
import { API_PATHS } from '../api/paths';
import type { Credentials } from '../scripts/servers';
import { freshPage, logIn, openLogin } from './browser';
import type { BenchConfig } from './config';
import { row, type Section } from './report';
import { median } from './stats';

/** The page the baseline for "form usable" loads: the same form, no script, no styles. */
export const PLAIN_FORM_PATH = '/bench-baseline/form.html';
export const PLAIN_FORM = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Log in</title></head>
  <body>
    <main>
      <h1>Log in</h1>
      <form>
        <label for="username">Username</label><input id="username" name="username" />
        <label for="password">Password</label><input id="password" name="password" type="password" />
        <button type="submit">Log in</button>
      </form>
    </main>
  </body>
</html>
`;

interface BrowserTimings {
  readonly formUsableMs: number[];
  readonly plainFormMs: number[];
  readonly loginToListMs: number[];
  readonly rawFetchMs: number[];
}

/**
 * `runs` rounds, each with a fresh context for the app and one for the baseline,
 * interleaved so that a noisy neighbour slows both sides alike.
 */
async function timeBrowser(
  browser: Browser,
  appUrl: string,
  user: Credentials,
  questionTexts: readonly string[],
  runs: number,
): Promise<BrowserTimings> {
  const timings: BrowserTimings = {
    formUsableMs: [],
    plainFormMs: [],
    loginToListMs: [],
    rawFetchMs: [],
  };
  for (let run = 0; run < runs; run++) {
    const app = await freshPage(browser, questionTexts);
    try {
      timings.formUsableMs.push(await openLogin(app, `${appUrl}/login`));
      timings.loginToListMs.push(await logIn(app, user));
    } finally {
      await app.context().close();
    }
    const plain = await freshPage(browser, questionTexts);
    try {
      timings.plainFormMs.push(await openLogin(plain, `${appUrl}${PLAIN_FORM_PATH}`));
      timings.rawFetchMs.push((await plain.evaluate(rawFetch(user))) as number);
    } finally {
      await plain.context().close();
    }
  }
  return timings;
}

/** The least work a client can do for the same result: log in, fetch the questions, parse them. */
function rawFetch(user: Credentials): string {
  return `(async () => {
  const start = performance.now();
  const login = await fetch('${API_PATHS.login}', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(${JSON.stringify(user)}),
  });
  if (!login.ok) throw new Error('login answered ' + login.status);
  const { token } = await login.json();
  const questions = await fetch('${API_PATHS.questions}', { headers: { Authorization: 'Token ' + token } });
  if (!questions.ok) throw new Error('questions answered ' + questions.status);
  await questions.json();
  return performance.now() - start;
})()`;
}

/**
 * How long the user waits in the browser, against the same work done with no framework:
 * navigation until the login form is usable (a static HTML form), and the click on
 * Log in until the question list shows (two bare `fetch` calls).
 */
export async function measureBrowserTimings(
  config: BenchConfig,
  browser: Browser,
  siteUrl: string,
  user: Credentials,
  questionTexts: readonly string[],
): Promise<Section> {
  const timings = await timeBrowser(browser, siteUrl, user, questionTexts, config.browserRuns);
  return {
    details: { ...timings },
    rows: [
      row('navigation → login form usable, median', median(timings.formUsableMs), 'ms', {
        label: 'plain HTML form',
        value: median(timings.plainFormMs),
      }),
      row('click Log in → question list visible, median', median(timings.loginToListMs), 'ms', {
        label: 'raw fetch token+questions',
        value: median(timings.rawFetchMs),
      }),
    ],
  };
}
