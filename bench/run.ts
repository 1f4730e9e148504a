/**
 * `npm run bench`: bundle size, API throughput and latency, token store scale, vote
 * correctness, login cost and browser timings, each against a baseline measured in the
 * same run (the machine is shared, so only ratios compare across runs). Prints one table
 * and writes bench/results.json. Exits non-zero on errors only: a missed target is
 * reported in the table, not as a failure.
 *
 *   tsx bench/run.ts                full run
 *   tsx bench/run.ts --smoke        tiny sizes and a fixture app, to prove the code works
 *   --dist DIR                      measure an existing build's browser/ directory
 *   --results FILE                  where to write the results (smoke: a temp file)
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import {
  chromiumPath,
  launchBrowser,
  PLAIN_FORM,
  PLAIN_FORM_PATH,
  recordScripts,
  timeBrowser,
  type Credentials,
} from './browser';
import { measureBareApp } from './bare-app';
import { ANGULARJS_REFERENCE_KB, buildApp, bytesByPackage, gzipSizes, totalKb } from './bundle';
import { FULL, SMOKE, type BenchConfig } from './config';
import { writeFixtureApp } from './fixture-app';
import { closeConnections } from './http';
import { JSON_SERVER_QUESTIONS, startJsonServer } from './json-server';
import { load } from './load';
import { describeHash, timeHashes, timeLogins } from './login';
import {
  fetchQuestions,
  prepareStore,
  startMockApi,
  timeStoreLoad,
  type SeedQuestion,
  type Store,
} from './mock-api';
import { stopAll, type RunningServer } from './processes';
import { formatTable, machine, row, type Results, type Row } from './report';
import { startStaticServer } from './static-server';
import { median, percentile, since } from './stats';
import { measureGets } from './token-check';
import { castVotes, countVotes } from './votes';

const REPO = resolve(__dirname, '..');
const QUESTIONS = '/polls/api/questions/';
const RATIO_AT_LEAST_0_9 = { on: 'ratio', op: '>=', limit: 0.9 } as const;

export interface RunOptions {
  /** An existing build's browser directory: skips the build. */
  readonly dist?: string;
  readonly resultsFile: string;
}

/** What the sections add to the results; rows are keyed by the issue's section number. */
interface Collected {
  readonly rows: Map<number, Row[]>;
  readonly notes: string[];
  readonly checks: Record<string, boolean>;
  readonly details: Record<string, unknown>;
}

function add(out: Collected, section: number, ...rows: Row[]): void {
  out.rows.set(section, [...(out.rows.get(section) ?? []), ...rows]);
}

function log(message: string): void {
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

function users(count: number): string {
  return `${count.toLocaleString('en-US')} users`;
}

/** Runs every measurement, writes the results file and returns what it wrote. */
export async function runBench(config: BenchConfig, options: RunOptions): Promise<Results> {
  const started = performance.now();
  chromiumPath();
  const out: Collected = { rows: new Map(), notes: [], checks: {}, details: {} };
  const work = await mkdtemp(join(tmpdir(), 'polls-bench-'));
  try {
    // Build first, while nothing else competes for the cores.
    const { dist, bareKb } = await prepareApp(config, options, work, out);

    log(`token stores: ${users(config.smallStore)} and ${users(config.largeStore)}`);
    const small = await prepareStore(REPO, join(work, 'small'), config.smallStore);
    const large = await prepareStore(REPO, join(work, 'large'), config.largeStore);
    out.details['storeWriteMs'] = { small: small.writeMs, large: large.writeMs };

    const { apiSmall, apiLarge, rows: startRows } = await startTimed(config, small, large, out);
    const questions = await fetchQuestions(apiSmall.url, small.token);
    const jsonServer = await startJsonServer(REPO, join(work, 'json-server'), questions);

    await getSections(config, { jsonServer, apiSmall, apiLarge }, small, large, out);
    add(out, 3, ...startRows);
    await apiLarge.stop();
    const api = await voteSection(config, apiSmall, jsonServer, small, questions, out);
    await jsonServer.stop();
    await loginSection(config, api, small, out);
    await browserSections(config, { dist, bareKb }, api, small.user, questions, out);
  } finally {
    await stopAll();
    closeConnections();
    await rm(work, { recursive: true, force: true });
  }

  // The table follows the issue's order, whatever order the sections ran in.
  const rows = [...out.rows.entries()].sort(([a], [b]) => a - b).flatMap(([, list]) => list);
  // Every figure is a count, a size or a duration: zero means something measured nothing.
  out.checks['figuresPositive'] = rows.every((r) => r.value > 0);
  const results: Results = {
    date: new Date().toISOString(),
    mode: config.mode,
    ...machine(),
    seconds: Math.round(since(started) / 100) / 10,
    rows,
    notes: out.notes,
    checks: out.checks,
    details: out.details,
  };
  // Formatted as the repo's Prettier config wants, so `prettier --check .` accepts the file.
  // The config is looked up from bench/, also when the file goes elsewhere (smoke).
  const prettierOptions = await resolveConfig(join(__dirname, 'results.json'));
  // Microseconds are the finest grain any figure here has; more digits are noise.
  const rounded = JSON.stringify(results, (_key, value: unknown) =>
    typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 1000) / 1000 : value,
  );
  const text = await format(rounded, {
    ...prettierOptions,
    filepath: options.resultsFile,
  });
  await writeFile(options.resultsFile, text);
  return results;
}

