/**
 * The answers that are the same on every endpoint: an unknown URL, content negotiation
 * that fails, and the throttle on failed logins.
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { API_PATHS } from '../api/paths';
import { SEED_ADMIN } from '../scripts/servers';
import {
  assertBrowsableApi,
  assertDeepJson,
  assertLargeBody,
  assertOtherCharset,
  assertRefusedByDjango,
  assertUnknownUrl,
} from './differences';
import { ALLOW, assertReply, detail, JSON_TYPE, NOT_FOUND } from './expect';
import { BAD_CREDENTIALS, madeUpUsername } from './login';
import type { Reply } from './http';
import type { ServerUnderTest } from './server-under-test';

/**
 * URLs under the API's own prefixes that must not answer: users, tokens and choices the
 * API does not publish. Any server of the API answers these, even behind a proxy that
 * sends only the API's prefixes on.
 */
const UNKNOWN_API_URLS = [
  '/accounts/',
  '/accounts/nope/',
  '/accounts/users/',
  '/polls/api/users',
  '/polls/api/users/',
  '/polls/api/tokens/',
  '/polls/api/choices/',
  '/polls/api/questions/1/choices/',
];

/**
 * The rest of the origin: json-server's own routes and the data files. Only a server that
 * answers its whole origin must refuse them; behind a site, `/` is the site's.
 */
const UNKNOWN_SITE_URLS = [
  '/',
  '/db',
  '/db/',
  '/__rules',
  '/users',
  '/users/1',
  '/tokens',
  '/questions',
  '/questions/1',
  '/choices',
  '/choices?questionId=1',
  '/index.html',
  '/auth.json',
  '/polls.json',
  '/data/auth.json',
  '/seed.json',
  '/polls/',
];

const NOT_ACCEPTABLE = detail('Could not satisfy the request Accept header.');

