import { defineConfig, devices } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium, QUIET_FLAGS } from '../scripts/chromium.cjs';

/**
 * Each run starts its own mock API and dev server on free ports with a fresh data
 * directory, so it never touches a developer's data or a server on 3000/4200.
 * The values are chosen once in the main process and inherited by the workers.
 */
function freePort(): string {
  const script =
    "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
}

process.env['E2E_API_PORT'] ||= freePort();
process.env['E2E_APP_PORT'] ||= freePort();
process.env['E2E_DATA_DIR'] ||= mkdtempSync(join(tmpdir(), 'polls-e2e-'));

const apiPort = process.env['E2E_API_PORT'];
const appPort = process.env['E2E_APP_PORT'];
const dataDir = process.env['E2E_DATA_DIR'];
const apiURL = `http://127.0.0.1:${apiPort}`;
const mockApi = `npx tsx mock-api/main.ts`;

export default defineConfig({
  testDir: '.',
  outputDir: '../test-results',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list'], ['junit', { outputFile: '../test-reports/e2e.xml' }]],
  globalTeardown: './global-teardown.ts',
  use: {
    baseURL: `http://localhost:${appPort}`,
    trace: 'retain-on-failure',
    launchOptions: { executablePath: findChromium(), args: QUIET_FLAGS },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: [
    {
      name: 'mock-api',
      command:
        `${mockApi} createuser alice --password wonderland --data ${dataDir} && ` +
        `${mockApi} serve --host 127.0.0.1 --port ${apiPort} --data ${dataDir} --quiet`,
      cwd: '..',
      url: `${apiURL}/polls/api/questions/`,
      // Playwright counts a 401 as "up", and the API answers 401 without a token.
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      name: 'app',
      command: `npx ng serve --port ${appPort} --host localhost --no-hmr --no-live-reload`,
      cwd: '..',
      env: { API_TARGET: apiURL, NG_CLI_ANALYTICS: 'false' },
      url: `http://localhost:${appPort}/`,
      reuseExistingServer: false,
      timeout: 180_000,
    },
  ],
});
