import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runCommand } from '../scripts/servers';

/**
 * Production build into `outDir` (not dist/, which other tools may be reading), and the
 * directory the browser files land in.
 */
export async function buildApp(repo: string, outDir: string): Promise<string> {
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
    { cwd: repo, env: { NG_CLI_ANALYTICS: 'false', NO_COLOR: '1' } },
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