/** What the browser sections serve, and the bare Angular app's size when one was built. */
interface PreparedApp {
  readonly dist: string;
  readonly bareKb: number | null;
}

/**
 * The directory to serve: a fresh production build, an existing one, or the fixture app.
 * A fresh build comes with a build of the bare Angular app, the bundle's baseline.
 */
async function prepareApp(
  config: BenchConfig,
  options: RunOptions,
  work: string,
  out: Collected,
): Promise<PreparedApp> {
  if (options.dist) {
    out.details['app'] = `existing build ${options.dist}`;
    return { dist: resolve(options.dist), bareKb: null };
  }
  if (!config.buildApp) {
    out.details['app'] = 'fixture app (smoke)';
    return { dist: await writeFixtureApp(join(work, 'fixture-app')), bareKb: null };
  }
  log('production build');
  const start = performance.now();
  const dist = await buildApp(REPO, join(work, 'build'));
  out.details['app'] = 'production build';
  out.details['buildMs'] = since(start);
  log('production build of a bare Angular app: router and HttpClient, no app code');
  const bare = await measureBareApp(REPO, join(work, 'bare-app'));
  out.details['bareApp'] = bare;
  return { dist, bareKb: totalKb(bare) };
}

/**
 * Starts the mock API on both stores `readyStarts` times, alternating so that drift in
 * the machine's load hits both alike, and keeps the last pair running for the load runs.
 */
async function startTimed(
  config: BenchConfig,
  small: Store,
  large: Store,
  out: Collected,
): Promise<{ apiSmall: RunningServer; apiLarge: RunningServer; rows: Row[] }> {
  log('server start times');
  const readySmall: number[] = [];
  const readyLarge: number[] = [];
  let pair: { apiSmall: RunningServer; apiLarge: RunningServer } | undefined;
  for (let i = 0; i < Math.max(1, config.readyStarts); i++) {
    await pair?.apiSmall.stop();
    await pair?.apiLarge.stop();
    const apiSmall = await startMockApi(REPO, small.dir);
    const apiLarge = await startMockApi(REPO, large.dir);
    readySmall.push(apiSmall.readyMs);
    readyLarge.push(apiLarge.readyMs);
    pair = { apiSmall, apiLarge };
  }
  if (!pair) throw new Error('no server started');
  const smallMs = median(readySmall);
  const largeMs = median(readyLarge);
  const load = timeStoreLoad(large.file, Math.max(3, config.readyStarts));
  out.details['readyMs'] = {
    small: readySmall,
    large: readyLarge,
    differenceMs: largeMs - smallMs,
  };
  out.details['storeLoadMs'] = load;
  const rows = [
    row(`token store load, ${users(config.largeStore)}`, load.storeMs, 'ms', {
      label: 'bare JSON.parse of the file',
      value: load.parseMs,
    }),
    // The same load seen from outside: process start until the URL is printed.
    row(`server start, ${users(config.largeStore)}`, largeMs, 'ms', {
      label: users(config.smallStore),
      value: smallMs,
    }),
  ];
  return { ...pair, rows };
}

