import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { MOCK_API_DIR } from '../data-dir';
import { hashPassword, spendHashingTime, verifyPassword } from './passwords';

describe('passwords', () => {
  it("hashes in Django's scrypt format with a fresh salt each time", async () => {
    const [a, b] = await Promise.all([hashPassword('s3cret'), hashPassword('s3cret')]);
    assert.match(a, /^scrypt\$16384\$[A-Za-z0-9]{22}\$8\$1\$[A-Za-z0-9+/]{86}==$/);
    assert.notEqual(a, b);
    assert.ok(!a.includes('s3cret'));
    assert.equal(await verifyPassword('s3cret', a), true);
    assert.equal(await verifyPassword('s3cret ', a), false);
    assert.equal(await verifyPassword('S3cret', b), false);
  });

  it('verifies hashes made by Python and by Django', async () => {
    // The seed's admin hash was checked with Python's hashlib.scrypt; this PBKDF2 hash of
    // "admin" comes from a Django 3.2 project.
    const seed = JSON.parse(readFileSync(join(MOCK_API_DIR, 'seed.json'), 'utf8')) as {
      users: { password: string }[];
    };
    assert.equal(await verifyPassword('admin', seed.users[0]?.password ?? ''), true);
    const django =
      'pbkdf2_sha256$260000$XosfCe3V130EIYRbxnLGMQ$ZmioD5ryQh+iU7oihrVKbrWFlqCxW6qIkmjeNUe9+Rk=';
    assert.equal(await verifyPassword('admin', django), true);
    assert.equal(await verifyPassword('admin!', django), false);
  });

  it('refuses unusable hashes without throwing', async () => {
    const unusable = ['', 'admin', 'scrypt$3$salt$8$1$AAAA', 'md5$x$y', 'scrypt$16384$salt$8$1$'];
    const verdicts = await Promise.all(unusable.map((encoded) => verifyPassword('admin', encoded)));
    assert.deepEqual(verdicts, [false, false, false, false, false]);
  });

  it('spends about the work of a real check when there is nothing to check', async () => {
    const encoded = await hashPassword('pw');
    // CPU time, not wall time: the hash runs on libuv's pool, and a busy machine stretches
    // wall time at random while the work itself stays the same.
    const time = async (f: () => Promise<unknown>) => {
      const start = process.cpuUsage();
      await f();
      const used = process.cpuUsage(start);
      return (used.user + used.system) / 1000;
    };
    const real = [
      await time(() => verifyPassword('x', encoded)),
      await time(() => verifyPassword('x', encoded)),
    ];
    const fake = [await time(() => spendHashingTime('x')), await time(() => spendHashingTime('x'))];
    assert.ok(Math.min(...fake) > Math.min(...real) / 3, `${fake} vs ${real}`);
  });
});
