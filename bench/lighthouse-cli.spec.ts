import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { selfSignedCertificate } from '../scripts/nginx';
import { chromeFlags, spkiHash } from './lighthouse-cli';

describe('spkiHash', () => {
  it("is the base64 SHA-256 of the certificate's public key, as openssl computes it", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'polls-spki-'));
    try {
      const { cert } = await selfSignedCertificate(dir);
      // The pipeline Chromium's documentation gives for --ignore-certificate-errors-spki-list.
      const { stdout } = await promisify(execFile)('sh', [
        '-c',
        'openssl x509 -in "$1" -pubkey -noout | openssl pkey -pubin -outform der | ' +
          'openssl dgst -sha256 -binary | base64',
        'sh',
        cert,
      ]);
      assert.equal(spkiHash(await readFile(cert, 'utf8')), stdout.trim());
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('chromeFlags', () => {
  it('runs headless, quiet, and trusts that one key instead of every certificate', () => {
    const flags = chromeFlags('KEY=');
    for (const flag of [
      '--headless=new',
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--ignore-certificate-errors-spki-list=KEY=',
    ]) {
      assert.ok(flags.includes(flag), `no ${flag} in ${flags.join(' ')}`);
    }
    assert.ok(!flags.includes('--ignore-certificate-errors'));
  });
});
