/**
 * The cases of each token backend a server may use instead of the tutorial's views:
 * djoser (its `djoser.urls.authtoken` at `auth/`), dj-rest-auth (at `dj-rest-auth/`) and
 * django-rest-knox (at `api/auth/`). They use only the backend's paths and the polls
 * API, so they hold for any server with that backend and the seed's admin/admin; the
 * suite runs them for a target whose `flavor` names the backend.
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { API_PATHS, FLAVOR_PATHS } from '../api/paths';
import { noContentLength } from './differences';
import {
  ALLOW,
  assertReply,
  detail,
  INVALID_TOKEN,
  JSON_TYPE,
  NOT_PROVIDED,
  unauthorized,
} from './expect';
import type { Reply } from './http';
import type { ServerUnderTest } from './server-under-test';

const ADMIN = { username: 'admin', password: 'admin' };
const UNABLE = JSON.stringify({
  non_field_errors: ['Unable to log in with provided credentials.'],
});
const DRF_KEY = /^[0-9a-f]{40}$/;
const KNOX_KEY = /^[0-9a-f]{64}$/;

function postJson(server: ServerUnderTest, path: string, body: unknown, headers = {}) {
  return server.send(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** The login's answer as an object, after checking it is a 200 of JSON. */
function loginBody(reply: Reply): Record<string, unknown> {
  assert.equal(reply.status, 200, reply.body);
  assert.equal(reply.headers['content-type'], JSON_TYPE);
  return JSON.parse(reply.body) as Record<string, unknown>;
}

async function assertKeyWorks(server: ServerUnderTest, key: string, works: boolean, what: string) {
  const reply = await server.send(API_PATHS.questions, {
    headers: { Authorization: `Token ${key}` },
  });
  if (works) assertReply(reply, { status: 200 }, `${what}: the questions`);
  else {
    assertReply(
      reply,
      { status: 401, body: INVALID_TOKEN, headers: { 'www-authenticate': 'Token' } },
      `${what}: the questions`,
    );
  }
}

const tokenHeader = (key: string) => ({ Authorization: `Token ${key}` });

/** djoser 2.x: `{"auth_token": key}`, DRF's one key per user, logout 204. */
export function djoserContract(server: ServerUnderTest): void {
  const paths = FLAVOR_PATHS.djoser;
  const login = async () => {
    const body = loginBody(await postJson(server, paths.login, ADMIN));
    assert.deepEqual(Object.keys(body), ['auth_token']);
    assert.match(String(body['auth_token']), DRF_KEY);
    return String(body['auth_token']);
  };

  describe(`djoser: POST ${paths.login}`, () => {
    server.test(
      'answers {"auth_token": key}, the same key on every login, which works',
      async () => {
        const key = await login();
        assert.equal(await login(), key, 'a second login gives the same key');
        await assertKeyWorks(server, key, true, 'the key');
      },
    );

    server.test(
      'refuses bad credentials, and a missing field, with "Unable to log in"',
      async () => {
        for (const body of [
          { username: 'admin', password: 'wrong' },
          { username: 'nobody', password: 'admin' },
          { username: 'admin' },
          { password: 'admin' },
        ]) {
          assertReply(
            await postJson(server, paths.login, body),
            { status: 400, body: UNABLE, headers: { 'content-type': JSON_TYPE } },
            JSON.stringify(body),
          );
        }
      },
    );

    server.test('refuses a blank or null field with the field error, password first', async () => {
      assertReply(await postJson(server, paths.login, { username: ' ', password: '' }), {
        status: 400,
        body: JSON.stringify({
          password: ['This field may not be blank.'],
          username: ['This field may not be blank.'],
        }),
      });
      assertReply(await postJson(server, paths.login, { username: null, password: 'admin' }), {
        status: 400,
        body: JSON.stringify({ username: ['This field may not be null.'] }),
      });
    });

    server.test(
      'takes a form too, where a blank field is a missing one; allows only POST',
      async () => {
        const reply = await server.send(paths.login, {
          method: 'POST',
          body: new URLSearchParams(ADMIN),
        });
        assert.match(String(loginBody(reply)['auth_token']), DRF_KEY);
        // From a form, DRF reads a blank optional field as one left out.
        assertReply(
          await server.send(paths.login, {
            method: 'POST',
            body: new URLSearchParams({ username: 'admin', password: '' }),
          }),
          { status: 400, body: UNABLE },
          'a blank password in a form',
        );
        assertReply(await server.send(paths.login), {
          status: 405,
          body: detail('Method "GET" not allowed.'),
          headers: { allow: ALLOW.postOnly },
        });
      },
    );
  });

  describe(`djoser: POST ${paths.logout}`, () => {
    server.test('needs a token', async () => {
      assertReply(
        await server.send(paths.logout, { method: 'POST' }),
        unauthorized('Authentication credentials were not provided.', ALLOW.postOnly),
      );
    });

    server.test('answers 204, deletes the key, and the next login issues a new one', async () => {
      const key = await login();
      assertReply(await server.send(paths.logout, { method: 'POST', headers: tokenHeader(key) }), {
        status: 204,
        body: '',
        headers: { 'content-type': null, 'content-length': noContentLength(server.kind) },
      });
      await assertKeyWorks(server, key, false, 'the old key');
      const fresh = await login();
      assert.notEqual(fresh, key);
      await assertKeyWorks(server, fresh, true, 'the new key');
    });
  });
}