/** Sections 2 and 3: the authenticated GET against plain json-server, then against a large store. */
async function getSections(
  config: BenchConfig,
  servers: { jsonServer: RunningServer; apiSmall: RunningServer; apiLarge: RunningServer },
  small: Store,
  large: Store,
  out: Collected,
): Promise<void> {
  log('token-check overhead and token store scale: json-server, small store, large store');
  const [plain, checked, scaled] = await measureGets(
    [
      {
        label: 'json-server GET',
        url: `${servers.jsonServer.url}${JSON_SERVER_QUESTIONS}`,
        token: null,
      },
      {
        label: 'mock API GET, small store',
        url: `${servers.apiSmall.url}${QUESTIONS}`,
        token: small.token,
      },
      {
        label: 'mock API GET, large store',
        url: `${servers.apiLarge.url}${QUESTIONS}`,
        token: large.token,
      },
    ],
    config,
  );
  if (!plain || !checked || !scaled) throw new Error('a GET measurement is missing');
  out.details['get'] = { jsonServer: plain, smallStore: checked, largeStore: scaled };
  const jsonServer = 'json-server, no auth';
  const smallLabel = users(config.smallStore);
  add(
    out,
    2,
    row(
      'GET questions with token check',
      checked.rps,
      'req/s',
      { label: jsonServer, value: plain.rps },
      RATIO_AT_LEAST_0_9,
    ),
    row('GET questions with token check, p99', checked.p99Ms, 'ms', {
      label: jsonServer,
      value: plain.p99Ms,
    }),
  );
  add(
    out,
    3,
    row(
      `GET questions, ${users(config.largeStore)}`,
      scaled.rps,
      'req/s',
      { label: smallLabel, value: checked.rps },
      RATIO_AT_LEAST_0_9,
    ),
    row(`GET questions, ${users(config.largeStore)}, p99`, scaled.p99Ms, 'ms', {
      label: smallLabel,
      value: checked.p99Ms,
    }),
  );
}

/**
 * Section 4: votes under concurrency, counted through the API before, after and after a
 * restart on the same data. The throughput baseline is the same load as stock
 * json-server writes (PATCH of the same choice): both change one record and save the db
 * file, so the ratio prices our vote path (auth, validation, server-side increment,
 * atomic write) against the simplest persisted write of the same framework.
 */
async function voteSection(
  config: BenchConfig,
  api: RunningServer,
  jsonServer: RunningServer,
  store: Store,
  questions: readonly SeedQuestion[],
  out: Collected,
): Promise<RunningServer> {
  log(`votes: ${config.votes} over ${config.voteConnections} connections`);
  const question = questions[0];
  const choice = question?.choices[0];
  if (!question || !choice) throw new Error('the seed has no question with a choice to vote for');
  const target = { questionId: question.id, choiceId: choice.id };
  const before = await countVotes(api.url, store.token, target);
  const votes = await castVotes(api.url, store.token, target, config.votes, config.voteConnections);
  const afterVotes = await countVotes(api.url, store.token, target);
  await api.stop();
  const restarted = await startMockApi(REPO, store.dir);
  const afterRestart = await countVotes(restarted.url, store.token, target);
  const patches = await load('json-server PATCH', {
    url: `${jsonServer.url}/choices/${choice.id}`,
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ votes: 1 }),
    amount: config.votes,
    connections: config.voteConnections,
  });
  out.details['votes'] = {
    target,
    before,
    afterVotes,
    afterRestart,
    votes,
    jsonServerPatch: patches,
  };
  out.checks['votesSent'] = votes.requests === config.votes;
  out.checks['votesCounted'] = afterVotes - before === config.votes;
  out.checks['votesAfterRestart'] = afterRestart - before === config.votes;
  const exactly = { on: 'value', op: '=', limit: config.votes } as const;
  add(
    out,
    4,
    row(`votes, ${config.votes} over ${config.voteConnections} connections`, votes.rps, 'req/s', {
      label: 'json-server PATCH',
      value: patches.rps,
    }),
    row('votes counted', afterVotes - before, 'votes', null, exactly),
    row('votes counted after restart', afterRestart - before, 'votes', null, exactly),
  );
  return restarted;
}

