/**
 * `npm run bench`: runs every section of the benchmark, each against a baseline measured
 * in the same run (the machine is shared, so only ratios compare across runs), prints
 * one table, and writes bench/results.json and the results section of bench/README.md
 * from the same data. Exits non-zero on errors only: a missed target is reported in the
 * table, not as a failure. An unknown option is one line and exit code 2; Ctrl-C or
 * SIGTERM stops everything and exits 128 + the signal's number.
 *
 *   tsx bench/run.ts                full run
 *   tsx bench/run.ts --smoke        tiny sizes and a fixture app, to prove the code works
 *   --dist DIR                      measure an existing build's browser/ directory
 *   --results FILE                  where to write the results (smoke: a temp file)
 *   --readme FILE                   whose results section to rewrite (smoke: none)
 */
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { constants, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { requirePackages } from '../scripts/nginx';
import { startMockApi, stopAll } from '../scripts/servers';
import { launchBrowser, chromiumPath } from './browser';
import { measureBrowserTimings, PLAIN_FORM, PLAIN_FORM_PATH } from './browser-timings';
import { measureBundle, prepareApp } from './bundle';
import { FULL, SMOKE, type BenchConfig } from './config';
import { closeConnections } from './http';
import { startJsonServer } from './json-server';
import { measureLighthouse } from './lighthouse';
import { measureLogin } from './login';
import { fetchQuestions, prepareStore } from './mock-api';
import { updateReadme } from './readme';
import {
  formatTable,
  machine,
  rounded,
  writeResultsJson,
  type Results,
  type Section,
} from './report';
import { startStaticServer } from './static-server';
import { since } from './stats';
import { measureStoreSize } from './store-size';
import { measureTokenCheck } from './token-check';
import { measureVotes } from './votes';

const REPO = resolve(__dirname, '..');

/** Work folders of runs in progress, removed even when the run is interrupted. */
const workDirs = new Set<string>();

/** The table's order, whatever order the sections run in. */
const SECTIONS = [
  'bundle',
  'tokenCheck',
  'storeSize',
  'votes',
  'login',
  'browserTimings',
  'lighthouse',
] as const;
type SectionName = (typeof SECTIONS)[number];

interface RunOptions {
  /** An existing build's browser directory: skips the build. */
  readonly dist?: string;
  readonly resultsFile: string;
  readonly readmeFile?: string;
}

function log(message: string): void {
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

/** Runs every section, writes the results file (and README section) and returns the results. */
async function runBench(config: BenchConfig, options: RunOptions): Promise<Results> {
  const started = performance.now();
  // Missing programs stop the run with their one-line hint before anything starts.
  chromiumPath();
  try {
    requirePackages();
  } catch (error) {
    throw new MissingPackages(error instanceof Error ? error.message : String(error));
  }
  const done = new Map<SectionName, Section>();
  const work = await mkdtemp(join(tmpdir(), 'polls-bench-'));
  workDirs.add(work);
  let app = '';
  try {
    // Build first, while nothing else competes for the cores.
    const prepared = await prepareApp(REPO, config, options.dist, work, log);
    app = prepared.description;
    log(`token store of ${config.smallStore} users`);
    const store = await prepareStore(join(work, 'small'), config.smallStore);
    const api = await startMockApi({ dataDir: store.dir });
    const questions = await fetchQuestions(api.url, store.token);
    const jsonServer = await startJsonServer(REPO, join(work, 'json-server'), questions);

    log('token check: mock API against stock json-server');
    done.set('tokenCheck', await measureTokenCheck(config, api, jsonServer, store.token));
    done.set('storeSize', await measureStoreSize(config, store, work, log));
    log(`votes: ${config.votes} over ${config.voteConnections} connections`);
    done.set('votes', await measureVotes(config, store, questions, jsonServer, work));
    await jsonServer.stop();
    log(`login: ${config.logins} sequential logins, then the bare hash as many times`);
    done.set('login', await measureLogin(config, api, store.user, store.hash));

    const site = await startStaticServer(prepared.dist, api.url, { [PLAIN_FORM_PATH]: PLAIN_FORM });
    const browser = await launchBrowser();
    try {
      const texts = questions.map((q) => q.question_text);
      log('bundle: scripts requested by /login and then by /polls');
      done.set('bundle', await measureBundle(REPO, prepared, browser, site.url, store.user, texts));
      log(`browser timings: ${config.browserRuns} runs, each in a fresh context`);
      done.set(
        'browserTimings',
        await measureBrowserTimings(config, browser, site.url, store.user, texts),
      );
    } finally {
      await browser.close();
      await site.close();
    }
    const pages = config.lighthousePages.join(' and ');
    log(`lighthouse: ${pages} on nginx over https and on the plain static server`);
    done.set('lighthouse', await measureLighthouse(config, prepared.dist, work, log));
  } finally {
    await stopAll();
    closeConnections();
    await rm(work, { recursive: true, force: true });
    workDirs.delete(work);
  }

  const sections = SECTIONS.map((name) => {
    const section = done.get(name);
    if (!section) throw new Error(`the ${name} section did not run`);
    return [name, section] as const;
  });
  const rows = sections.flatMap(([, s]) => s.rows);
  const results = rounded({
    date: new Date().toISOString(),
    mode: config.mode,
    config,
    app,
    ...machine(),
    seconds: Math.round(since(started) / 100) / 10,
    rows,
    notes: sections.flatMap(([, s]) => s.notes ?? []),
    checks: {
      ...Object.fromEntries(sections.flatMap(([, s]) => Object.entries(s.checks ?? {}))),
      // Every figure is a count, a size or a duration: zero means something measured nothing.
      figuresPositive: rows.every((r) => r.value > 0),
    },
    details: Object.fromEntries(sections.map(([name, s]) => [name, s.details])),
  });
  await writeResultsJson(options.resultsFile, results);
  if (options.readmeFile) await updateReadme(options.readmeFile, results);
  return results;
}

/** A mistake on the command line: one line, exit code 2, and nothing started. */
class UsageError extends Error {}

/** nginx, its brotli module or openssl is not installed: the install command, exit code 1. */
class MissingPackages extends Error {}

function parseOptions(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      options: {
        smoke: { type: 'boolean', default: false },
        dist: { type: 'string' },
        results: { type: 'string' },
        readme: { type: 'string' },
      },
    }).values;
  } catch (error) {
    // Node's message goes on with a hint about positionals; its first sentence is the point.
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(
      `${message.split(/\.\s/)[0].replace(/\.$/, '')}; the options are ` +
        '--smoke, --dist DIR, --results FILE and --readme FILE',
    );
  }
}

