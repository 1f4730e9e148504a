/**
 * DRF's TokenAuthentication: which `Authorization` headers authenticate, and the 401 each
 * of the others gets. Every case is sent to the question list, a view that needs a token.
 */
import { describe } from 'node:test';
import { API_PATHS } from '../api/paths';
import { ALLOW, assertReply, INVALID_TOKEN, NOT_FOUND, NOT_PROVIDED, unauthorized } from './expect';
import type { ServerUnderTest } from './server-under-test';

const NO_CREDENTIALS = 'Authentication credentials were not provided.';

/** Sends the question list with this `Authorization` value, or with none. */
function withHeader(
  server: ServerUnderTest,
  value: string | undefined,
  path: string = API_PATHS.questions,
) {
  return server.send(path, { headers: value === undefined ? {} : { Authorization: value } });
}

export function tokenAuthenticationContract(server: ServerUnderTest): void {
  describe('token authentication', () => {
    server.test(
      'accepts "Token <key>", the keyword in any case, with any whitespace between',
      async () => {
        const key = await server.token();
        for (const header of [`Token ${key}`, `token ${key}`, `TOKEN ${key}`, `Token \t ${key}`]) {
          assertReply(await withHeader(server, header), { status: 200 }, header);
        }
      },
    );

    // No credentials at all: the keyword is not "Token", so TokenAuthentication passes.
    const notProvided: [string, (key: string) => string | undefined][] = [
      ['no Authorization header', () => undefined],
      ['an empty Authorization header', () => ''],
      ['the keyword Bearer', (key) => `Bearer ${key}`],
      ['the keyword Basic', () => 'Basic YWRtaW46YWRtaW4='],
      ['a keyword that only starts with Token', (key) => `Tokens ${key}`],
    ];
    for (const [label, header] of notProvided) {
      server.test(`${label}: 401, ${NO_CREDENTIALS}`, async () => {
        assertReply(
          await withHeader(server, header(await server.token())),
          unauthorized(NO_CREDENTIALS, ALLOW.readOnly),
        );
      });
    }

    const refused: [string, (key: string) => string, string][] = [
      ['"Token" with no key', () => 'Token', 'Invalid token header. No credentials provided.'],
      [
        '"Token a b"',
        (key) => `Token ${key} extra`,
        'Invalid token header. Token string should not contain spaces.',
      ],
      [
        'a key whose bytes are not UTF-8',
        () => 'Token \xff\xfe',
        'Invalid token header. Token string should not contain invalid characters.',
      ],
      ['an unknown key', () => `Token ${'0'.repeat(40)}`, 'Invalid token.'],
      ['the key in upper case', (key) => `Token ${key.toUpperCase()}`, 'Invalid token.'],
      // Bytes that are UTF-8 make a key like any other: unknown, not malformed.
      [
        'a non-ASCII key',
        () => Buffer.from('Token é', 'utf8').toString('latin1'),
        'Invalid token.',
      ],
    ];
    for (const [label, header, message] of refused) {
      server.test(`${label}: 401, ${message}`, async () => {
        assertReply(
          await withHeader(server, header(await server.token())),
          unauthorized(message, ALLOW.readOnly),
        );
      });
    }

    server.test(
      'authenticates first: 401 before the question is looked up or the method checked',
      async () => {
        const unknown = API_PATHS.question(999);
        assertReply(await withHeader(server, undefined, unknown), {
          status: 401,
          body: NOT_PROVIDED,
        });
        assertReply(await withHeader(server, `Token ${'0'.repeat(40)}`, unknown), {
          status: 401,
          body: INVALID_TOKEN,
        });
        assertReply(await withHeader(server, `Token ${await server.token()}`, unknown), {
          status: 404,
          body: NOT_FOUND,
        });
        assertReply(await server.send(API_PATHS.vote(999), { method: 'POST', body: '{' }), {
          status: 401,
          body: NOT_PROVIDED,
        });
        // The vote is POST only, but the method is checked after the token.
        assertReply(await server.send(API_PATHS.vote(1)), { status: 401, body: NOT_PROVIDED });
      },
    );

    server.test('every endpoint but the login needs a token', async () => {
      const endpoints: [string, string, string][] = [
        ['GET', API_PATHS.apiRoot, ALLOW.readOnly],
        ['GET', API_PATHS.questions, ALLOW.readOnly],
        ['GET', API_PATHS.question(1), ALLOW.readOnly],
        ['POST', API_PATHS.vote(1), ALLOW.postOnly],
        ['POST', API_PATHS.logout, ALLOW.postOnly],
      ];
      for (const [method, path, allow] of endpoints) {
        assertReply(
          await server.send(path, { method }),
          unauthorized(NO_CREDENTIALS, allow),
          `${method} ${path}`,
        );
      }
    });
  });
}
