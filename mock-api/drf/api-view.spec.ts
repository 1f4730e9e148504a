import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { create } from 'json-server';
import { apiView, type Authenticate } from './api-view';
import { BROWSABLE_API_RENDERER, JSON_RENDERER } from './media-types';
import { DEFAULT_PARSERS } from './request-data';
import { drfErrors } from './responses';

/** A fake authentication class: `Token good` is alice, `Token bad` is refused. */
const authenticate: Authenticate<string, string> = (req) => {
  if (req.headers.authorization === 'Token good') return { user: 'alice', token: 'good' };
  if (req.headers.authorization === 'Token bad')
    throw drfErrors.authenticationFailed('Invalid token.');
  return null;
};

let server: Server;
let url: string;

before(async () => {
  const app = create();
  app.use(
    apiView(
      {
        name: 'Thing',
        renderers: [JSON_RENDERER, BROWSABLE_API_RENDERER],
        parsers: DEFAULT_PARSERS,
        requiresAuthentication: true,
        handlers: {
          GET: ({ credentials, respond }) => respond(200, { user: credentials?.user }),
          POST: () => {
            throw drfErrors.notFound();
          },
        },
      },
      authenticate,
    ),
  );
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function call(method: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method, headers });
  return {
    status: response.status,
    body: await response.text(),
    allow: response.headers.get('allow'),
    vary: response.headers.get('vary'),
    challenge: response.headers.get('www-authenticate'),
  };
}

describe('apiView', () => {
  it('runs negotiation, then authentication, then permission, then the method check', async () => {
    assert.deepEqual(await call('DELETE', { Accept: 'text/plain', Authorization: 'Token bad' }), {
      status: 406,
      body: '{"detail":"Could not satisfy the request Accept header."}',
      // DRF's http_method_names order.
      allow: 'GET, POST, HEAD, OPTIONS',
      vary: 'Accept',
      challenge: null,
    });
    assert.deepEqual(
      (await call('DELETE', { Authorization: 'Token bad' })).body,
      '{"detail":"Invalid token."}',
    );
    assert.deepEqual(await call('DELETE'), {
      status: 401,
      body: '{"detail":"Authentication credentials were not provided."}',
      allow: 'GET, POST, HEAD, OPTIONS',
      vary: 'Accept',
      challenge: 'Token',
    });
    assert.equal(
      (await call('DELETE', { Authorization: 'Token good' })).body,
      '{"detail":"Method \\"DELETE\\" not allowed."}',
    );
  });

  it("answers handlers' errors and results, and OPTIONS with metadata", async () => {
    assert.deepEqual(
      (await call('POST', { Authorization: 'Token good' })).body,
      '{"detail":"Not found."}',
    );
    assert.deepEqual((await call('GET', { Authorization: 'Token good' })).body, '{"user":"alice"}');
    assert.equal((await call('HEAD', { Authorization: 'Token good' })).status, 200);
    assert.equal(
      (await call('OPTIONS', { Authorization: 'Token good' })).body,
      '{"name":"Thing","description":"","renders":["application/json","text/html"],' +
        '"parses":["application/json","application/x-www-form-urlencoded","multipart/form-data"]}',
    );
  });
});
