import { writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import type { BenchConfig } from './config';

/** `score`: a Lighthouse category score, 0 to 100. */
export type Unit = 'kB' | 'req/s' | 'ms' | 'votes' | 'score';

/** A limit a figure must meet; `on` says whether it applies to the value or to the ratio. */
export interface Target {
  readonly on: 'value' | 'ratio';
  readonly op: '<=' | '>=' | '<' | '=';
  readonly limit: number;
}

/** One line of the table. `ratio` is always value / baseline, so its meaning follows the unit. */
export interface Row {
  readonly metric: string;
  readonly value: number;
  readonly unit: Unit;
  readonly baseline: { readonly label: string; readonly value: number } | null;
  readonly ratio: number | null;
  readonly target: Target | null;
  /** null when there is no target: the figure is reported, not judged. */
  readonly pass: boolean | null;
}

/** What one section of the benchmark found. */
export interface Section {
  readonly rows: readonly Row[];
  /** Raw figures, for anyone who wants more than the table. */
  readonly details: Readonly<Record<string, unknown>>;
  /** Correctness checks; any false is a bug, not a slow machine. */
  readonly checks?: Readonly<Record<string, boolean>>;
  /** Lines printed under the table. */
  readonly notes?: readonly string[];
}

export interface Results {
  readonly date: string;
  readonly mode: 'full' | 'smoke';
  /** The run sizes used. */
  readonly config: BenchConfig;
  /** What was served: a production build, an existing one, or the fixture app. */
  readonly app: string;
  readonly node: string;
  readonly cpus: number;
  readonly cpuModel: string;
  readonly platform: string;
  readonly seconds: number;
  readonly rows: readonly Row[];
  /** Correctness checks the run made; any false here is a bug, not a slow machine. */
  readonly checks: Readonly<Record<string, boolean>>;
  /** Lines printed under the table, e.g. where the bundle's bytes come from. */
  readonly notes: readonly string[];
  /** Raw figures, keyed by section. */
  readonly details: Readonly<Record<string, unknown>>;
}

/** Builds a row, computing the ratio against the baseline and judging it against the target. */
export function row(
  metric: string,
  value: number,
  unit: Unit,
  baseline: Row['baseline'],
  target: Target | null = null,
): Row {
  const ratio = baseline && baseline.value > 0 ? value / baseline.value : null;
  const judged = target?.on === 'ratio' ? ratio : value;
  const pass = target && judged !== null ? meets(judged, target) : null;
  return { metric, value, unit, baseline, ratio, target, pass };
}

function meets(x: number, { op, limit }: Target): boolean {
  switch (op) {
    case '<=':
      return x <= limit;
    case '>=':
      return x >= limit;
    case '<':
      return x < limit;
    case '=':
      return x === limit;
  }
}

export function machine(): Pick<Results, 'node' | 'cpus' | 'cpuModel' | 'platform'> {
  const list = cpus();
  return {
    node: process.version,
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    platform: `${process.platform} ${process.arch}`,
  };
}

function formatValue(value: number, unit: Unit): string {
  switch (unit) {
    case 'kB':
      return `${value.toFixed(1)} kB`;
    case 'req/s':
      return `${Math.round(value).toLocaleString('en-US')} req/s`;
    case 'ms':
      return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
    case 'votes':
      return `${value.toLocaleString('en-US')} votes`;
    case 'score':
      return `${Math.round(value)}`;
  }
}

function formatTarget(target: Target | null, unit: Unit): string {
  if (!target) return '-';
  const op = { '<=': '≤', '>=': '≥', '<': '<', '=': '=' }[target.op];
  return target.on === 'ratio'
    ? `ratio ${op} ${target.limit}`
    : `${op} ${formatValue(target.limit, unit)}`;
}

/** The one table, as Markdown: printed, and written into bench/README.md. */
export function formatTable(rows: readonly Row[]): string {
  const header = ['metric', 'value', 'baseline', 'ratio', 'target', 'result'];
  const lines = rows.map((r) => [
    r.metric,
    formatValue(r.value, r.unit),
    r.baseline ? `${formatValue(r.baseline.value, r.unit)} (${r.baseline.label})` : '-',
    r.ratio === null ? '-' : r.ratio.toFixed(2),
    formatTarget(r.target, r.unit),
    r.pass === null ? 'report' : r.pass ? 'pass' : 'MISSED',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const render = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [render(header), render(widths.map((w) => '-'.repeat(w))), ...lines.map(render)].join(
    '\n',
  );
}

/**
 * The results with every fraction rounded to microseconds, the finest grain any figure
 * here has (more digits are noise): what results.json holds, and what the README
 * section is written from, so that both show the same figures.
 */
export function rounded(results: Results): Results {
  return JSON.parse(
    JSON.stringify(results, (_key, value: unknown) =>
      typeof value === 'number' && !Number.isInteger(value)
        ? Math.round(value * 1000) / 1000
        : value,
    ),
  ) as Results;
}

/**
 * Writes the results as JSON, formatted as the repository's Prettier config wants, so
 * `prettier --check .` accepts bench/results.json.
 */
export async function writeResultsJson(file: string, results: Results): Promise<void> {
  // The config is looked up from bench/, also when the file goes elsewhere (smoke).
  const options = await resolveConfig(join(__dirname, 'results.json'));
  await writeFile(file, await format(JSON.stringify(results), { ...options, filepath: file }));
}
