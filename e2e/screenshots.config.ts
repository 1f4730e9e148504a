import { defineConfig } from '@playwright/test';
import tests from './playwright.config';

/**
 * `npm run screenshots`: only the generator, which rewrites docs/screenshots/*.png
 * for the README, with the same servers as the tests. Its report is the terminal, not
 * test-reports/, so it never counts as a test.
 */
export default defineConfig(tests, {
  testIgnore: [],
  testMatch: 'screenshots.spec.ts',
  reporter: 'list',
});
