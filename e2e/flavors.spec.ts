/**
 * One build, every DRF token backend: the app logs in, lists and logs out with each, the
 * backend named in its runtime config as a deployment names it. Each backend is an API of
 * its own (the mock with `--flavor`, or with E2E_API=drf the real djoser in drf-server),
 * on its own origin; the run's one dev server serves the app, and `config.json`, answered
 * here, points the app at that origin and names the backend.
 */
import type { Request } from '@playwright/test';

import { API_PATHS, AUTH_FLAVORS, FLAVOR_PATHS, type AuthFlavor } from '../api/paths';
import type { Question } from '../api/types';
import { startDrfServer, startMockApi, type RunningServer } from '../scripts/servers';
import { API_UNDER_TEST } from './api-under-test';
import { ADMIN, expect, logIn, serveRuntimeConfig, test, tokenCookie } from './fixtures';

/** The backends of this run, and how to start an API that serves each. */
const BACKENDS: readonly {
  flavor: AuthFlavor;
  what: string;
  start: () => Promise<RunningServer>;
}[] =
  API_UNDER_TEST === 'drf'
    ? [
        {
          flavor: 'djoser',
          what: 'drf-server with djoser',
          start: () => startDrfServer({ djoser: true }),
        },
      ]
    : AUTH_FLAVORS.map((flavor) => ({
        flavor,
        what: `the mock API --flavor ${flavor}`,
        start: () => startMockApi({ flavor }),
      }));

/** What the API answers to a list request with `token`. */
async function listWith(apiUrl: string, token: string): Promise<Response> {
  return fetch(apiUrl + API_PATHS.questions, { headers: { Authorization: `Token ${token}` } });
}

for (const { flavor, what, start } of BACKENDS) {
  test.describe(`with ${what}`, () => {
    // Unset when beforeAll failed: afterAll must not hide that error behind one of its own.
    let api: RunningServer | undefined;

    test.beforeAll(async () => {
      api = await start();
    });

    test.afterAll(async () => {
      await api?.stop();
    });

    test(`logs in at ${FLAVOR_PATHS[flavor].login}, lists, and logs out at ${FLAVOR_PATHS[flavor].logout}; the old key is refused`, async ({
      page,
    }) => {
      const apiUrl = api?.url ?? '';
      await serveRuntimeConfig(page, apiUrl, flavor);
      const sent: Request[] = [];
      page.on('request', (request) => {
        if (request.url().startsWith(apiUrl) && request.method() !== 'OPTIONS') sent.push(request);
      });

      await page.goto('/login');
      await logIn(page, ADMIN);
      await expect(page).toHaveURL('/polls');
      const key = (await tokenCookie(page))?.value ?? '';
      const listed = await listWith(apiUrl, key);
      expect(listed.status).toBe(200);
      const [first] = (await listed.json()) as Question[];
      await expect(
        page.getByRole('link', { name: first?.question_text ?? 'a question', exact: true }),
      ).toBeVisible();

      await page.getByRole('button', { name: 'Log out', exact: true }).click();
      await expect(page).toHaveURL('/login');
      await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
      // Revoked: no message that the token may still be valid.
      await expect(page.getByRole('alert')).toHaveCount(0);
      expect(await tokenCookie(page)).toBeUndefined();

      expect(
        sent.map((request) => `${request.method()} ${new URL(request.url()).pathname}`),
      ).toEqual([
        `POST ${FLAVOR_PATHS[flavor].login}`,
        `GET ${API_PATHS.questions}`,
        `POST ${FLAVOR_PATHS[flavor].logout}`,
      ]);
      const refused = await listWith(apiUrl, key);
      expect(refused.status).toBe(401);
      expect(await refused.json()).toEqual({ detail: 'Invalid token.' });
    });
  });
}