/** dj-rest-auth: `{"key": key}`, DRF's one key per user, logout 200 for anyone. */
export function djRestAuthContract(server: ServerUnderTest): void {
  const paths = FLAVOR_PATHS['dj-rest-auth'];
  const login = async () => {
    const body = loginBody(await postJson(server, paths.login, ADMIN));
    assert.deepEqual(Object.keys(body), ['key']);
    assert.match(String(body['key']), DRF_KEY);
    return String(body['key']);
  };
  const loggedOut = {
    status: 200,
    body: detail('Successfully logged out.'),
    headers: { 'content-type': JSON_TYPE },
  };

  describe(`dj-rest-auth: POST ${paths.login}`, () => {
    server.test('answers {"key": key}, the same key on every login, which works', async () => {
      const key = await login();
      assert.equal(await login(), key);
      await assertKeyWorks(server, key, true, 'the key');
    });

    server.test('refuses what LoginSerializer refuses, with its messages', async () => {
      for (const [body, answer] of [
        [{ username: 'admin', password: 'wrong' }, UNABLE],
        [{ password: 'admin' }, UNABLE],
        [{ username: '', password: 'admin' }, UNABLE],
        [{ username: 'admin' }, JSON.stringify({ password: ['This field is required.'] })],
        [
          { username: 'admin', email: 'not an address', password: 'admin' },
          JSON.stringify({ email: ['Enter a valid email address.'] }),
        ],
      ] as const) {
        assertReply(
          await postJson(server, paths.login, body),
          { status: 400, body: answer },
          JSON.stringify(body),
        );
      }
    });
  });

  describe(`dj-rest-auth: POST ${paths.logout}`, () => {
    server.test('answers the same without a token (AllowAny); GET is a 405', async () => {
      assertReply(await server.send(paths.logout, { method: 'POST' }), loggedOut);
      assertReply(await server.send(paths.logout), {
        status: 405,
        body: detail('Method "GET" not allowed.'),
        headers: { allow: 'GET, POST, HEAD, OPTIONS' },
      });
    });

    server.test('with a token, deletes the key; the next login issues a new one', async () => {
      const key = await login();
      assertReply(
        await server.send(paths.logout, { method: 'POST', headers: tokenHeader(key) }),
        loggedOut,
      );
      await assertKeyWorks(server, key, false, 'the old key');
      const fresh = await login();
      assert.notEqual(fresh, key);
    });

    server.test('a bad token is still a 401: authentication runs before AllowAny', async () => {
      assertReply(
        await server.send(paths.logout, { method: 'POST', headers: tokenHeader('0'.repeat(40)) }),
        { status: 401, body: INVALID_TOKEN, headers: { 'www-authenticate': 'Token' } },
      );
    });
  });
}

/**
 * The expiry knox answers: DRF's DateTimeField, with microseconds, in the server's
 * TIME_ZONE (`Z` for UTC, else its offset); never a time without a zone (USE_TZ off),
 * which a client cannot place.
 */
