import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { dataFiles, ensureDataDir, resetDataDir, SEED_FILE } from './data-dir';
import { AuthStore } from './auth/auth-store';
import { hashPassword } from './auth/passwords';
import { tempDir } from './testing';

let parent: string;
before(async () => (parent = await tempDir()));
after(() => rmSync(parent, { recursive: true, force: true }));

interface AuthFile {
  users: { id: number; username: string; password: string; is_active: boolean }[];
  tokens: { key: string; user: number }[];
}

const readJson = <T>(file: string) => JSON.parse(readFileSync(file, 'utf8')) as T;

describe('data directory', () => {
  it('is created from the seed, with a fresh token for every user', () => {
    const one = join(parent, 'one', 'nested');
    const two = join(parent, 'two');
    assert.equal(ensureDataDir(one), true);
    assert.equal(ensureDataDir(two), true);
    const auth = readJson<AuthFile>(dataFiles(one).auth);
    assert.deepEqual(
      auth.users.map((u) => u.username),
      ['admin'],
    );
    assert.equal(auth.tokens.length, 1);
    assert.match(auth.tokens[0]?.key ?? '', /^[0-9a-f]{40}$/);
    assert.notEqual(readJson<AuthFile>(dataFiles(two).auth).tokens[0]?.key, auth.tokens[0]?.key);
    const polls = readJson<{ questions: { id: number }[]; choices: { questionId: number }[] }>(
      dataFiles(one).polls,
    );
    assert.equal(polls.questions[0]?.id, 1);
    assert.ok(polls.choices.filter((c) => c.questionId === 1).length >= 2);
    assert.ok(
      !readFileSync(dataFiles(one).polls, 'utf8').includes('password'),
      'users stay out of the polls file',
    );
  });

  it('keeps the keys from other users of the machine: a 0700 folder, a 0600 auth file', async () => {
    const dir = join(parent, 'private');
    ensureDataDir(dir);
    const mode = (path: string) => statSync(path).mode & 0o777;
    assert.equal(mode(dir), 0o700);
    assert.equal(mode(dataFiles(dir).auth), 0o600);
    // Every later write keeps it so, in any folder.
    const store = AuthStore.open(dataFiles(dir).auth);
    store.addUser({
      username: 'ivan',
      password: await hashPassword('pw'),
      isActive: true,
      isSuperuser: false,
    });
    assert.equal(mode(dataFiles(dir).auth), 0o600);
    resetDataDir(dir);
    assert.equal(mode(dataFiles(dir).auth), 0o600);
  });

  it('leaves existing files alone and fills in a missing one', () => {
    const dir = join(parent, 'partial');
    ensureDataDir(dir);
    const files = dataFiles(dir);
    writeFileSync(files.polls, '{"questions": [], "choices": []}');
    rmSync(files.auth);
    assert.equal(ensureDataDir(dir), true);
    assert.equal(readFileSync(files.polls, 'utf8'), '{"questions": [], "choices": []}');
    assert.ok(existsSync(files.auth));
    assert.equal(ensureDataDir(dir), false);
  });

  it('is restored to the seed by reset, with new keys', () => {
    const dir = join(parent, 'reset');
    ensureDataDir(dir);
    const files = dataFiles(dir);
    const oldKey = readJson<AuthFile>(files.auth).tokens[0]?.key;
    writeFileSync(files.polls, '{"questions": [], "choices": []}');
    resetDataDir(dir);
    const seed = readJson<{ questions: unknown[] }>(SEED_FILE);
    assert.deepEqual(readJson<{ questions: unknown[] }>(files.polls).questions, seed.questions);
    assert.notEqual(readJson<AuthFile>(files.auth).tokens[0]?.key, oldKey);
  });

  it('never holds a plaintext password, in the seed or in the data files', async () => {
    const seedText = readFileSync(SEED_FILE, 'utf8');
    const seed = JSON.parse(seedText) as AuthFile;
    assert.match(seed.users[0]?.password ?? '', /^scrypt\$/);
    assert.ok(!/"password":\s*"admin"/.test(seedText));
    assert.ok(!/[0-9a-f]{40}/.test(seedText), 'no token keys are committed in the seed');
    const dir = join(parent, 'secrets');
    const password = 'correct horse battery staple';
    ensureDataDir(dir);
    const files = dataFiles(dir);
    AuthStore.open(files.auth).addUser({
      username: 'erin',
      password: await hashPassword(password),
    });
    for (const file of [files.polls, files.auth]) {
      const bytes = readFileSync(file, 'utf8');
      assert.ok(!bytes.includes(password), `${file} holds the password`);
      assert.ok(!bytes.includes(encodeURIComponent(password)));
    }
    const erin = readJson<AuthFile>(files.auth).users.find((u) => u.username === 'erin');
    assert.match(erin?.password ?? '', /^scrypt\$16384\$[A-Za-z0-9]{22}\$8\$1\$/);
  });
});
