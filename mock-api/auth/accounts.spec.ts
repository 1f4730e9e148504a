import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { API_PATHS } from '../../api/paths';
import { fetchToken } from '../../scripts/servers';
import { answer, auth, login, startTestServer, type TestServer } from '../testing';
import { AuthStore } from './auth-store';
import { hashPassword } from './passwords';

let api: TestServer;
before(async () => (api = await startTestServer()));
after(() => api.stop());

const TOKEN_URL = () => `${api.url}${API_PATHS.login}`;
const BAD_CREDENTIALS = '{"non_field_errors":["Unable to log in with provided credentials."]}';

async function postLogin(
  body: string | FormData | URLSearchParams,
  headers: Record<string, string> = {},
) {
  return answer(await fetch(TOKEN_URL(), { method: 'POST', headers, body }));
}

describe(`POST ${API_PATHS.login}`, () => {
  it('returns the same 40-hex key for JSON, form and multipart logins', async () => {
    const json = await postLogin('{"username": "admin", "password": "admin"}', {
      'Content-Type': 'application/json',
    });
    assert.equal(json.status, 200);
    assert.equal(json.contentType, 'application/json');
    assert.equal(json.allow, 'POST, OPTIONS');
    const key = (JSON.parse(json.body) as { token: string }).token;
    assert.match(key, /^[0-9a-f]{40}$/);
    assert.equal(json.body, `{"token":"${key}"}`);
    const form = await postLogin(new URLSearchParams({ username: 'admin', password: 'admin' }));
    const multipart = new FormData();
    multipart.append('username', 'admin');
    multipart.append('password', 'admin');
    assert.equal(form.body, json.body);
    assert.equal((await postLogin(multipart)).body, json.body);
  });

  it("answers bad input with DRF's serializer errors", async () => {
    const json = { 'Content-Type': 'application/json' };
    const cases: [string, Record<string, string>, string][] = [
      ['{"username":"admin","password":"wrong"}', json, BAD_CREDENTIALS],
      ['{"username":"nobody","password":"admin"}', json, BAD_CREDENTIALS],
      ['{"username":" admin ","password":" admin"}', json, BAD_CREDENTIALS],
      [
        '{}',
        json,
        '{"username":["This field is required."],"password":["This field is required."]}',
      ],
      [
        'username=admin',
        { 'Content-Type': 'application/x-www-form-urlencoded' },
        '{"password":["This field is required."]}',
      ],
      ['{"username":"","password":"x"}', json, '{"username":["This field may not be blank."]}'],
      [
        '{"username":null,"password":null}',
        json,
        '{"username":["This field may not be null."],"password":["This field may not be null."]}',
      ],
      ['{"username":123,"password":["x"]}', json, '{"password":["Not a valid string."]}'],
      ['[]', json, '{"non_field_errors":["Invalid data. Expected a dictionary, but got list."]}'],
      ['null', json, '{"non_field_errors":["No data provided"]}'],
    ];
    for (const [body, headers, expected] of cases) {
      const result = await postLogin(body, headers);
      assert.equal(result.status, 400, body);
      assert.equal(result.body, expected, body);
    }
    const empty = await answer(await fetch(TOKEN_URL(), { method: 'POST' }));
    assert.equal(
      empty.body,
      '{"username":["This field is required."],"password":["This field is required."]}',
    );
  });

  it('answers malformed and unsupported bodies as DRF does', async () => {
    assert.deepEqual(
      await postLogin('{"username": "admin",', { 'Content-Type': 'application/json' }),
      {
        status: 400,
        body: '{"detail":"JSON parse error - Expecting property name enclosed in double quotes: line 1 column 22 (char 21)"}',
        contentType: 'application/json',
        allow: 'POST, OPTIONS',
        wwwAuthenticate: null,
      },
    );
    const plain = await postLogin('username=admin', { 'Content-Type': 'text/plain' });
    assert.equal(plain.status, 415);
    assert.equal(plain.body, '{"detail":"Unsupported media type \\"text/plain\\" in request."}');
  });

  it('refuses an inactive user even with the right password', async () => {
    const store = AuthStore.open(join(api.dataDir, 'auth.json'));
    store.addUser({ username: 'idle', password: await hashPassword('pw'), isActive: false });
    assert.equal(
      (await answer(await login(api.url, { username: 'idle', password: 'pw' }))).body,
      BAD_CREDENTIALS,
    );
  });

  it('authenticates the header first: a bad one is 401 even with the right password', async () => {
    const body = '{"username":"admin","password":"admin"}';
    const headers = { 'Content-Type': 'application/json' };
    assert.deepEqual(await postLogin(body, { ...headers, Authorization: 'Token nope' }), {
      status: 401,
      body: '{"detail":"Invalid token."}',
      contentType: 'application/json',
      allow: 'POST, OPTIONS',
      wwwAuthenticate: 'Token',
    });
    assert.equal((await postLogin(body, { ...headers, Authorization: 'Token' })).status, 401);
    assert.equal((await postLogin(body, { ...headers, Authorization: 'Basic abc' })).status, 200);
  });

  it('allows only POST (and OPTIONS)', async () => {
    const get = await answer(await fetch(TOKEN_URL()));
    assert.deepEqual(get, {
      status: 405,
      body: '{"detail":"Method \\"GET\\" not allowed."}',
      contentType: 'application/json',
      allow: 'POST, OPTIONS',
      wwwAuthenticate: null,
    });
    const options = await answer(await fetch(TOKEN_URL(), { method: 'OPTIONS' }));
    assert.equal(options.status, 200);
    assert.equal(
      options.body,
      '{"name":"Obtain Auth Token","description":"","renders":["application/json"],' +
        '"parses":["application/x-www-form-urlencoded","multipart/form-data","application/json"],' +
        '"actions":{"POST":{"username":{"type":"string","required":true,"read_only":false,"label":"Username"},' +
        '"password":{"type":"string","required":true,"read_only":false,"label":"Password"},' +
        '"token":{"type":"string","required":false,"read_only":true,"label":"Token"}}}}',
    );
  });
});

