/**
 * The committed results against what they claim to describe: the budgets in
 * angular.json, the targets in config.ts, and the README section written from them.
 * When one of these fails, `npm run bench` has not been run since the change: run it
 * and commit bench/results.json and bench/README.md.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { budgetMetric, readBudgets } from './budgets';
import { FULL, TARGETS } from './config';
import { CATEGORIES } from './lighthouse-report';
import { renderReadme, RESULTS_END, RESULTS_START } from './readme';
import type { Results, Row } from './report';

const RESULTS = join(__dirname, 'results.json');
const README = join(__dirname, 'README.md');
const RERUN = 'run `npm run bench` and commit bench/results.json and bench/README.md';

describe('the committed benchmark results', () => {
  let results: Results;
  before(async () => {
    results = JSON.parse(await readFile(RESULTS, 'utf8')) as Results;
  });

  const find = (metric: RegExp | string): Row => {
    const found = results.rows.find((r) =>
      typeof metric === 'string' ? r.metric === metric : metric.test(r.metric),
    );
    assert.ok(found, `bench/results.json has no row ${metric}: ${RERUN}`);
    return found;
  };

  it('come from a full run at the configured sizes', () => {
    assert.equal(results.mode, 'full', RERUN);
    assert.equal(results.app, 'production build', RERUN);
    assert.deepEqual(results.config, FULL, `the run sizes changed: ${RERUN}`);
  });

  it('stay under every initial and bundle budget of angular.json, judged against it', async () => {
    for (const budget of await readBudgets(join(__dirname, '..', 'angular.json'))) {
      const metric = budgetMetric(budget);
      const measured = find(metric);
      const bytes = Math.round(measured.value * 1000);
      assert.ok(
        bytes <= budget.maximumErrorBytes,
        `${metric}: ${bytes} bytes measured, above the budget of ${budget.maximumError}: ${RERUN}`,
      );
      assert.equal(
        measured.target?.limit,
        budget.maximumErrorBytes / 1000,
        `${metric} was judged against another budget than angular.json's ${budget.maximumError}: ${RERUN}`,
      );
    }
  });

  it("were judged against config.ts's targets", () => {
    const limits: [RegExp, number][] = [
      [/^\/login JS, gzip -9$/, TARGETS.loginJsGzipKb],
      [/^polls feature JS, gzip -9$/, TARGETS.pollsJsGzipKb],
      [/^GET questions with token check$/, TARGETS.tokenCheckRatio],
      [/^GET questions, [\d,]+ users$/, TARGETS.largeStoreRatio],
      [/^login p50 /, TARGETS.loginP50Ms],
      ...FULL.lighthousePages.flatMap((page) =>
        CATEGORIES.map((category): [RegExp, number] => [
          new RegExp(`^Lighthouse ${page} ${category}$`),
          TARGETS.lighthouse[category],
        ]),
      ),
    ];
    for (const [pattern, limit] of limits) {
      assert.equal(find(pattern).target?.limit, limit, `${pattern}: ${RERUN}`);
    }
  });

  it('are what the README results section shows', async () => {
    assert.ok(results.config, `bench/results.json records no run sizes: ${RERUN}`);
    const text = await readFile(README, 'utf8');
    const section = (readme: string) =>
      readme.slice(readme.indexOf(RESULTS_START), readme.indexOf(RESULTS_END));
    assert.equal(
      section(text),
      section(await renderReadme(README, text, results)),
      `bench/README.md's results section is not the one written from bench/results.json: ${RERUN}`,
    );
  });
});