async function main(): Promise<void> {
  const values = parseOptions(process.argv.slice(2));
  const config = values.smoke ? SMOKE : FULL;
  const resultsFile = resolve(
    values.results ??
      (values.smoke ? join(tmpdir(), 'polls-bench-smoke.json') : join(__dirname, 'results.json')),
  );
  const readme = values.readme ?? (values.smoke ? undefined : join(__dirname, 'README.md'));
  const readmeFile = readme === undefined ? undefined : resolve(readme);
  const results = await runBench(config, { dist: values.dist, resultsFile, readmeFile });
  console.log(
    `\n${results.mode === 'smoke' ? 'SMOKE RUN (tiny sizes, fixture app; not a benchmark)' : 'Benchmark'}, ` +
      `${results.date.slice(0, 10)}, ${results.cpus} × ${results.cpuModel}, node ${results.node}, ${results.seconds} s\n`,
  );
  console.log(formatTable(results.rows));
  for (const note of results.notes) console.log(`\n${note}`);
  const missed = results.rows.filter((r) => r.pass === false).map((r) => r.metric);
  const broken = Object.entries(results.checks)
    .filter(([, ok]) => !ok)
    .map(([name]) => name);
  console.log(
    `\nratio = value / baseline. Targets ${missed.length === 0 ? 'all met' : `MISSED: ${missed.join('; ')}`}.`,
  );
  console.log(`Results: ${resultsFile}${readmeFile ? ` and ${readmeFile}` : ''}`);
  if (broken.length > 0) throw new Error(`correctness checks failed: ${broken.join(', ')}`);
}

if (require.main === module) {
  // Ctrl-C must not leave servers behind on their ports, nor a work folder that may hold
  // a 100,000-user store; the exit code is the shell's for death by that signal.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void stopAll().finally(() => {
        workDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
        process.exit(128 + constants.signals[signal]);
      });
    });
  }
  main().catch((error: unknown) => {
    if (error instanceof UsageError || error instanceof MissingPackages) {
      console.error(`bench: ${error.message}`);
      process.exitCode = error instanceof UsageError ? 2 : 1;
      return;
    }
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  });
}
