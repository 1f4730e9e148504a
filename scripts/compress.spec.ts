/**
 * The build's compression step, judged by the bytes on disk: each copy decompresses to
 * its file, files that would not shrink keep no copy, and running it twice changes nothing.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { compressAssets } from './compress';

let dir = '';
const script = 'export function hello(name) { return `hello ${name}`; }\n'.repeat(200);
const styles = 'body { margin: 0; color: rebeccapurple; }\n'.repeat(100);
const page = '<!doctype html><html><body><app-root></app-root></body></html>\n'.repeat(20);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'compress-'));
  await mkdir(join(dir, 'media'));
  await writeFile(join(dir, 'main-ABCD1234.js'), script);
  await writeFile(join(dir, 'media', 'styles-ABCD1234.css'), styles);
  await writeFile(join(dir, 'index.html'), page);
  // Bytes that do not compress, under a text name, and a binary format.
  await writeFile(join(dir, 'random.txt'), randomBytes(4096));
  await writeFile(join(dir, 'photo.png'), Buffer.from(script));
});

afterEach(() => rm(dir, { recursive: true, force: true }));

test('each text file gets a .br and a .gz copy that decompress to its bytes', async () => {
  await compressAssets(dir);
  for (const name of ['main-ABCD1234.js', join('media', 'styles-ABCD1234.css'), 'index.html']) {
    const original = await readFile(join(dir, name));
    assert.deepEqual(brotliDecompressSync(await readFile(join(dir, `${name}.br`))), original);
    assert.deepEqual(gunzipSync(await readFile(join(dir, `${name}.gz`))), original);
    assert.ok((await stat(join(dir, `${name}.br`))).size < original.length / 5, name);
  }
});

test('binary files and files that would not shrink get no copy', async () => {
  await compressAssets(dir);
  for (const name of ['photo.png', 'random.txt']) {
    assert.equal(existsSync(join(dir, `${name}.br`)), false, `${name}.br`);
    assert.equal(existsSync(join(dir, `${name}.gz`)), false, `${name}.gz`);
  }
});

test('running it again leaves the same files with the same bytes', async () => {
  await compressAssets(dir);
  const snapshot = async () => {
    const names = (await readdir(dir, { recursive: true })).sort();
    return Promise.all(
      names.map(async (name) => {
        const path = join(dir, name);
        return [name, (await stat(path)).isFile() ? await readFile(path) : 'dir'] as const;
      }),
    );
  };
  const first = await snapshot();
  await compressAssets(dir);
  assert.deepEqual(await snapshot(), first);
  assert.ok(!first.some(([name]) => name.endsWith('.br.br') || name.endsWith('.gz.gz')));
});
