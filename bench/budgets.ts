import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';

/**
 * A size budget of `angular.json`'s production build that limits files the benchmark
 * can measure: `initial` (every file index.html loads, scripts and styles) or one named
 * `bundle` (a chunk, named after its entry file). Angular fails the build above
 * `maximumError`.
 */
export interface Budget {
  readonly type: 'initial' | 'bundle';
  /** The chunk's name, for a `bundle` budget. */
  readonly name?: string;
  /** As written in angular.json, e.g. "278kB". */
  readonly maximumError: string;
  readonly maximumErrorBytes: number;
}

/** What the build has for one budget: raw bytes on disk, as Angular counts them. */
export interface BudgetSize {
  readonly budget: Budget;
  readonly bytes: number;
  readonly files: readonly string[];
}

/** The table's name for a budget's row. */
export function budgetMetric(budget: Budget): string {
  return budget.type === 'initial'
    ? 'initial files (JS+CSS), raw'
    : `${budget.name ?? ''} chunk, raw`;
}

/**
 * A budget size in bytes, with Angular's units (1 kB = 1000 bytes, no unit = bytes).
 * Sizes relative to a baseline (`%`) mean nothing without one, so they are refused.
 */
export function budgetBytes(size: string): number {
  const match = /^(\d+(?:\.\d+)?)[ \t]*([kmg]?b)?$/i.exec(size.trim());
  if (!match) throw new Error(`unreadable budget size "${size}"`);
  const factor = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9 }[(match[2] ?? 'b').toLowerCase()] ?? 1;
  return Number(match[1]) * factor;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `initial` and `bundle` budgets with a `maximumError` of every project's production build. */
export async function readBudgets(angularJson: string): Promise<Budget[]> {
  const config: unknown = JSON.parse(await readFile(angularJson, 'utf8'));
  const projects = isRecord(config) && isRecord(config['projects']) ? config['projects'] : {};
  const budgets: Budget[] = [];
  for (const project of Object.values(projects)) {
    const build = isRecord(project) && isRecord(project['architect']) && project['architect'];
    const target = isRecord(build) && isRecord(build['build']) ? build['build'] : {};
    const configurations = isRecord(target['configurations']) ? target['configurations'] : {};
    const production = isRecord(configurations['production']) ? configurations['production'] : {};
    const list = Array.isArray(production['budgets']) ? production['budgets'] : [];
    for (const entry of list) {
      if (!isRecord(entry) || typeof entry['maximumError'] !== 'string') continue;
      const { type, name, maximumError } = entry;
      if (type === 'initial') {
        budgets.push({ type, maximumError, maximumErrorBytes: budgetBytes(maximumError) });
      } else if (type === 'bundle' && typeof name === 'string') {
        budgets.push({ type, name, maximumError, maximumErrorBytes: budgetBytes(maximumError) });
      }
    }
  }
  if (budgets.length === 0) throw new Error(`${angularJson} sets no initial or bundle budget`);
  return budgets;
}

/** The files index.html loads itself: scripts, module preloads and style sheets. */
export function initialFiles(indexHtml: string): string[] {
  const files = new Set<string>();
  for (const [, path] of indexHtml.matchAll(
    /<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+\.(?:m?js|css))"/g,
  )) {
    if (path) files.add(path.replace(/^\//, ''));
  }
  return [...files];
}

/** The esbuild metafile the build writes with --stats-json, as far as it is read here. */
export interface Metafile {
  readonly outputs: Readonly<
    Record<
      string,
      {
        readonly entryPoint?: string;
        /** Set on a component's style sheet, which is written into its script, not to disk. */
        readonly 'ng-component'?: boolean;
        readonly inputs: Readonly<Record<string, { readonly bytesInOutput: number }>>;
      }
    >
  >;
}

export async function readMetafile(statsFile: string): Promise<Metafile | null> {
  return existsSync(statsFile) ? (JSON.parse(await readFile(statsFile, 'utf8')) as Metafile) : null;
}

/** A chunk's name as Angular gives it: its entry file's name, e.g. `polls-routes`. */
function chunkName(entryPoint: string): string {
  return basename(entryPoint)
    .replace(/(.*:)/, '')
    .replace(/\.[cm]?[jt]s$/, '')
    .replace(/[\\/.]/g, '-');
}

/**
 * The raw size of each budget's files in the build in `browserDir`, read from disk as
 * Angular counts them: `initial` is every script and style sheet index.html loads, a
 * `bundle` budget the chunk Angular names so. Names come from the stats metafile's
 * entry points, as Angular takes them; a metafile naming a file the build did not write
 * is an error, so the sizes are always those of the files served. With
 * NG_BUILD_OPTIMIZE_CHUNKS lazy chunks have no entry point, hence no name, and Angular
 * skips a budget naming one: that, and any name the build does not have, is an error
 * here, where Angular would measure 0 bytes and pass it forever.
 */
export async function budgetSizes(
  browserDir: string,
  metafile: Metafile | null,
  budgets: readonly Budget[],
): Promise<BudgetSize[]> {
  const size = async (file: string) => (await stat(join(browserDir, file))).size;
  const named = new Map<string, string[]>();
  for (const [output, entry] of Object.entries(metafile?.outputs ?? {})) {
    if (!/\.(js|css)$/.test(output) || entry['ng-component']) continue;
    if (!existsSync(join(browserDir, output))) {
      throw new Error(`the stats name ${output}, which the build in ${browserDir} did not write`);
    }
    if (!entry.entryPoint) continue;
    const name = chunkName(entry.entryPoint);
    named.set(name, [...(named.get(name) ?? []), basename(output)]);
  }
  const index = await readFile(join(browserDir, 'index.html'), 'utf8');
  return Promise.all(
    budgets.map(async (budget) => {
      const files = budget.type === 'initial' ? initialFiles(index) : named.get(budget.name ?? '');
      if (!files || files.length === 0) {
        throw new Error(
          budget.type === 'initial'
            ? 'index.html loads no script or style sheet for the initial budget'
            : `the build names no chunk "${budget.name ?? ''}" (lazy chunks have no names with ` +
                `NG_BUILD_OPTIMIZE_CHUNKS): Angular measures its bundle budget at 0 bytes and passes it`,
        );
      }
      const sizes = await Promise.all(files.map(size));
      return { budget, bytes: sizes.reduce((sum, bytes) => sum + bytes, 0), files };
    }),
  );
}