describe(`POST ${API_PATHS.logout}`, () => {
  it('deletes the key: 204 with no body, then the old key is dead and a login issues a new one', async () => {
    const key = await fetchToken(api.url);
    const response = await fetch(`${api.url}${API_PATHS.logout}`, {
      method: 'POST',
      headers: auth(key),
    });
    assert.equal(response.status, 204);
    assert.equal(await response.text(), '');
    assert.equal(response.headers.get('content-type'), null);
    assert.ok(!readFileSync(join(api.dataDir, 'auth.json'), 'utf8').includes(key));
    for (const path of [API_PATHS.logout, API_PATHS.questions]) {
      const method = path.includes('logout') ? 'POST' : 'GET';
      const again = await answer(await fetch(`${api.url}${path}`, { method, headers: auth(key) }));
      assert.equal(again.status, 401);
      assert.equal(again.body, '{"detail":"Invalid token."}');
    }
    const fresh = await fetchToken(api.url);
    assert.notEqual(fresh, key);
    assert.equal(
      (await fetch(`${api.url}${API_PATHS.questions}`, { headers: auth(fresh) })).status,
      200,
    );
  });

  it('needs a valid token, and only POST', async () => {
    const anonymous = await answer(
      await fetch(`${api.url}${API_PATHS.logout}`, { method: 'POST' }),
    );
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body, '{"detail":"Authentication credentials were not provided."}');
    assert.equal(anonymous.wwwAuthenticate, 'Token');
    const key = await fetchToken(api.url);
    const get = await answer(await fetch(`${api.url}${API_PATHS.logout}`, { headers: auth(key) }));
    assert.equal(get.status, 405);
    assert.equal(get.allow, 'POST, OPTIONS');
  });
});
