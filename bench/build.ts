import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runCommand } from '../scripts/servers';

/**
 * The variables a package.json `build` script of the form `NAME=value … ng build` sets,
 * such as `NG_BUILD_OPTIMIZE_CHUNKS=1`. The bench builds with them, so it measures what
 * `npm run build` writes; any other form of the script is refused rather than half
 * followed.
 */
export function buildScriptEnv(script: string): Record<string, string> {
  const match = /^((?:[A-Za-z_]\w*=\S*\s+)*)ng build$/.exec(script.trim());
  if (!match) {
    throw new Error(
      `cannot build as the build script "${script}" does: expected NAME=value … ng build`,
    );
  }
  const assignments = (match[1] ?? '').split(/\s+/).filter((part) => part !== '');
  return Object.fromEntries(
    assignments.map((part) => [
      part.slice(0, part.indexOf('=')),
      part.slice(part.indexOf('=') + 1),
    ]),
  );
}

/** {@link buildScriptEnv} of the `build` script in `repo`'s package.json. */
export async function readBuildScriptEnv(repo: string): Promise<Record<string, string>> {
  const manifest: unknown = JSON.parse(await readFile(join(repo, 'package.json'), 'utf8'));
  const scripts =
    typeof manifest === 'object' && manifest !== null && 'scripts' in manifest
      ? manifest.scripts
      : null;
  const build =
    typeof scripts === 'object' && scripts !== null && 'build' in scripts ? scripts.build : null;
  if (typeof build !== 'string') throw new Error(`${repo}/package.json has no build script`);
  return buildScriptEnv(build);
}

/**
 * Production build of the workspace in `repo` into `outDir` (not dist/, which other
 * tools may be reading), with the variables `env` sets (those of `npm run build`), and
 * the directory the browser files land in.
 */
export async function buildApp(
  repo: string,
  outDir: string,
  env: Readonly<Record<string, string>>,
): Promise<string> {
  await runCommand(
    join(repo, 'node_modules', '.bin', 'ng'),
    [
      'build',
      '--configuration',
      'production',
      '--output-path',
      outDir,
      '--no-progress',
      '--stats-json',
    ],
    { cwd: repo, env: { ...env, NG_CLI_ANALYTICS: 'false', NO_COLOR: '1' } },
  );
  const browserDir = join(outDir, 'browser');
  if (!existsSync(join(browserDir, 'index.html'))) {
    throw new Error(`the build left no ${join(browserDir, 'index.html')}`);
  }
  return browserDir;
}

export interface FileSize {
  readonly path: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

/** Raw and gzip -9 sizes of the served paths, read from the build directory. */
export async function gzipSizes(root: string, paths: readonly string[]): Promise<FileSize[]> {
  return Promise.all(
    paths.map(async (path) => {
      const content = await readFile(join(root, decodeURIComponent(path)));
      return { path, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
    }),
  );
}

/** Summed gzip -9 (or raw) size in kB as Angular's budgets count them: 1 kB = 1000 bytes. */
export function totalKb(
  files: readonly FileSize[],
  size: 'gzipBytes' | 'bytes' = 'gzipBytes',
): number {
  return files.reduce((sum, file) => sum + file[size], 0) / 1000;
}
