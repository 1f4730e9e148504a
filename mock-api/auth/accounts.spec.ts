import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { API_PATHS } from '../../api/paths';
import { fetchToken } from '../../scripts/servers';
import { answer, auth, login, startTestServer, type TestServer } from '../testing';
import { AuthStore } from './auth-store';
import { hashPassword } from './passwords';

// What a client sees of the login and the logout is the contract suite's (contract/login.ts,
// contract/logout.ts); these are the cases that need the mock's data directory.

let api: TestServer;
before(async () => (api = await startTestServer()));
after(() => api.stop());

describe(`POST ${API_PATHS.login}`, () => {
  it('refuses an inactive user even with the right password', async () => {
    const store = AuthStore.open(join(api.dataDir, 'auth.json'));
    store.addUser({ username: 'idle', password: await hashPassword('pw'), isActive: false });
    assert.equal(
      (await answer(await login(api.url, { username: 'idle', password: 'pw' }))).body,
      '{"non_field_errors":["Unable to log in with provided credentials."]}',
    );
  });
});

describe(`POST ${API_PATHS.logout}`, () => {
  it('deletes the key from the data file before it answers', async () => {
    const key = await fetchToken(api.url);
    const authFile = join(api.dataDir, 'auth.json');
    assert.ok(readFileSync(authFile, 'utf8').includes(key));
    const response = await fetch(`${api.url}${API_PATHS.logout}`, {
      method: 'POST',
      headers: auth(key),
    });
    assert.equal(response.status, 204);
    assert.ok(!readFileSync(authFile, 'utf8').includes(key));
  });
});
