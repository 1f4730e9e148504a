import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SMOKE } from './config';
import { RESULTS_END, RESULTS_START, replaceMarkedRegion, resultsMarkdown } from './readme';
import { row, type Results } from './report';

const marked = (inside: string) =>
  `# Title\n\nIntro.\n\n${RESULTS_START}\n${inside}\n${RESULTS_END}\n\nAfter.\n`;

describe('replaceMarkedRegion', () => {
  it('replaces exactly what lies between the markers', () => {
    assert.equal(
      replaceMarkedRegion(marked('| old | 86.3 kB |'), '| new | 77.9 kB |'),
      `# Title\n\nIntro.\n\n${RESULTS_START}\n\n| new | 77.9 kB |\n\n${RESULTS_END}\n\nAfter.\n`,
    );
  });

  it('leaves every byte of bench/README.md outside the markers as it was', async () => {
    const text = await readFile(join(__dirname, 'README.md'), 'utf8');
    const replaced = replaceMarkedRegion(text, 'NEW SECTION');
    const start = text.indexOf(RESULTS_START) + RESULTS_START.length;
    const end = text.indexOf(RESULTS_END);
    assert.equal(replaced.slice(0, start), text.slice(0, start));
    assert.equal(replaced.slice(replaced.indexOf(RESULTS_END)), text.slice(end));
    assert.equal(replaced.slice(start, replaced.indexOf(RESULTS_END)), '\n\nNEW SECTION\n\n');
  });

  it('gives the same text when run twice with the same content', () => {
    const once = replaceMarkedRegion(marked('old'), 'new');
    assert.equal(replaceMarkedRegion(once, 'new'), once);
  });

  it('fails, naming the marker, when one is missing, repeated or out of order', () => {
    assert.throws(
      () => replaceMarkedRegion('# No markers\n', 'x'),
      new RegExp(`${RESULTS_START} exactly once, found it 0 times`),
    );
    assert.throws(
      () => replaceMarkedRegion(`${RESULTS_START}\nold\n`, 'x'),
      new RegExp(`${RESULTS_END} exactly once, found it 0 times`),
    );
    assert.throws(
      () => replaceMarkedRegion(marked('old') + marked('again'), 'x'),
      /exactly once, found it 2 times/,
    );
    assert.throws(
      () => replaceMarkedRegion(`${RESULTS_END}\nold\n${RESULTS_START}\n`, 'x'),
      new RegExp(`${RESULTS_END} comes before ${RESULTS_START}`),
    );
  });
});

describe('resultsMarkdown', () => {
  it('says when, on what machine and at what sizes, then gives every row', () => {
    const results: Results = {
      date: '2026-12-01T17:00:00.000Z',
      mode: 'smoke',
      config: SMOKE,
      app: 'fixture app (smoke)',
      node: 'v20.20.2',
      cpus: 2,
      cpuModel: 'AMD EPYC',
      platform: 'linux x64',
      seconds: 12.5,
      rows: [
        row('/login JS, gzip -9', 77.5, 'kB', null, { on: 'value', op: '<=', limit: 78 }),
        row('login p99', 40, 'ms', { label: 'bare scrypt', value: 32 }),
      ],
      checks: {},
      notes: ['/login JS by package: app 1.0'],
      details: {},
    };
    const text = resultsMarkdown(results);
    assert.match(text, /Measured 2026-12-01 on 2 cores \(AMD EPYC\), linux x64, Node v20\.20\.2/);
    assert.match(
      text,
      new RegExp(`${SMOKE.votes} votes over ${SMOKE.voteConnections} connections`),
    );
    assert.match(
      text,
      /\| \/login JS, gzip -9 +\| 77\.5 kB +\| - +\| - +\| ≤ 78\.0 kB +\| pass +\|/,
    );
    assert.match(text, /\| login p99 +\| 40\.0 ms +\| 32\.0 ms \(bare scrypt\) +\| 1\.25 +\|/);
    assert.match(text, /\/login JS by package: app 1\.0$/);
  });
});
