import type { Browser } from '@playwright/test';
import { basename, join, resolve } from 'node:path';
import type { Credentials } from '../scripts/servers';
import { measureBareApp } from './bare-app';
import { recordScripts } from './browser';
import { budgetMetric, budgetSizes, readBudgets, readMetafile, type Metafile } from './budgets';
import { buildApp, gzipSizes, totalKb, type FileSize } from './build';
import { TARGETS, type BenchConfig } from './config';
import { writeFixtureApp } from './fixture-app';
import { row, type Row, type Section } from './report';
import { since } from './stats';

/** What the browser sections serve, and the bare Angular app's scripts when one was built. */
export interface PreparedApp {
  /** The directory served: index.html and the scripts. */
  readonly dist: string;
  /** The build's esbuild metafile, beside `dist` as `ng build --stats-json` writes it. */
  readonly statsFile: string;
  readonly description: string;
  readonly buildMs: number | null;
  readonly bare: readonly FileSize[] | null;
}

/**
 * The directory to serve: a fresh production build, an existing one (`dist`), or the
 * fixture app (smoke). A fresh build comes with a build of the bare Angular app, the
 * bundle's baseline.
 */
export async function prepareApp(
  repo: string,
  config: BenchConfig,
  dist: string | undefined,
  work: string,
  log: (message: string) => void,
): Promise<PreparedApp> {
  const layout = (browserDir: string) => ({
    dist: browserDir,
    statsFile: join(browserDir, '..', 'stats.json'),
  });
  if (dist) {
    const existing = resolve(dist);
    return {
      ...layout(existing),
      description: `existing build ${existing}`,
      buildMs: null,
      bare: null,
    };
  }
  if (!config.buildApp) {
    const fixture = await writeFixtureApp(join(work, 'fixture-app'));
    return { ...layout(fixture), description: 'fixture app (smoke)', buildMs: null, bare: null };
  }
  log('production build');
  const start = performance.now();
  const built = await buildApp(repo, join(work, 'build'));
  const buildMs = since(start);
  log('production build of a bare Angular app: router and HttpClient, no app code');
  const bare = await measureBareApp(repo, join(work, 'bare-app'));
  return { ...layout(built), description: 'production build', buildMs, bare };
}

/**
 * Minified bytes each npm package (or "app" for our own code) contributes to the given
 * served files, largest first. Raw bytes, because gzip sizes do not add up per package;
 * they show where to cut.
 */
function bytesByPackage(metafile: Metafile, paths: readonly string[]): [string, number][] {
  const wanted = new Set(paths.map((path) => basename(path)));
  const totals = new Map<string, number>();
  for (const [output, { inputs }] of Object.entries(metafile.outputs)) {
    if (!wanted.has(basename(output))) continue;
    for (const [input, { bytesInOutput }] of Object.entries(inputs)) {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? 'app';
      totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...totals].sort(([, a], [, b]) => b - a);
}

/**
 * What the browser downloads: every same-origin script `/login` requests, then the
 * ones logging in adds, each gzip -9 from the build directory; the bare Angular app's
 * scripts the same way; and the raw sizes angular.json's budgets limit, computed as
 * Angular computes them, against those budgets.
 */
export async function measureBundle(
  repo: string,
  app: PreparedApp,
  browser: Browser,
  siteUrl: string,
  user: Credentials,
  questionTexts: readonly string[],
): Promise<Section> {
  const scripts = await recordScripts(browser, siteUrl, user, questionTexts);
  const login = await gzipSizes(app.dist, scripts.login);
  const polls = await gzipSizes(app.dist, scripts.polls);
  const loginKb = totalKb(login);
  const rows: Row[] = [
    row('/login JS, gzip -9', loginKb, 'kB', null, {
      on: 'value',
      op: '<=',
      limit: TARGETS.loginJsGzipKb,
    }),
    row('polls feature JS, gzip -9', totalKb(polls), 'kB', null, {
      on: 'value',
      op: '<=',
      limit: TARGETS.pollsJsGzipKb,
    }),
  ];
  if (app.bare) {
    rows.push(
      row('/login JS vs bare Angular app', loginKb, 'kB', {
        label: 'router+HttpClient, no app code, built',
        value: totalKb(app.bare),
      }),
    );
  }
  const notes: string[] = [];
  const metafile = await readMetafile(app.statsFile);
  const budgets = metafile
    ? await budgetSizes(app.dist, metafile, await readBudgets(join(repo, 'angular.json')))
    : [];
  for (const { budget, bytes } of budgets) {
    rows.push(
      row(budgetMetric(budget), bytes / 1000, 'kB', null, {
        on: 'value',
        op: '<=',
        limit: budget.maximumErrorBytes / 1000,
      }),
    );
  }
  const loginByPackage = metafile ? bytesByPackage(metafile, scripts.login) : [];
  if (loginByPackage.length > 0) {
    const parts = loginByPackage.map(([name, bytes]) => `${name} ${(bytes / 1000).toFixed(1)}`);
    notes.push(`/login JS by package, minified kB before gzip: ${parts.join(', ')}`);
  }
  if (!metafile) notes.push(`No ${app.statsFile}: budgets and bytes by package not measured.`);
  return {
    rows,
    notes,
    details: {
      app: app.description,
      buildMs: app.buildMs,
      login,
      polls,
      loginRawKb: totalKb(login, 'bytes'),
      pollsRawKb: totalKb(polls, 'bytes'),
      loginByPackage,
      budgets,
      bareApp: app.bare,
    },
  };
}
