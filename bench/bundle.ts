import type { Browser } from '@playwright/test';
import { basename, join, resolve } from 'node:path';
import type { Credentials } from '../scripts/servers';
import { measureBareApp } from './bare-app';
import { recordScripts } from './browser';
import { budgetMetric, budgetSizes, readBudgets, readMetafile, type Metafile } from './budgets';
import { buildApp, gzipSizes, readBuildScriptEnv, totalKb, type FileSize } from './build';
import { TARGETS, type BenchConfig } from './config';
import { writeFixtureApp } from './fixture-app';
import { row, type Row, type Section } from './report';
import { since } from './stats';

/** What the browser sections serve, and the bare Angular app's scripts when one was built. */
export interface PreparedApp {
  /** The directory served: index.html and the scripts. */
  readonly dist: string;
  /** The build's stats metafile, beside `dist` as `ng build --stats-json` writes it. */
  readonly statsFile: string;
  readonly description: string;
  /** The variables the build ran with, those of `npm run build`; null when not built here. */
  readonly buildEnv: Readonly<Record<string, string>> | null;
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
      buildEnv: null,
      buildMs: null,
      bare: null,
    };
  }
  if (!config.buildApp) {
    const fixture = await writeFixtureApp(join(work, 'fixture-app'));
    return {
      ...layout(fixture),
      description: 'fixture app (smoke)',
      buildEnv: null,
      buildMs: null,
      bare: null,
    };
  }
  const buildEnv = await readBuildScriptEnv(repo);
  log(`production build, as npm run build: ${JSON.stringify(buildEnv)}`);
  const start = performance.now();
  const built = await buildApp(repo, join(work, 'build'), buildEnv);
  const buildMs = since(start);
  log('production build of a bare Angular app: router and HttpClient, no app code');
  const bare = await measureBareApp(repo, join(work, 'bare-app'), buildEnv);
  return { ...layout(built), description: 'production build', buildEnv, buildMs, bare };
}

/** Files the stats do not describe, in {@link bytesByPackage}. */
export const UNATTRIBUTED = '(not in the stats)';

/**
 * Minified bytes each npm package (or "app" for our own code) contributes to the given
 * served files, largest first: each file's bytes on disk, split between packages in the
 * proportions its entry in the stats metafile gives its inputs. The chunk optimizer's
 * stats count each input at its size before the merge, about a quarter more than is
 * written, so only their proportions are used, and the figures add up to the files
 * served. Raw bytes, because gzip sizes do not add up per package; they show where to cut.
 */
export function bytesByPackage(metafile: Metafile, files: readonly FileSize[]): [string, number][] {
  const outputs = new Map(
    Object.entries(metafile.outputs).map(([output, { inputs }]) => [basename(output), inputs]),
  );
  const totals = new Map<string, number>();
  const add = (name: string, bytes: number) => totals.set(name, (totals.get(name) ?? 0) + bytes);
  for (const { path, bytes } of files) {
    const inputs = Object.entries(outputs.get(basename(path)) ?? {});
    const counted = inputs.reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
    if (counted === 0) {
      add(UNATTRIBUTED, bytes);
      continue;
    }
    for (const [input, { bytesInOutput }] of inputs) {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? 'app';
      add(name, (bytes * bytesInOutput) / counted);
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
  const budgets = await budgetSizes(
    app.dist,
    metafile,
    await readBudgets(join(repo, 'angular.json')),
  );
  for (const { budget, bytes } of budgets) {
    rows.push(
      row(budgetMetric(budget), bytes / 1000, 'kB', null, {
        on: 'value',
        op: '<=',
        limit: budget.maximumErrorBytes / 1000,
      }),
    );
  }
  const loginByPackage = metafile ? bytesByPackage(metafile, login) : [];
  if (loginByPackage.length > 0) {
    const parts = loginByPackage.map(([name, bytes]) => `${name} ${(bytes / 1000).toFixed(1)}`);
    notes.push(
      `/login JS by package, minified kB before gzip (each file's bytes split as the build's ` +
        `stats apportion it): ${parts.join(', ')}`,
    );
  }
  if (!metafile) notes.push(`No ${app.statsFile}: bytes by package not measured.`);
  return {
    rows,
    notes,
    details: {
      app: app.description,
      buildEnv: app.buildEnv,
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
