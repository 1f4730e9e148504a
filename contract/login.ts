/**
 * `POST /accounts/get_auth_token/`, DRF's obtain_auth_token: the three body types a client
 * may send, and the serializer's and parsers' errors.
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { drfErrorMessage } from '../api/drf-errors';
import { API_PATHS } from '../api/paths';
import type { TokenResponse } from '../api/types';
import { ALLOW, assertReply, detail, INVALID_TOKEN, JSON_TYPE } from './expect';
import type { Call } from './http';
import { SEED_ADMIN } from '../scripts/servers';
import type { ServerUnderTest } from './server-under-test';

const JSON_HEADERS = { 'Content-Type': 'application/json' };
const FORM_HEADERS = { 'Content-Type': 'application/x-www-form-urlencoded' };
/** DRF's answer to a login whose username and password match no active user. */
export const BAD_CREDENTIALS =
  '{"non_field_errors":["Unable to log in with provided credentials."]}';
const BOTH_REQUIRED =
  '{"username":["This field is required."],"password":["This field is required."]}';

function postLogin(
  server: ServerUnderTest,
  body: Call['body'],
  headers: Record<string, string> = {},
) {
  return server.send(API_PATHS.login, { method: 'POST', headers, body });
}

/** A username no server has, so that its failed logins count against nobody real. */
export function madeUpUsername(purpose: string): string {
  return `contract-${purpose}-${process.pid}-${Date.now()}`;
}

