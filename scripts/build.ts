/** The production build, made by `npm run build` when it is missing or older than its sources. */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { BROWSER_DIR } from './compress';

const ROOT = resolve(__dirname, '..');
/** What the build reads: a change to any of them makes it stale. */
const SOURCES = [
  'src',
  'public',
  'angular.json',
  'tsconfig.json',
  'tsconfig.app.json',
  'package-lock.json',
];

async function newestMtime(path: string): Promise<number> {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) return 0;
  if (!stats.isDirectory()) return stats.mtimeMs;
  const entries = await readdir(path, { recursive: true });
  return Math.max(stats.mtimeMs, ...entries.map((entry) => statSync(join(path, entry)).mtimeMs));
}

/** Whether the build is missing or older than a source file. */
async function buildIsStale(): Promise<boolean> {
  const built = statSync(join(BROWSER_DIR, 'index.html'), { throwIfNoEntry: false });
  if (!built) return true;
  const sources = await Promise.all(SOURCES.map((source) => newestMtime(join(ROOT, source))));
  return Math.max(...sources) > built.mtimeMs;
}

/** Runs `npm run build` (its postbuild compresses) when the build is stale; throws if it fails. */
export async function ensureBuild(log: (line: string) => void = console.log): Promise<void> {
  if (!(await buildIsStale())) return;
  log('building the app (npm run build)...');
  const { status } = spawnSync('npm', ['run', '--silent', 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (status !== 0) throw new Error(`npm run build exited with ${status ?? 'a signal'}`);
}
