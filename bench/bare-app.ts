import { cp, readdir, readFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { buildApp, gzipSizes, type FileSize } from './build';

/**
 * Copies the bare Angular app (`bare-app/`: one root component with a router outlet,
 * `provideRouter`, and `provideHttpClient` with one functional interceptor, no styles
 * or code of its own) into `dir`, builds it for production with the repository's
 * installed packages and the app's build variables (`env`, so both are built alike), and
 * returns the sizes of every script it serves: the framework's floor, what any Angular
 * client of a token API downloads before its own code.
 */
export async function measureBareApp(
  repo: string,
  dir: string,
  env: Readonly<Record<string, string>>,
): Promise<FileSize[]> {
  await cp(join(__dirname, 'bare-app'), dir, { recursive: true });
  await symlink(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const browserDir = await buildApp(dir, join(dir, 'dist'), env);
  const scripts = (await readdir(browserDir)).filter((name) => name.endsWith('.js'));
  const code = await Promise.all(scripts.map((name) => readFile(join(browserDir, name), 'utf8')));
  assertBareAppComplete(code.join('\n'));
  return gzipSizes(browserDir, scripts);
}

const REQUIRED: readonly (readonly [string, RegExp])[] = [
  ['the router outlet', /router-outlet/],
  ["HttpClient's XMLHttpRequest backend", /XMLHttpRequest/],
];

/**
 * Throws unless the scripts hold the router's outlet and HttpClient's XHR backend:
 * without them the floor would be measured too low.
 */
export function assertBareAppComplete(code: string): void {
  const missing = REQUIRED.filter(([, pattern]) => !pattern.test(code)).map(([what]) => what);
  if (missing.length > 0) {
    throw new Error(`the bare Angular app's scripts lack ${missing.join(' and ')}`);
  }
}
