/**
 * Smoke test of the benchmark's own code: runs `bench/run.ts --smoke` (tiny sizes, the
 * fixture app instead of a production build) as `npm run bench` would run the full one,
 * then checks the results file. It proves the benchmark still runs end to end, not that
 * the app is fast.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { measureBareApp } from './bare-app';
import { SMOKE } from './config';
import type { Results, Row } from './report';

const REPO = resolve(__dirname, '..');

describe('bench --smoke', { timeout: 120_000 }, () => {
  let dir = '';
  let results: Results;
  let stdout = '';

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'polls-bench-spec-'));
    const file = join(dir, 'results.json');
    ({ stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'bench/run.ts', '--smoke', '--results', file],
      { cwd: REPO, encoding: 'utf8', timeout: 110_000 },
    ));
    results = JSON.parse(await readFile(file, 'utf8')) as Results;
  });

  after(() => rm(dir, { recursive: true, force: true }));

  it('records when, where and how it ran', () => {
    assert.equal(results.mode, 'smoke');
    assert.ok(!Number.isNaN(Date.parse(results.date)));
    assert.match(results.node, /^v\d+\./);
    assert.ok(results.cpus >= 1);
    assert.ok(results.seconds > 0 && results.seconds < 90, `took ${results.seconds} s`);
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

  it('reports every section with well-formed rows', () => {
    const metrics = results.rows.map((r) => r.metric).join('\n');
    for (const expected of [
      /\/login JS/,
      /polls feature JS/,
      /AngularJS/,
      /GET questions with token check$/m,
      new RegExp(`GET questions, ${SMOKE.largeStore} users$`, 'm'),
      /token store load/,
      /server start/,
      /votes, 20 over/,
      /login p50 \((scrypt|pbkdf2)/,
      /login p99/,
      /login form usable/,
      /question list visible/,
    ]) {
      assert.match(metrics, expected);
    }
    for (const r of results.rows) assertRow(r);
  });

  it('prints the table and the results path', () => {
    assert.match(stdout, /\| metric +\| value +\| baseline +\| ratio +\| target +\| result +\|/);
    assert.match(stdout, /SMOKE RUN/);
  });
});

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

describe('the bare Angular app, the bundle baseline', { timeout: 120_000 }, () => {
  it('builds, and serves a main script with the router and HttpClient in it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'polls-bench-bare-'));
    try {
      const files = await measureBareApp(REPO, dir);
      const main = files.find((f) => /^main-[A-Z0-9]+\.js$/.test(f.path));
      assert.ok(main, `no main script among ${files.map((f) => f.path).join(', ')}`);
      const code = files.map((f) => readFileSync(join(dir, 'dist', 'browser', f.path), 'utf8'));
      // The router's outlet and HttpClient's XHR backend: without them the floor measured nothing.
      assert.match(code.join('\n'), /router-outlet/);
      assert.match(code.join('\n'), /XMLHttpRequest/);
      for (const f of files) assert.ok(f.gzipBytes > 0 && f.gzipBytes < f.bytes, f.path);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