const KNOX_EXPIRY = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?(Z|[+-]\d\d:\d\d)$/;

/** django-rest-knox: a new token per login, each with its expiry; logout and logoutall 204. */
export function knoxContract(server: ServerUnderTest): void {
  const paths = FLAVOR_PATHS.knox;
  const knoxLogin = async (headers = {}, body: unknown = ADMIN) => {
    const before = Date.now();
    const answer = loginBody(await postJson(server, paths.login, body, headers));
    assert.deepEqual(Object.keys(answer), ['expiry', 'token']);
    assert.match(String(answer['token']), KNOX_KEY);
    assert.match(String(answer['expiry']), KNOX_EXPIRY);
    assert.ok(Date.parse(String(answer['expiry'])) > before, 'the expiry is in the future');
    return { key: String(answer['token']), expiry: String(answer['expiry']) };
  };
  const noContent = {
    status: 204,
    body: '',
    headers: { 'content-type': null, 'content-length': noContentLength(server.kind) },
  };

  describe(`knox: POST ${paths.login}`, () => {
    server.test('every login makes a new token, and each works', async () => {
      const first = await knoxLogin();
      const second = await knoxLogin();
      assert.notEqual(first.key, second.key);
      await assertKeyWorks(server, first.key, true, 'the first token');
      await assertKeyWorks(server, second.key, true, 'the second token');
    });

    server.test(
      "reads the body only: HTTP Basic is no login with the LoginView of knox's docs",
      async () => {
        const basic = `Basic ${Buffer.from('admin:admin').toString('base64')}`;
        assertReply(await postJson(server, paths.login, {}, { Authorization: basic }), {
          status: 400,
          body: JSON.stringify({
            username: ['This field is required.'],
            password: ['This field is required.'],
          }),
        });
      },
    );

    server.test("refuses what DRF's AuthTokenSerializer refuses", async () => {
      assertReply(await postJson(server, paths.login, { username: 'admin', password: 'x' }), {
        status: 400,
        body: UNABLE,
      });
      assertReply(await postJson(server, paths.login, {}), {
        status: 400,
        body: JSON.stringify({
          username: ['This field is required.'],
          password: ['This field is required.'],
        }),
      });
    });
  });

  describe(`knox: POST ${paths.logout} and ${paths.logoutAll}`, () => {
    server.test('logout ends that token only', async () => {
      const ended = await knoxLogin();
      const kept = await knoxLogin();
      assertReply(
        await server.send(paths.logout, { method: 'POST', headers: tokenHeader(ended.key) }),
        noContent,
      );
      await assertKeyWorks(server, ended.key, false, 'the token logged out');
      await assertKeyWorks(server, kept.key, true, 'the other token');
    });

    server.test("logoutall ends every one of the user's tokens", async () => {
      const tokens = [await knoxLogin(), await knoxLogin()];
      assertReply(
        await server.send(paths.logoutAll, {
          method: 'POST',
          headers: tokenHeader(tokens[0]?.key ?? ''),
        }),
        noContent,
      );
      for (const { key } of tokens) await assertKeyWorks(server, key, false, 'a token');
    });

    server.test(
      'need a valid token: none, or an unknown one, is a 401 with the challenge',
      async () => {
        for (const path of [paths.logout, paths.logoutAll]) {
          assertReply(await server.send(path, { method: 'POST' }), {
            status: 401,
            body: NOT_PROVIDED,
            headers: { 'www-authenticate': 'Token', allow: ALLOW.postOnly },
          });
          assertReply(
            await server.send(path, { method: 'POST', headers: tokenHeader('0'.repeat(64)) }),
            { status: 401, body: INVALID_TOKEN, headers: { 'www-authenticate': 'Token' } },
          );
        }
      },
    );
  });
}

/** The cases of the target's flavour; the tutorial's own (`authtoken`) are the main suite's. */
export function flavorContract(server: ServerUnderTest): void {
  switch (server.target.flavor) {
    case 'djoser':
      djoserContract(server);
      break;
    case 'dj-rest-auth':
      djRestAuthContract(server);
      break;
    case 'knox':
      knoxContract(server);
      break;
    default:
      break;
  }
}