export function errorsContract(server: ServerUnderTest): void {
  /** A JSON POST that asks for `accept`; with the admin's key unless `authorized` is false. */
  const postAccepting = (path: string, accept: string, { authorized = true } = {}) => {
    const call = {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: accept },
      body: '{"choice": 1}',
    };
    return authorized ? server.sendAuthorized(path, call) : server.send(path, call);
  };
  const POST_NOT_ACCEPTABLE = {
    status: 406,
    body: NOT_ACCEPTABLE,
    headers: { 'content-type': JSON_TYPE, allow: ALLOW.postOnly },
  };

  describe('a path without its final slash', () => {
    server.test(
      "is redirected to the slashed path (301), as Django's APPEND_SLASH does, before authentication",
      async () => {
        // A server mounted under a prefix redirects to the path with the prefix.
        const prefix = new URL(server.url).pathname.replace(/\/$/, '');
        const redirects = [
          ['GET', '/polls/api/questions/1?x=1', '/polls/api/questions/1/?x=1'],
          ['POST', '/accounts/get_auth_token', API_PATHS.login],
        ] as const;
        // `/polls/api` lies outside the prefix `/polls/api/`, which a proxy may be all that sends on.
        const outsidePrefix = [['GET', '/polls/api', API_PATHS.apiRoot]] as const;
        for (const [method, path, location] of [
          ...redirects,
          ...(server.ownsOrigin ? outsidePrefix : []),
        ]) {
          assertReply(
            await server.send(path, { method }),
            {
              status: 301,
              body: '',
              headers: { location: prefix + location, 'content-type': 'text/html; charset=utf-8' },
            },
            `${method} ${path}`,
          );
        }
      },
    );
  });

  describe('unknown URLs', () => {
    server.test('answer 404, with a token or without', async () => {
      for (const path of [...UNKNOWN_API_URLS, ...(server.ownsOrigin ? UNKNOWN_SITE_URLS : [])]) {
        assertUnknownUrl(server.kind, await server.send(path), path);
        assertUnknownUrl(server.kind, await server.sendAuthorized(path), `${path} with a token`);
      }
    });

    server.test("answer an unknown ?format= with DRF's 404, inside a view", async () => {
      assertReply(await server.sendAuthorized(`${API_PATHS.questions}?format=xml`), {
        status: 404,
        body: NOT_FOUND,
        headers: { 'content-type': JSON_TYPE },
      });
    });
  });

  describe('format suffixes and ?format=', () => {
    server.test("answers DefaultRouter's .json suffix on every route", async () => {
      for (const [path, plain] of [
        ['/polls/api/questions.json', API_PATHS.questions],
        ['/polls/api/questions.json/', API_PATHS.questions],
        ['/polls/api/questions/1.json', API_PATHS.question(1)],
      ] as const) {
        const expected = await server.sendAuthorized(plain);
        assertReply(
          await server.sendAuthorized(path),
          { status: 200, body: expected.body, headers: { 'content-type': JSON_TYPE } },
          path,
        );
      }
    });

    server.test('the root with a suffix lists the URLs with the suffix', async () => {
      assertReply(await server.sendAuthorized('/polls/api/.json'), {
        status: 200,
        body: JSON.stringify({ questions: `${server.url}/polls/api/questions.json` }),
      });
    });

    server.test('the root keeps ?format= in the URLs it lists', async () => {
      assertReply(await server.sendAuthorized(`${API_PATHS.apiRoot}?format=json`), {
        status: 200,
        body: JSON.stringify({ questions: `${server.url}${API_PATHS.questions}?format=json` }),
      });
    });

    server.test(
      'an unknown suffix is the view\'s 404: /questions/1.5/ is question 1 as format "5"',
      async () => {
        for (const path of ['/polls/api/questions/1.5/', '/polls/api/questions.xml']) {
          assertReply(
            await server.sendAuthorized(path),
            {
              status: 404,
              body: NOT_FOUND,
              headers: { 'content-type': JSON_TYPE, allow: ALLOW.readOnly },
            },
            path,
          );
        }
      },
    );

    server.test("a browser's Accept or ?format=api asks for the browsable API", async () => {
      for (const [path, headers] of [
        [API_PATHS.questions, { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' }],
        [`${API_PATHS.questions}?format=api`, {}],
      ] as const) {
        assertBrowsableApi(server.kind, await server.sendAuthorized(path, { headers }), path);
      }
    });
  });

  describe('content negotiation', () => {
    server.test('answers an Accept it cannot meet with 406, in JSON', async () => {
      for (const [path, accept] of [
        [API_PATHS.questions, 'text/plain'],
        [API_PATHS.question(1), 'application/xml'],
        [API_PATHS.apiRoot, 'text/csv'],
      ] as const) {
        assertReply(
          await server.sendAuthorized(path, { headers: { Accept: accept } }),
          { status: 406, body: NOT_ACCEPTABLE, headers: { 'content-type': JSON_TYPE } },
          `${path} Accept: ${accept}`,
        );
      }
    });

    server.test('answers 406 to the POSTs too, before it reads their body', async () => {
      for (const path of [API_PATHS.login, API_PATHS.vote(1), API_PATHS.logout]) {
        assertReply(await postAccepting(path, 'application/xml'), POST_NOT_ACCEPTABLE, path);
      }
    });

    server.test('answers JSON to "Accept: */*" and to a request with no Accept', async () => {
      const variants: Record<string, string>[] = [{ Accept: '*/*' }, {}];
      for (const headers of variants) {
        assertReply(await server.sendAuthorized(API_PATHS.questions, { headers }), {
          status: 200,
          headers: { 'content-type': JSON_TYPE },
        });
      }
    });

    server.test(
      'the login, which renders only JSON, answers 406 to Accept: text/html',
      async () => {
        const reply = await postAccepting(API_PATHS.login, 'text/html', { authorized: false });
        assertReply(reply, POST_NOT_ACCEPTABLE);
      },
    );
  });

  describe('what DRF leaves to Django and Python (listed differences)', () => {
    const vote = (body: string | Buffer, contentType = 'application/json') =>
      server.sendAuthorized(API_PATHS.vote(1), {
        method: 'POST',
        headers: { 'Content-Type': contentType },
        body,
        outsideDrf: true,
      });

    server.test('a Host that is not a domain name is a 400', async () => {
      assertRefusedByDjango(
        server.kind,
        await server.sendAuthorized(API_PATHS.apiRoot, {
          headers: { Host: 'bad host' },
          outsideDrf: true,
        }),
        "Invalid HTTP_HOST header: 'bad host'. The domain name provided is not valid according to RFC 1034/1035.",
        'Host: bad host',
      );
    });

    server.test('more than 1000 fields in a query string or a form are a 400', async () => {
      const fields = new URLSearchParams(
        Array.from({ length: 1001 }, (_, i): [string, string] => ['f', String(i)]),
      );
      const tooMany =
        'The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS.';
      assertRefusedByDjango(
        server.kind,
        await server.sendAuthorized(`${API_PATHS.questions}?${fields}`, { outsideDrf: true }),
        tooMany,
        'query string',
      );
      assertRefusedByDjango(
        server.kind,
        await vote(fields.toString(), 'application/x-www-form-urlencoded'),
        tooMany,
        'form',
      );
    });

    server.test('JSON nested 1000 levels deep', async () => {
      assertDeepJson(server.kind, await vote(`${'['.repeat(1000)}${']'.repeat(1000)}`));
    });

    server.test('a JSON body over 1 MB', async () => {
      assertLargeBody(
        server.kind,
        await vote(JSON.stringify({ choice: 77, padding: 'x'.repeat(1_500_000) })),
        {
          status: 400,
          body: JSON.stringify({ choice: ['Invalid pk "77" - object does not exist.'] }),
        },
      );
    });

    server.test('a JSON body in charset=cp1252', async () => {
      // The byte 0x80 is € in cp1252, and no character at all in UTF-8.
      assertOtherCharset(
        server.kind,
        await vote(Buffer.from('{"choice": "\x80"}', 'latin1'), 'application/json; charset=cp1252'),
        "'utf-8' codec can't decode byte 0x80 in position 12: invalid start byte",
        { status: 400, body: '{"choice":["Incorrect type. Expected pk value, received str."]}' },
      );
    });
  });

  describe('the login throttle', () => {
    const failedLogin = (username: string) =>
      server.send(API_PATHS.login, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username, password: 'wrong' }),
      });

    /** A 429 whose Retry-After is the rest of the minute since `firstFailure`, rounded up. */
    const assertThrottled = (throttled: Reply, firstFailure: number, message?: string) => {
      const retryAfter = Number(throttled.headers['retry-after']);
      // 60, or a little less on a slow machine.
      const elapsed = Math.ceil((Date.now() - firstFailure) / 1000);
      assert.ok(
        retryAfter <= 60 && retryAfter >= 60 - elapsed,
        `${message ?? ''} Retry-After: ${retryAfter}`,
      );
      const unit = retryAfter === 1 ? 'second' : 'seconds';
      assertReply(
        throttled,
        {
          status: 429,
          body: detail(`Request was throttled. Expected available in ${retryAfter} ${unit}.`),
          headers: { 'content-type': JSON_TYPE, allow: ALLOW.postOnly },
        },
        message,
      );
    };

    server.test('never counts a successful login: 12 in a row all get the key', async () => {
      const key = await server.token();
      for (let i = 1; i <= 12; i++) {
        assertReply(
          await server.send(API_PATHS.login, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(SEED_ADMIN),
          }),
          { status: 200, body: JSON.stringify({ token: key }) },
          `login ${i}`,
        );
      }
    });

    if (!server.loginThrottle) {
      // --no-login-throttle: plain DRF counts nothing, and a failure is a failure.
      server.test(
        'has none: 11 failed logins of a username, one after another, are 400',
        async () => {
          const username = madeUpUsername('throttle');
          for (let i = 1; i <= 11; i++) {
            assertReply(
              await failedLogin(username),
              { status: 400, body: BAD_CREDENTIALS },
              `failed login ${i}`,
            );
          }
        },
      );

      server.test('has none: 15 failed logins of a username sent at once are 400', async () => {
        const username = madeUpUsername('burst');
        const replies = await Promise.all(Array.from({ length: 15 }, () => failedLogin(username)));
        for (const [i, reply] of replies.entries()) {
          assertReply(reply, { status: 400, body: BAD_CREDENTIALS }, `failed login ${i + 1}`);
        }
      });
      return;
    }

    server.test(
      'refuses the 11th failed login of a username within a minute: 429 with Retry-After',
      async () => {
        // A username made for this run: a real account is never locked out.
        const username = madeUpUsername('throttle');
        const firstFailure = Date.now();
        for (let i = 1; i <= 10; i++) {
          assertReply(
            await failedLogin(username),
            { status: 400, body: BAD_CREDENTIALS },
            `failed login ${i}`,
          );
        }
        assertThrottled(await failedLogin(username), firstFailure);
        // Another username may still try.
        assertReply(await failedLogin(madeUpUsername('other')), {
          status: 400,
          body: BAD_CREDENTIALS,
        });
      },
    );

    server.test(
      'checks no more than 10 passwords of 15 failed logins sent at once: 10 × 400, 5 × 429',
      async () => {
        // Each attempt counts before its password is checked, so simultaneous guesses
        // cannot all read the history from before the others.
        const username = madeUpUsername('burst');
        const firstFailure = Date.now();
        const replies = await Promise.all(Array.from({ length: 15 }, () => failedLogin(username)));
        const refused = replies.filter((reply) => reply.status === 400);
        const throttled = replies.filter((reply) => reply.status !== 400);
        assert.deepEqual(
          { refused: refused.length, throttled: throttled.length },
          { refused: 10, throttled: 5 },
          `statuses: ${replies.map((reply) => reply.status).join(' ')}`,
        );
        for (const reply of refused) assertReply(reply, { status: 400, body: BAD_CREDENTIALS });
        for (const [i, reply] of throttled.entries()) {
          assertThrottled(reply, firstFailure, `throttled login ${i + 1}`);
        }
      },
    );
  });
}
