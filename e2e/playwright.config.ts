import { defineConfig, devices } from '@playwright/test';
import { findChromium, QUIET_FLAGS } from '../scripts/chromium.cjs';
import { API_UNDER_TEST } from './api-under-test';

/**
 * Against the real Django server (E2E_API=drf): the flows that meet the API, namely
 * login, the guard, the list, voting, the results, logout, a revoked token and other
 * tabs, and the login and logout of djoser. The rest (page states, accessibility) is the
 * app's own and runs once, on the mock.
 */
const DRF_SPECS = ['app.spec.ts', 'auth.spec.ts', 'polls.spec.ts', 'flavors.spec.ts'];

/**
 * The browser tests. The servers come from global-setup.ts; the screenshot generator
 * is left out, because it writes the committed docs/screenshots/ (see
 * screenshots.config.ts, `npm run screenshots`), and so are the production tests in
 * prod/, which run against nginx with a config of their own (`npm run test:prod`).
 */
export default defineConfig({
  testDir: '.',
  testIgnore: ['screenshots.spec.ts', 'prod/**'],
  ...(API_UNDER_TEST === 'drf' ? { testMatch: DRF_SPECS } : {}),
  outputDir: '../test-results',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [
    ['list'],
    [
      'junit',
      { outputFile: `../test-reports/${API_UNDER_TEST === 'drf' ? 'e2e-drf' : 'e2e'}.xml` },
    ],
  ],
  globalSetup: './global-setup.ts',
  use: {
    trace: 'retain-on-failure',
    launchOptions: { executablePath: findChromium(), args: QUIET_FLAGS },
  },
  projects: [
    {
      name: API_UNDER_TEST === 'drf' ? 'chromium, drf-server' : 'chromium',
      use: { ...devices['Desktop Chrome'] },
    },
  ],
});
