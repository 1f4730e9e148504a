import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Request } from 'express';
import { ensureDataDir, dataFiles } from '../data-dir';
import { ApiError } from '../drf/responses';
import { AuthStore, knoxDigest } from './auth-store';
import { knoxTokenAuthentication, pythonIsoformat } from './knox';

const dir = mkdtempSync(join(tmpdir(), 'knox-'));
after(() => rmSync(dir, { recursive: true, force: true }));
ensureDataDir(join(dir, 'data'));
const store = AuthStore.open(dataFiles(join(dir, 'data')).auth);
const admin = store.findUser('admin');

const withToken = (key: string) => ({ headers: { authorization: `Token ${key}` } }) as Request;

function refusal(run: () => unknown): unknown {
  try {
    run();
  } catch (e) {
    if (e instanceof ApiError) return { status: e.status, data: e.data, headers: e.headers };
    throw e;
  }
  return 'accepted';
}

describe("knox's tokens", () => {
  it('are 64 hex characters, kept only as their SHA-512 digest and first 8 characters', () => {
    assert.ok(admin);
    const { key, token } = store.createKnoxToken(admin, 60);
    assert.match(key, /^[0-9a-f]{64}$/);
    assert.equal(token.digest, knoxDigest(key));
    assert.match(token.digest, /^[0-9a-f]{128}$/);
    assert.equal(token.token_key, key.slice(0, 8));
    const onDisk = readFileSync(dataFiles(join(dir, 'data')).auth, 'utf8');
    assert.ok(onDisk.includes(token.digest), 'the digest is stored');
    assert.ok(!onDisk.includes(key), 'the key itself is not');
  });

  it('work until their expiry, then are "Invalid token." and deleted, without refresh', () => {
    assert.ok(admin);
    let now = Date.now();
    const authenticate = knoxTokenAuthentication(store, () => now);
    const { key, token } = store.createKnoxToken(admin, 60);
    now += 59_000;
    assert.equal(authenticate(withToken(key))?.user.username, 'admin');
    now += 2_000;
    assert.deepEqual(
      refusal(() => authenticate(withToken(key))),
      {
        status: 401,
        data: { detail: 'Invalid token.' },
        headers: { 'WWW-Authenticate': 'Token' },
      },
    );
    assert.ok(!store.knoxTokensOf(admin).some((t) => t.digest === token.digest), 'deleted');
  });

  it('that never expire (TOKEN_TTL None) have a null expiry', () => {
    assert.ok(admin);
    const { key, token } = store.createKnoxToken(admin, null);
    assert.equal(token.expiry, null);
    const far = knoxTokenAuthentication(store, () => Date.now() + 1e12);
    assert.equal(far(withToken(key))?.token.digest, token.digest);
  });

  it('answer a key that is not UTF-8 with "Invalid token."', () => {
    const authenticate = knoxTokenAuthentication(store);
    assert.deepEqual(
      refusal(() => authenticate(withToken('\xff\xfe'))),
      {
        status: 401,
        data: { detail: 'Invalid token.' },
        headers: { 'WWW-Authenticate': 'Token' },
      },
    );
  });
});

describe('the expiry as knox answers it', () => {
  it("is DRF's DateTimeField in UTC: microseconds when there are any, and Z", () => {
    assert.equal(pythonIsoformat('2026-12-02T06:47:46.122Z'), '2026-12-02T06:47:46.122000Z');
    assert.equal(pythonIsoformat('2026-12-02T06:47:46.000Z'), '2026-12-02T06:47:46Z');
  });
});
