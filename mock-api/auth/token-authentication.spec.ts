import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { API_PATHS } from '../../api/paths';
import { fetchToken } from '../../scripts/servers';
import { answer, auth, startWithToken, type TestServer } from '../testing';
import { AuthStore } from './auth-store';
import { hashPassword } from './passwords';

let api: TestServer;
let token: string;
before(async () => ({ api, token } = await startWithToken()));
after(() => api.stop());

const NOT_PROVIDED = '{"detail":"Authentication credentials were not provided."}';

async function withHeader(value: string | undefined, path: string = API_PATHS.questions) {
  const headers: Record<string, string> = value === undefined ? {} : { Authorization: value };
  return answer(await fetch(`${api.url}${path}`, { headers }));
}

/** Sends an Authorization header with bytes fetch would refuse to send. */
function withRawHeader(
  value: Buffer,
): Promise<{ status: number; body: string; challenge?: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(api.url);
    const req = request(
      {
        hostname,
        port,
        path: API_PATHS.questions,
        headers: { Authorization: value.toString('latin1') },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body,
            challenge: res.headers['www-authenticate'],
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('TokenAuthentication', () => {
  it('accepts "Token <key>", the keyword in any case, any whitespace between', async () => {
    for (const header of [
      `Token ${token}`,
      `token ${token}`,
      `TOKEN ${token}`,
      `Token \t ${token}`,
    ]) {
      assert.equal((await withHeader(header)).status, 200, header);
    }
  });

  it('treats a missing header or another scheme as no credentials', async () => {
    for (const header of [
      undefined,
      '',
      'Bearer ' + token,
      'Basic YWRtaW46YWRtaW4=',
      `Tokens ${token}`,
    ]) {
      assert.deepEqual(await withHeader(header), {
        status: 401,
        body: NOT_PROVIDED,
        contentType: 'application/json',
        allow: 'GET, HEAD, OPTIONS',
        wwwAuthenticate: 'Token',
      });
    }
  });

  it("refuses malformed and unknown tokens with DRF's messages", async () => {
    const cases: [string, string][] = [
      ['Token', 'Invalid token header. No credentials provided.'],
      [`Token ${token} extra`, 'Invalid token header. Token string should not contain spaces.'],
      ['Token nope', 'Invalid token.'],
      [`Token ${token.toUpperCase()}`, 'Invalid token.'],
    ];
    for (const [header, detail] of cases) {
      const result = await withHeader(header);
      assert.equal(result.status, 401, header);
      assert.equal(result.body, JSON.stringify({ detail }), header);
      assert.equal(result.wwwAuthenticate, 'Token');
    }
  });

  it('refuses a key that is not valid UTF-8, and reads a valid non-ASCII one as a key', async () => {
    assert.deepEqual(await withRawHeader(Buffer.from('Token \xff\xfe', 'latin1')), {
      status: 401,
      body: '{"detail":"Invalid token header. Token string should not contain invalid characters."}',
      challenge: 'Token',
    });
    assert.equal(
      (await withRawHeader(Buffer.from('Token é', 'utf8'))).body,
      '{"detail":"Invalid token."}',
    );
  });

  it('authenticates before looking the question up: 401, not 404', async () => {
    assert.equal((await withHeader(undefined, API_PATHS.question(999))).body, NOT_PROVIDED);
    assert.equal(
      (await withHeader('Token nope', API_PATHS.question(999))).body,
      '{"detail":"Invalid token."}',
    );
    assert.equal((await withHeader(`Token ${token}`, API_PATHS.question(999))).status, 404);
  });

  it("refuses an inactive user's token", async () => {
    // Written to the data file as the CLI would; the running server picks it up.
    const store = AuthStore.open(join(api.dataDir, 'auth.json'));
    const sleepy = store.addUser({
      username: 'sleepy',
      password: await hashPassword('pw'),
      isActive: false,
    });
    const key = store.getOrCreateToken(sleepy).key;
    assert.deepEqual(await withHeader(`Token ${key}`), {
      status: 401,
      body: '{"detail":"User inactive or deleted."}',
      contentType: 'application/json',
      allow: 'GET, HEAD, OPTIONS',
      wwwAuthenticate: 'Token',
    });
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