export function loginContract(server: ServerUnderTest): void {
  describe(`POST ${API_PATHS.login}`, () => {
    server.test('answers a JSON login with {"token": "<40 hex>"}', async () => {
      const reply = await postLogin(server, JSON.stringify(SEED_ADMIN), JSON_HEADERS);
      assertReply(reply, {
        status: 200,
        headers: { 'content-type': JSON_TYPE, allow: ALLOW.postOnly },
      });
      const { token } = JSON.parse(reply.body) as TokenResponse;
      assert.match(token, /^[0-9a-f]{40}$/);
      assert.equal(reply.body, `{"token":"${token}"}`);
    });

    server.test('gives form and multipart logins the same key as JSON', async () => {
      const key = await server.token();
      const multipart = new FormData();
      multipart.append('username', SEED_ADMIN.username);
      multipart.append('password', SEED_ADMIN.password);
      for (const body of [new URLSearchParams({ ...SEED_ADMIN }), multipart]) {
        assertReply(await postLogin(server, body), { status: 200, body: `{"token":"${key}"}` });
      }
    });

    // Each of these costs admin at most one failed login, far from the throttle's ten.
    const refused: [string, string, Record<string, string>, string][] = [
      [
        'a wrong password',
        '{"username":"admin","password":"wrong"}',
        JSON_HEADERS,
        BAD_CREDENTIALS,
      ],
      [
        'an unknown user',
        JSON.stringify({ username: madeUpUsername('unknown'), password: 'admin' }),
        JSON_HEADERS,
        BAD_CREDENTIALS,
      ],
      // The username is trimmed, the password is not.
      [
        'the right password with a space in front',
        '{"username":" admin ","password":" admin"}',
        JSON_HEADERS,
        BAD_CREDENTIALS,
      ],
      ['an empty JSON object', '{}', JSON_HEADERS, BOTH_REQUIRED],
      [
        'a form without the password',
        'username=admin',
        FORM_HEADERS,
        '{"password":["This field is required."]}',
      ],
      [
        'a blank username',
        '{"username":"","password":"x"}',
        JSON_HEADERS,
        '{"username":["This field may not be blank."]}',
      ],
      [
        'a username of spaces',
        '{"username":"   ","password":"x"}',
        JSON_HEADERS,
        '{"username":["This field may not be blank."]}',
      ],
      [
        'a blank password',
        '{"username":"admin","password":""}',
        JSON_HEADERS,
        '{"password":["This field may not be blank."]}',
      ],
      [
        'null fields',
        '{"username":null,"password":null}',
        JSON_HEADERS,
        '{"username":["This field may not be null."],"password":["This field may not be null."]}',
      ],
      // A number is read as its text; a list is no string.
      [
        'a password that is a list',
        '{"username":123,"password":["x"]}',
        JSON_HEADERS,
        '{"password":["Not a valid string."]}',
      ],
      [
        'a JSON list',
        '[]',
        JSON_HEADERS,
        '{"non_field_errors":["Invalid data. Expected a dictionary, but got list."]}',
      ],
      ['a JSON null', 'null', JSON_HEADERS, '{"non_field_errors":["No data provided"]}'],
    ];
    for (const [label, body, headers, expected] of refused) {
      server.test(`refuses ${label}: 400, ${drfErrorMessage(JSON.parse(expected))}`, async () => {
        assertReply(await postLogin(server, body, headers), {
          status: 400,
          body: expected,
          headers: { 'content-type': JSON_TYPE },
        });
      });
    }

    server.test('reads a POST without a body as no fields: 400, both required', async () => {
      assertReply(await postLogin(server, undefined), { status: 400, body: BOTH_REQUIRED });
    });

    server.test("answers malformed JSON with the parser's error: 400", async () => {
      assertReply(await postLogin(server, '{"username": "admin",', JSON_HEADERS), {
        status: 400,
        body: detail(
          'JSON parse error - Expecting property name enclosed in double quotes: line 1 column 22 (char 21)',
        ),
        headers: { 'content-type': JSON_TYPE, allow: ALLOW.postOnly, 'www-authenticate': null },
      });
      assertReply(await postLogin(server, 'username=admin', JSON_HEADERS), {
        status: 400,
        body: detail('JSON parse error - Expecting value: line 1 column 1 (char 0)'),
      });
    });

    server.test('answers a body type no parser takes with 415', async () => {
      assertReply(
        await postLogin(server, 'username=admin&password=admin', { 'Content-Type': 'text/plain' }),
        {
          status: 415,
          body: detail('Unsupported media type "text/plain" in request.'),
          headers: { 'content-type': JSON_TYPE, allow: ALLOW.postOnly },
        },
      );
    });

    server.test(
      'authenticates a Token header first: a bad one is 401 even with the right password',
      async () => {
        const body = JSON.stringify(SEED_ADMIN);
        assertReply(
          await postLogin(server, body, {
            ...JSON_HEADERS,
            Authorization: `Token ${'0'.repeat(40)}`,
          }),
          {
            status: 401,
            body: INVALID_TOKEN,
            headers: {
              'content-type': JSON_TYPE,
              allow: ALLOW.postOnly,
              'www-authenticate': 'Token',
            },
          },
        );
        assertReply(await postLogin(server, body, { ...JSON_HEADERS, Authorization: 'Token' }), {
          status: 401,
          body: detail('Invalid token header. No credentials provided.'),
        });
        // Another scheme is no credentials at all, which the login does not need.
        assertReply(
          await postLogin(server, body, { ...JSON_HEADERS, Authorization: 'Basic abc' }),
          {
            status: 200,
          },
        );
      },
    );

    server.test('allows only POST: GET is a 405 with Allow', async () => {
      assertReply(await server.send(API_PATHS.login), {
        status: 405,
        body: detail('Method "GET" not allowed.'),
        headers: { 'content-type': JSON_TYPE, allow: ALLOW.postOnly, 'www-authenticate': null },
      });
    });

    server.test("answers OPTIONS with DRF's metadata for the login's fields", async () => {
      assertReply(await server.send(API_PATHS.login, { method: 'OPTIONS' }), {
        status: 200,
        body:
          '{"name":"Obtain Auth Token","description":"","renders":["application/json"],' +
          '"parses":["application/x-www-form-urlencoded","multipart/form-data","application/json"],' +
          '"actions":{"POST":{"username":{"type":"string","required":true,"read_only":false,"label":"Username"},' +
          '"password":{"type":"string","required":true,"read_only":false,"label":"Password"},' +
          '"token":{"type":"string","required":false,"read_only":true,"label":"Token"}}}}',
        headers: { 'content-type': JSON_TYPE, allow: ALLOW.postOnly },
      });
    });
  });
}
