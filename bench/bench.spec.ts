/**
 * Smoke test of the benchmark's own code: runs `bench/run.ts --smoke` (tiny sizes, the
 * fixture app instead of a production build) as `npm run bench` would run the full one,
 * then checks the results file and the README section it wrote into a copy of
 * bench/README.md. It proves the benchmark still runs end to end, not that the app is
 * fast. Last, that a mistyped option stops the command before it starts anything.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { API_PATHS } from '../api/paths';
import { SMOKE, TARGETS } from './config';
import { CATEGORIES, type PageRequest } from './lighthouse-report';
import { RESULTS_END, RESULTS_START } from './readme';
import type { Results, Row } from './report';

const REPO = resolve(__dirname, '..');
const README = join(__dirname, 'README.md');

describe('bench --smoke', { timeout: 120_000 }, () => {
  let dir = '';
  let results: Results;
  let stdout = '';
  let readme = '';

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'polls-bench-spec-'));
    const file = join(dir, 'results.json');
    const readmeCopy = join(dir, 'README.md');
    await copyFile(README, readmeCopy);
    ({ stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'bench/run.ts', '--smoke', '--results', file, '--readme', readmeCopy],
      { cwd: REPO, encoding: 'utf8', timeout: 110_000 },
    ));
    results = JSON.parse(await readFile(file, 'utf8')) as Results;
    readme = await readFile(readmeCopy, 'utf8');
  });

  after(() => rm(dir, { recursive: true, force: true }));

  it('records when, where, how and on what it ran', () => {
    assert.equal(results.mode, 'smoke');
    assert.deepEqual(results.config, SMOKE);
    assert.equal(results.app, 'fixture app (smoke)');
    assert.ok(!Number.isNaN(Date.parse(results.date)));
    assert.match(results.node, /^v\d+\./);
    assert.ok(results.cpus >= 1);
    assert.ok(results.seconds > 0, `took ${results.seconds} s`);
  });

  it('counts every vote, also after a restart', () => {
    assert.deepEqual(results.checks, {
      votesSent: true,
      votesCounted: true,
      votesAfterRestart: true,
      figuresPositive: true,
    });
    const counted = results.rows.filter((r) => r.metric.startsWith('votes counted'));
    assert.equal(counted.length, 2);
    for (const r of counted) assert.equal(r.value, SMOKE.votes);
  });

  it('reports every section, in order, with well-formed rows', () => {
    const metrics = results.rows.map((r) => r.metric);
    const expected = [
      /^\/login JS, gzip -9$/,
      /^polls feature JS, gzip -9$/,
      /^initial files \(JS\+CSS\), raw$/,
      /^GET questions with token check$/,
      new RegExp(`^GET questions, ${SMOKE.largeStore} users$`),
      /^token store load/,
      /^server start/,
      new RegExp(`^votes, ${SMOKE.votes} over ${SMOKE.voteConnections} connections$`),
      /^login p50 \((scrypt|pbkdf2)/,
      /^login p99$/,
      /login form usable/,
      /question list visible/,
      ...CATEGORIES.map((category) => new RegExp(`^Lighthouse /polls ${category}$`)),
    ];
    const positions = expected.map((pattern) => {
      const at = metrics.findIndex((m) => pattern.test(m));
      assert.ok(at >= 0, `no row matches ${pattern}:\n${metrics.join('\n')}`);
      return at;
    });
    assert.deepEqual(
      positions,
      [...positions].sort((a, b) => a - b),
      'rows out of order',
    );
    for (const r of results.rows) assertRow(r);
  });

  it('splits the /login scripts by package into exactly the bytes served', () => {
    const bundle = results.details['bundle'] as {
      readonly loginRawKb: number;
      readonly loginByPackage: readonly (readonly [string, number])[];
    };
    const split = new Map(bundle.loginByPackage);
    assert.deepEqual([...split.keys()].sort(), ['@angular/core', 'app']);
    const total = [...split.values()].reduce((sum, bytes) => sum + bytes, 0);
    assert.ok(Math.abs(total - bundle.loginRawKb * 1000) < 0.01, `${total} bytes split`);
    // The fixture's stats count twice the bytes written; only their proportions may show.
    assert.equal(split.get('app'), split.get('@angular/core'));
    const note = results.notes.find((text) => text.startsWith('/login JS by package'));
    assert.match(note ?? '', /: (@angular\/core|app) \d+\.\d, (@angular\/core|app) \d+\.\d$/);
  });

  it('audits /polls logged in, on nginx over https and on the plain static server', () => {
    const lighthouse = results.details['lighthouse'] as {
      readonly lighthouseVersion: string;
      readonly chromiumFlags: readonly string[];
      readonly pages: Record<string, Record<'nginx' | 'static', LighthousePage>>;
    };
    assert.equal(lighthouse.lighthouseVersion, '12.2.3');
    for (const flag of ['--headless=new', '--no-sandbox', '--disable-component-update']) {
      assert.ok(lighthouse.chromiumFlags.includes(flag), `Chromium ran without ${flag}`);
    }
    assert.ok(
      lighthouse.chromiumFlags.some((flag) =>
        /^--ignore-certificate-errors-spki-list=.+/.test(flag),
      ),
      'Chromium did not trust the certificate by its key',
    );
    assert.ok(!lighthouse.chromiumFlags.includes('--ignore-certificate-errors'));
    const polls = lighthouse.pages['/polls'];
    assert.ok(polls, 'no Lighthouse results for /polls');
    assert.match(polls.nginx.finalUrl, /^https:\/\/localhost:\d+\/polls$/);
    assert.match(polls.static.finalUrl, /^http:\/\/127\.0\.0\.1:\d+\/polls$/);
    for (const setup of [polls.nginx, polls.static]) {
      // Logged in: the page fetched the question list, and the API answered.
      assert.ok(
        setup.requests.some((r) => r.path === API_PATHS.questions && r.status === 200),
        `${setup.finalUrl} fetched no question list: ${JSON.stringify(setup.requests)}`,
      );
      assert.equal(setup.runs.length, SMOKE.lighthouseRuns);
    }
    // The production setup serves the page and the API over HTTP/2 (TLS), the baseline over HTTP/1.1.
    assert.deepEqual([...new Set(polls.nginx.requests.map((r) => r.protocol))], ['h2']);
    assert.deepEqual([...new Set(polls.static.requests.map((r) => r.protocol))], ['http/1.1']);
    assert.deepEqual(polls.nginx.security['is-on-https'], {
      score: 1,
      mode: 'binary',
      findings: [],
    });
    for (const category of CATEGORIES) {
      const r = results.rows.find((x) => x.metric === `Lighthouse /polls ${category}`);
      assert.ok(r);
      assert.equal(r.value, polls.nginx.scores[category]);
      assert.ok(Number.isInteger(r.value) && r.value <= 100, `${r.metric}: ${r.value}`);
      assert.deepEqual(r.baseline, {
        label: 'plain static server',
        value: polls.static.scores[category],
      });
      assert.deepEqual(r.target, { on: 'value', op: '>=', limit: TARGETS.lighthouse[category] });
    }
    assert.equal(results.notes.filter((note) => note.startsWith('Lighthouse audits')).length, 2);
  });

  it('prints the table and the results path', () => {
    assert.match(stdout, /\| metric +\| value +\| baseline +\| ratio +\| target +\| result +\|/);
    assert.match(stdout, /SMOKE RUN/);
  });

  it('writes the same rows into the README section, and nothing outside it', async () => {
    const original = await readFile(README, 'utf8');
    const head = original.slice(0, original.indexOf(RESULTS_START));
    const tail = original.slice(original.indexOf(RESULTS_END));
    assert.ok(readme.startsWith(head), 'the text before the section changed');
    assert.ok(readme.endsWith(tail), 'the text after the section changed');
    const section = readme.slice(head.length, readme.length - tail.length);
    assert.match(
      section,
      new RegExp(`Measured ${results.date.slice(0, 10)} on ${results.cpus} core`),
    );
    assert.ok(section.includes(results.cpuModel), 'no CPU model');
    for (const r of results.rows) {
      assert.ok(section.includes(`| ${r.metric} `), `no README row for ${r.metric}`);
    }
  });
});

describe('bench command line', () => {
  it('refuses an unknown option with one line and exit code 2, before it starts anything', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'polls-bench-cli-'));
    try {
      const file = join(dir, 'results.json');
      const run = promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', 'bench/run.ts', '--smoke', '--results', file, '--bogus'],
        { cwd: REPO, encoding: 'utf8', timeout: 30_000 },
      );
      await assert.rejects(
        run,
        (error: Error & { code?: unknown; stdout?: string; stderr?: string }) => {
          assert.equal(error.code, 2);
          assert.equal(
            error.stderr,
            "bench: Unknown option '--bogus'; the options are --smoke, --dist DIR, --results FILE and --readme FILE\n",
          );
          assert.equal(error.stdout, '');
          return true;
        },
      );
      assert.ok(!existsSync(file), 'a results file was written');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** What the results keep of the reported Lighthouse run of a page on one setup. */