/** Section 5: sequential logins against the same hash computed bare in this process. */
async function loginSection(
  config: BenchConfig,
  api: RunningServer,
  store: Store,
  out: Collected,
): Promise<void> {
  log(`login: ${config.logins} sequential logins, then the bare hash as many times`);
  const logins = await timeLogins(api.url, store.user, config.logins);
  const hashes = await timeHashes(store.user.password, store.hash, config.logins);
  const hash = describeHash(store.hash);
  out.details['login'] = { hash, loginsMs: logins, hashesMs: hashes };
  const bare = `bare ${store.hash.algorithm}`;
  add(
    out,
    5,
    row(
      `login p50 (${hash})`,
      median(logins),
      'ms',
      { label: bare, value: median(hashes) },
      { on: 'value', op: '<', limit: 100 },
    ),
    row('login p99', percentile(logins, 99), 'ms', { label: bare, value: percentile(hashes, 99) }),
  );
}

/** Sections 1 and 6: what the browser downloads, and how long the user waits. */
async function browserSections(
  config: BenchConfig,
  { dist, bareKb }: PreparedApp,
  api: RunningServer,
  user: Credentials,
  questions: readonly SeedQuestion[],
  out: Collected,
): Promise<void> {
  const site = await startStaticServer(dist, api.url, { [PLAIN_FORM_PATH]: PLAIN_FORM });
  const browser = await launchBrowser();
  try {
    const texts = questions.map((q) => q.question_text);
    log('bundle: scripts requested by /login and then by /polls');
    const scripts = await recordScripts(browser, site.url, user, texts);
    const login = await gzipSizes(dist, scripts.login);
    const polls = await gzipSizes(dist, scripts.polls);
    const statsFile = join(dist, '..', 'stats.json');
    const loginByPackage = await bytesByPackage(statsFile, scripts.login);
    out.details['bundle'] = { login, polls, loginByPackage };
    if (loginByPackage.length > 0) {
      const parts = loginByPackage.map(([name, bytes]) => `${name} ${(bytes / 1000).toFixed(1)}`);
      out.notes.push(`/login JS by package, minified kB before gzip: ${parts.join(', ')}`);
    }
    const loginKb = totalKb(login);
    add(
      out,
      1,
      row('/login JS, gzip -9', loginKb, 'kB', null, { on: 'value', op: '<=', limit: 80 }),
      row('polls feature JS, gzip -9', totalKb(polls), 'kB', null, {
        on: 'value',
        op: '<=',
        limit: 15,
      }),
      row('/login JS vs AngularJS reference', loginKb, 'kB', {
        label: 'AngularJS 1.8.3+ngRoute+ngCookies, quoted',
        value: ANGULARJS_REFERENCE_KB,
      }),
    );
    if (bareKb !== null) {
      add(
        out,
        1,
        row('/login JS vs bare Angular app', loginKb, 'kB', {
          label: 'router+HttpClient, no app code, built',
          value: bareKb,
        }),
      );
    }

    log(`browser: ${config.browserRuns} runs, each in a fresh context`);
    const timings = await timeBrowser(browser, site.url, user, texts, config.browserRuns);
    out.details['browser'] = timings;
    add(
      out,
      6,
      row('navigation → login form usable, median', median(timings.formUsableMs), 'ms', {
        label: 'plain HTML form',
        value: median(timings.plainFormMs),
      }),
      row('click Log in → question list visible, median', median(timings.loginToListMs), 'ms', {
        label: 'raw fetch token+questions',
        value: median(timings.rawFetchMs),
      }),
    );
  } finally {
    await browser.close();
    await site.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      smoke: { type: 'boolean', default: false },
      dist: { type: 'string' },
      results: { type: 'string' },
    },
  });
  const config = values.smoke ? SMOKE : FULL;
  const resultsFile = resolve(
    values.results ??
      (values.smoke ? join(tmpdir(), 'polls-bench-smoke.json') : join(__dirname, 'results.json')),
  );
  const results = await runBench(config, { dist: values.dist, resultsFile });
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
  console.log(`Results: ${resultsFile}`);
  if (broken.length > 0) throw new Error(`correctness checks failed: ${broken.join(', ')}`);
}

if (require.main === module) {
  // Ctrl-C must not leave servers behind on their ports.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void stopAll().finally(() => process.exit(130)));
  }
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  });
}
