import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { tempDir } from '../testing';
import { AuthStore, generateKey, type User } from './auth-store';

let dir: string;
before(async () => (dir = await tempDir()));
after(() => rmSync(dir, { recursive: true, force: true }));

const HASH = 'scrypt$16384$abc$8$1$AAAA';

function user(id: number, username: string, isActive = true): User {
  return {
    id,
    username,
    password: HASH,
    is_active: isActive,
    is_staff: false,
    is_superuser: false,
    date_joined: '2025-01-01T00:00:00Z',
  };
}

function writeAuth(
  name: string,
  users: User[],
  tokens: { key: string; user: number; created: string }[],
) {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify({ users, tokens }));
  return file;
}

describe('AuthStore', () => {
  it('finds users and tokens, and keeps one token per user (get_or_create)', () => {
    const key = 'a'.repeat(40);
    const file = writeAuth(
      'one.json',
      [user(1, 'admin'), user(2, 'bob')],
      [{ key, user: 1, created: '2025-01-01T00:00:00Z' }],
    );
    const store = AuthStore.open(file);
    assert.equal(store.findToken(key)?.user.username, 'admin');
    assert.equal(store.findToken('b'.repeat(40)), undefined);
    const admin = store.findUser('admin');
    assert.ok(admin);
    assert.equal(store.getOrCreateToken(admin).key, key);
    const bob = store.findUser('bob');
    assert.ok(bob);
    const bobKey = store.getOrCreateToken(bob).key;
    assert.match(bobKey, /^[0-9a-f]{40}$/);
    assert.equal(store.getOrCreateToken(bob).key, bobKey);
    assert.ok(readFileSync(file, 'utf8').includes(bobKey), 'the new key is on disk');
  });

  it('replaces and deletes keys on disk', () => {
    const key = generateKey();
    const file = writeAuth(
      'two.json',
      [user(1, 'admin')],
      [{ key, user: 1, created: '2025-01-01T00:00:00Z' }],
    );
    const store = AuthStore.open(file);
    const admin = store.findUser('admin');
    assert.ok(admin);
    const fresh = store.createToken(admin);
    assert.notEqual(fresh.key, key);
    assert.equal(store.findToken(key), undefined);
    store.deleteToken(fresh.key);
    assert.equal(store.tokenOf(admin), undefined);
    const onDisk = JSON.parse(readFileSync(file, 'utf8')) as { tokens: unknown[] };
    assert.deepEqual(onDisk.tokens, []);
  });

  it('adds users with a token, refusing duplicates', () => {
    const file = writeAuth('three.json', [user(5, 'admin')], []);
    const store = AuthStore.open(file);
    const carol = store.addUser({ username: 'carol', password: HASH, isActive: false });
    assert.equal(carol.id, 6);
    assert.equal(carol.is_active, false);
    assert.match(store.tokenOf(carol)?.key ?? '', /^[0-9a-f]{40}$/);
    assert.throws(() => store.addUser({ username: 'carol', password: HASH }), /already exists/);
    // One record per line keeps the file readable and its diffs small.
    const lines = readFileSync(file, 'utf8').split('\n');
    assert.equal(lines[0], '{');
    assert.equal(lines[1], '  "users": [');
    assert.match(lines[2] ?? '', /^ {4}\{"id":5,"username":"admin",/);
  });

  it('reloads a file replaced behind its back', () => {
    const file = writeAuth('four.json', [user(1, 'admin')], []);
    const store = AuthStore.open(file);
    store.reloadIfChanged();
    assert.equal(store.findUser('dave'), undefined);
    writeAuth('four.json', [user(1, 'admin'), user(2, 'dave')], []);
    store.reloadIfChanged();
    assert.equal(store.findUser('dave')?.id, 2);
  });

  it('loads 100,000 users quickly and looks a token up by key without a scan', () => {
    const users: User[] = [];
    const tokens = [];
    for (let id = 1; id <= 100_000; id++) {
      users.push(user(id, `user-${id}`));
      tokens.push({
        key: id.toString(16).padStart(40, '0'),
        user: id,
        created: '2025-01-01T00:00:00Z',
      });
    }
    const file = writeAuth('big.json', users, tokens);
    const start = performance.now();
    const store = AuthStore.open(file);
    const loadMs = performance.now() - start;
    assert.ok(loadMs < 5000, `loading took ${loadMs} ms`);
    const middle = tokens[50_000]?.key ?? '';
    const lookupStart = performance.now();
    for (let i = 0; i < 10_000; i++) store.findToken(middle);
    assert.ok(performance.now() - lookupStart < 200, 'a lookup is constant time');
    assert.equal(store.findToken(middle)?.user.username, 'user-50001');
  });

  it('says which file is unusable and why', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{"users": [');
    assert.throws(
      () => AuthStore.open(file),
      (e: Error) => e.message.startsWith(`${file}: not valid JSON`),
    );
    writeFileSync(file, '{"users": []}');
    assert.throws(() => AuthStore.open(file), /expected "users" and "tokens" arrays/);
  });
});