interface LighthousePage {
  readonly finalUrl: string;
  readonly scores: Record<(typeof CATEGORIES)[number], number>;
  readonly runs: readonly unknown[];
  readonly security: Record<string, unknown>;
  readonly requests: readonly PageRequest[];
}

function assertRow(r: Row): void {
  assert.ok(Number.isFinite(r.value), `${r.metric}: value ${r.value}`);
  assert.ok(r.value > 0, `${r.metric}: ${r.value}`);
  if (r.baseline) {
    assert.ok(r.baseline.value > 0, `${r.metric}: baseline ${r.baseline.value}`);
    // The file rounds every figure to 3 decimals (±0.0005): the ratio must lie between the
    // smallest and the largest quotient the unrounded value and baseline allow.
    const h = 0.0005;
    const low = (r.value - h) / (r.baseline.value + h) - h;
    const high = (r.value + h) / Math.max(r.baseline.value - h, Number.MIN_VALUE) + h;
    assert.ok(
      r.ratio !== null && r.ratio >= low && r.ratio <= high,
      `${r.metric}: ratio ${r.ratio}`,
    );
  } else {
    assert.equal(r.ratio, null);
  }
  assert.equal(
    r.pass === null,
    r.target === null,
    `${r.metric}: pass without target or target without pass`,
  );
}
