/**
 * `POST /accounts/logout/`, the tutorial's view: it deletes the caller's token, so a key
 * that leaked is dead once its user logs out. DRF has no such view of its own.
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { API_PATHS } from '../api/paths';
import { noContentLength } from './differences';
import { ALLOW, assertReply, detail, INVALID_TOKEN, JSON_TYPE, unauthorized } from './expect';
import type { ServerUnderTest } from './server-under-test';

export function logoutContract(server: ServerUnderTest): void {
  describe(`POST ${API_PATHS.logout}`, () => {
    server.test(
      'answers 204 with no body, then the old key is refused and a login issues a new one',
      async () => {
        const key = await server.token();
        const authorization = { Authorization: `Token ${key}` };
        const reply = await server.send(API_PATHS.logout, {
          method: 'POST',
          headers: authorization,
        });
        // Whatever the answer, the next case logs in afresh.
        server.forgetToken();
        assertReply(reply, {
          status: 204,
          body: '',
          headers: { 'content-type': null, 'content-length': noContentLength(server.kind) },
        });
        for (const [method, path] of [
          ['POST', API_PATHS.logout],
          ['GET', API_PATHS.questions],
        ] as const) {
          assertReply(
            await server.send(path, { method, headers: authorization }),
            { status: 401, body: INVALID_TOKEN, headers: { 'www-authenticate': 'Token' } },
            `${method} ${path} with the old key`,
          );
        }
        const fresh = await server.token();
        assert.notEqual(fresh, key, 'the next login issues a new key');
        assertReply(
          await server.send(API_PATHS.questions, { headers: { Authorization: `Token ${fresh}` } }),
          { status: 200 },
        );
      },
    );

    server.test('needs a valid token', async () => {
      assertReply(
        await server.send(API_PATHS.logout, { method: 'POST' }),
        unauthorized('Authentication credentials were not provided.', ALLOW.postOnly),
      );
    });

    server.test('allows only POST: GET is a 405 with Allow, and logs nobody out', async () => {
      assertReply(await server.sendAuthorized(API_PATHS.logout), {
        status: 405,
        body: detail('Method "GET" not allowed.'),
        headers: { 'content-type': JSON_TYPE, allow: ALLOW.postOnly },
      });
      assertReply(await server.sendAuthorized(API_PATHS.questions), { status: 200 });
    });
  });
}
