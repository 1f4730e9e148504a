import assert from 'node:assert/strict';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  budgetBytes,
  budgetSizes,
  initialFiles,
  readBudgets,
  readMetafile,
  type Budget,
  type Metafile,
} from './budgets';
import { writeFixtureApp } from './fixture-app';

describe('budgetBytes', () => {
  it("reads sizes in Angular's units, 1 kB = 1000 bytes", () => {
    assert.equal(budgetBytes('278kB'), 278_000);
    assert.equal(budgetBytes('7.5 kb'), 7_500);
    assert.equal(budgetBytes('1mb'), 1_000_000);
    assert.equal(budgetBytes('512b'), 512);
    assert.equal(budgetBytes('512'), 512);
  });

  it('refuses sizes it cannot compare with a measured one', () => {
    assert.throws(() => budgetBytes('10%'), /unreadable budget size "10%"/);
    assert.throws(() => budgetBytes('big'), /unreadable budget size "big"/);
  });
});

describe('readBudgets', () => {
  let dir = '';
  before(async () => (dir = await mkdtemp(join(tmpdir(), 'polls-bench-budgets-'))));
  after(() => rm(dir, { recursive: true, force: true }));

  it("keeps the production build's initial and named bundle limits, and nothing else", async () => {
    const file = join(dir, 'angular.json');
    const budgets = [
      { type: 'initial', maximumWarning: '270kB', maximumError: '278kB' },
      { type: 'bundle', name: 'login', maximumError: '8kB' },
      { type: 'bundle', name: 'warned-only', maximumWarning: '1kB' },
      { type: 'anyComponentStyle', maximumError: '8kB' },
    ];
    const build = { configurations: { production: { budgets }, development: {} } };
    await writeFile(file, JSON.stringify({ projects: { app: { architect: { build } } } }));
    assert.deepEqual(await readBudgets(file), [
      { type: 'initial', maximumError: '278kB', maximumErrorBytes: 278_000 },
      { type: 'bundle', name: 'login', maximumError: '8kB', maximumErrorBytes: 8_000 },
    ]);
  });

  it('fails when there is no budget to check', async () => {
    const file = join(dir, 'empty.json');
    await writeFile(file, JSON.stringify({ projects: {} }));
    await assert.rejects(readBudgets(file), /sets no initial or bundle budget/);
  });
});

describe('initialFiles', () => {
  it('lists the scripts, module preloads and style sheets index.html loads, once each', () => {
    const html =
      '<link rel="icon" href="favicon.ico"><link rel="stylesheet" href="styles-A.css" media="print">' +
      '<noscript><link rel="stylesheet" href="styles-A.css"></noscript>' +
      '<link rel="modulepreload" href="chunk-B.js"><script src="/main-C.js" type="module"></script>';
    assert.deepEqual(initialFiles(html), ['styles-A.css', 'chunk-B.js', 'main-C.js']);
  });
});

describe('budgetSizes', () => {
  let dir = '';
  let browser = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'polls-bench-sizes-'));
    browser = await writeFixtureApp(dir);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const initial: Budget = { type: 'initial', maximumError: '1kB', maximumErrorBytes: 1000 };
  const bundle = (name: string): Budget => ({
    type: 'bundle',
    name,
    maximumError: '1kB',
    maximumErrorBytes: 1000,
  });
  const size = async (file: string) => (await stat(join(browser, file))).size;
  const stats = async (): Promise<Metafile> => {
    const metafile = await readMetafile(join(dir, 'stats.json'));
    assert.ok(metafile, 'the fixture has no stats.json');
    return metafile;
  };

  it('sums the bytes on disk of each budget’s files, as Angular counts them', async () => {
    const sizes = await budgetSizes(browser, await stats(), [initial, bundle('main')]);
    assert.deepEqual(
      sizes.map(({ files, bytes }) => ({ files, bytes })),
      [
        {
          files: ['styles-FIXTURE.css', 'main-FIXTURE.js'],
          bytes: (await size('styles-FIXTURE.css')) + (await size('main-FIXTURE.js')),
        },
        { files: ['main-FIXTURE.js'], bytes: await size('main-FIXTURE.js') },
      ],
    );
  });

  it('measures the initial files from index.html alone when there are no stats', async () => {
    const [measured] = await budgetSizes(browser, null, [initial]);
    assert.equal(
      measured?.bytes,
      (await size('styles-FIXTURE.css')) + (await size('main-FIXTURE.js')),
    );
  });

  it('fails for a budget naming a lazy chunk, which the optimized build leaves unnamed', async () => {
    await assert.rejects(
      budgetSizes(browser, await stats(), [bundle('polls-routes')]),
      /names no chunk "polls-routes".*measures its bundle budget at 0 bytes/,
    );
    await assert.rejects(budgetSizes(browser, null, [bundle('main')]), /names no chunk "main"/);
  });

  it('fails when the stats describe a script the build did not write', async () => {
    const metafile = await stats();
    const componentStyle = { 'ng-component': true, inputs: {} };
    const withStyle = { outputs: { ...metafile.outputs, 'app-STYLE.css': componentStyle } };
    assert.equal((await budgetSizes(browser, withStyle, [initial])).length, 1);
    const stale = { outputs: { ...metafile.outputs, 'chunk-GONE.js': { inputs: {} } } };
    await assert.rejects(
      budgetSizes(browser, stale, [initial]),
      /the stats name chunk-GONE\.js, which the build in .* did not write/,
    );
  });
});
