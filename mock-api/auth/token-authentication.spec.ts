import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { API_PATHS } from '../../api/paths';
import { fetchToken } from '../../scripts/servers';
import { answer, auth, startTestServer, startWithToken, type TestServer } from '../testing';
import { AuthStore } from './auth-store';
import { hashPassword } from './passwords';

// The header forms and their 401s are the contract suite's (contract/token-authentication.ts);
// these are the cases that need the mock's data directory.

let api: TestServer;
before(async () => (api = await startTestServer()));
after(() => api.stop());

describe('TokenAuthentication', () => {
  it("refuses an inactive user's token", async () => {
    // Written to the data file as the CLI would; the running server picks it up.
    const store = AuthStore.open(join(api.dataDir, 'auth.json'));
    const sleepy = store.addUser({
      username: 'sleepy',
      password: await hashPassword('pw'),
      isActive: false,
    });
    const key = store.getOrCreateToken(sleepy).key;
    assert.deepEqual(
      await answer(await fetch(`${api.url}${API_PATHS.questions}`, { headers: auth(key) })),
      {
        status: 401,
        body: '{"detail":"User inactive or deleted."}',
        contentType: 'application/json',
        allow: 'GET, HEAD, OPTIONS',
        wwwAuthenticate: 'Token',
      },
    );
  });
});

describe('token expiry (--token-ttl)', () => {
  it('answers an expired token 401 Invalid token. and deletes it; a login issues a new key', async () => {
    const { api: ttl, token: key } = await startWithToken({ tokenTtlSeconds: 3600 });
    try {
      assert.equal(
        (await fetch(`${ttl.url}${API_PATHS.questions}`, { headers: auth(key) })).status,
        200,
      );
      // Age the token by two hours, as if the server had been running that long.
      const file = join(ttl.dataDir, 'auth.json');
      const data = JSON.parse(readFileSync(file, 'utf8')) as {
        tokens: { key: string; created: string }[];
      };
      for (const t of data.tokens)
        if (t.key === key) t.created = new Date(Date.now() - 7_200_000).toISOString();
      writeFileSync(file, JSON.stringify(data));
      const expired = await answer(
        await fetch(`${ttl.url}${API_PATHS.questions}`, { headers: auth(key) }),
      );
      assert.equal(expired.status, 401);
      assert.equal(expired.body, '{"detail":"Invalid token."}');
      assert.ok(!readFileSync(file, 'utf8').includes(key), 'the expired key is gone from disk');
      const fresh = await fetchToken(ttl.url);
      assert.notEqual(fresh, key);
      assert.equal(
        (await fetch(`${ttl.url}${API_PATHS.questions}`, { headers: auth(fresh) })).status,
        200,
      );
    } finally {
      await ttl.stop();
    }
  });
});
