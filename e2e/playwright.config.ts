import { defineConfig, devices } from '@playwright/test';
import { findChromium, QUIET_FLAGS } from '../scripts/chromium.cjs';

/**
 * The browser tests. The servers come from global-setup.ts; the screenshot generator
 * is left out, because it writes the committed docs/screenshots/ (see
 * screenshots.config.ts, `npm run screenshots`), and so are the production tests in
 * prod/, which run against nginx with a config of their own (`npm run test:prod`).
 */
export default defineConfig({
  testDir: '.',
  testIgnore: ['screenshots.spec.ts', 'prod/**'],
  outputDir: '../test-results',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list'], ['junit', { outputFile: '../test-reports/e2e.xml' }]],
  globalSetup: './global-setup.ts',
  use: {
    trace: 'retain-on-failure',
    launchOptions: { executablePath: findChromium(), args: QUIET_FLAGS },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
});
