import { defineConfig, devices } from '@playwright/test';
import browserTests from '../playwright.config';

/**
 * The production setup: the built app behind nginx running deploy/nginx.conf over HTTPS,
 * started by global-setup.ts on free ports with a fresh self-signed certificate (hence
 * `ignoreHTTPSErrors`, here only) and fresh mock data. The rest as in the browser tests.
 */
export default defineConfig({
  ...browserTests,
  testDir: '.',
  testIgnore: undefined,
  outputDir: '../../test-results/prod',
  reporter: [['list'], ['junit', { outputFile: '../../test-reports/prod.xml' }]],
  globalSetup: './global-setup.ts',
  use: { ...browserTests.use, ignoreHTTPSErrors: true },
  projects: [{ name: 'prod', use: { ...devices['Desktop Chrome'] } }],
});
