import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DataFileError, formatRecords, JsonFile, recordArrays } from './json-file';
import { tempDir } from './testing';

let dir: string;
before(async () => (dir = await tempDir()));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('JsonFile', () => {
  it('writes atomically, one record per line, leaving no temporary file behind', () => {
    const file = new JsonFile(join(dir, 'data.json'));
    file.write({ things: [{ id: 1 }, { id: 2, name: 'two' }], empty: [] });
    assert.equal(
      readFileSync(file.path, 'utf8'),
      '{\n  "things": [\n    {"id":1},\n    {"id":2,"name":"two"}\n  ],\n  "empty": []\n}\n',
    );
    assert.deepEqual(readdirSync(dir), ['data.json']);
    assert.deepEqual(file.read(), { things: [{ id: 1 }, { id: 2, name: 'two' }], empty: [] });
  });

  it('notices a file replaced by someone else, not its own writes', () => {
    const file = new JsonFile(join(dir, 'watched.json'));
    file.write({ a: [] });
    assert.equal(file.changedOnDisk(), false);
    writeFileSync(file.path, '{"a": [{"x": 1}]}');
    assert.equal(file.changedOnDisk(), true);
    file.read();
    assert.equal(file.changedOnDisk(), false);
  });

  it('names the file and the problem when it cannot be read', () => {
    const missing = new JsonFile(join(dir, 'missing.json'));
    assert.throws(() => missing.read(), DataFileError);
    writeFileSync(join(dir, 'broken.json'), '{');
    assert.throws(
      () => new JsonFile(join(dir, 'broken.json')).read(),
      /broken\.json: not valid JSON/,
    );
  });

  it('checks record arrays, naming the bad record by its place, never by its content', () => {
    const checks = {
      users: (user: Readonly<Record<string, unknown>>) =>
        typeof user['password'] === 'string' ? null : 'a user without a password',
    };
    assert.deepEqual(recordArrays({ users: [{ password: 'x' }] }, 'f.json', checks), {
      users: [{ password: 'x' }],
    });
    assert.throws(
      () => recordArrays({ users: [{ password: 'x' }, { name: 'secret' }] }, 'f.json', checks),
      (e: Error) => e.message === 'f.json: users[1]: a user without a password',
    );
    assert.throws(
      () => recordArrays({ users: [null] }, 'f.json', checks),
      /users\[0\]: not an object/,
    );
    assert.throws(() => recordArrays({}, 'f.json', checks), /f\.json: expected "users" arrays/);
    assert.throws(() => recordArrays([], 'f.json', checks), /expected "users" arrays/);
  });

  it('formats any object of record arrays', () => {
    assert.equal(formatRecords({ users: [] }), '{\n  "users": []\n}\n');
  });
});
