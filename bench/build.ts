import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runCommand } from './processes';

/**
 * gzip -9 size of the tutorial's AngularJS 1.8.3 + ngRoute + ngCookies (minified), before
 * any app code. Quoted from the issue as a reference point, not measured by this run.
 */
export const ANGULARJS_REFERENCE_KB = 65.1;

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

/** kB as Angular's budgets count them: 1 kB = 1000 bytes. */
export function totalKb(files: readonly FileSize[]): number {
  return files.reduce((sum, file) => sum + file.gzipBytes, 0) / 1000;
}

/** The esbuild metafile the build writes with --stats-json, as far as it is read here. */
interface Metafile {
  readonly outputs: Readonly<
    Record<
      string,
      { readonly inputs: Readonly<Record<string, { readonly bytesInOutput: number }>> }
    >
  >;
}

/**
 * Minified bytes each npm package (or "app" for our own code) contributes to the given
 * served files, largest first, from the build's stats.json; empty when there is none.
 * Raw bytes, because gzip sizes do not add up per package; they show where to cut.
 */
export async function bytesByPackage(
  statsFile: string,
  paths: readonly string[],
): Promise<[string, number][]> {
  if (!existsSync(statsFile)) return [];
  const stats = JSON.parse(await readFile(statsFile, 'utf8')) as Metafile;
  const wanted = new Set(paths.map((path) => basename(path)));
  const totals = new Map<string, number>();
  for (const [output, { inputs }] of Object.entries(stats.outputs)) {
    if (!wanted.has(basename(output))) continue;
    for (const [input, { bytesInOutput }] of Object.entries(inputs)) {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? 'app';
      totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...totals].sort(([, a], [, b]) => b - a);
}
