import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { API_PATHS } from '../../api/paths';
import { fetchToken } from '../../scripts/servers';
import { auth, startTestServer, tempDir, type TestServer } from '../testing';

let api: TestServer;
/** The same app with `--cors-origin https://app.example --cors-origin null`. */
let configured: TestServer;
before(async () => {
  api = await startTestServer();
  configured = await startTestServer({ corsAllowedOrigins: ['https://app.example', 'null'] });
});
after(async () => {
  await api.stop();
  await configured.stop();
});

function corsHeaders(response: Response) {
  return Object.fromEntries(
    [...response.headers].filter(([name]) => name.startsWith('access-control-') || name === 'vary'),
  );
}

/** A browser's preflight for an authenticated GET, without the token itself. */
function preflight(url: string, origin: string) {
  return fetch(`${url}${API_PATHS.questions}`, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'GET',
      'Access-Control-Request-Headers': 'authorization, content-type',
    },
  });
}

/** A GET of the questions from `origin`, with the token when there is one. */
function getQuestions(url: string, origin: string, token?: string) {
  return fetch(`${url}${API_PATHS.questions}`, {
    headers: { ...(token === undefined ? {} : auth(token)), Origin: origin },
  });
}

/** An authenticated GET from `origin` gets it echoed, with DRF's Vary kept. */
async function assertEchoedOnAuthenticatedGet(url: string, origin: string) {
  const response = await getQuestions(url, origin, await fetchToken(url));
  assert.equal(response.status, 200);
  assert.deepEqual(corsHeaders(response), {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': 'Date',
    vary: 'Accept, Origin',
  });
}

const PREFLIGHT_HEADERS = {
  'access-control-allow-methods': 'DELETE, GET, OPTIONS, PATCH, POST, PUT',
  'access-control-allow-headers':
    'accept, accept-encoding, authorization, content-type, dnt, origin, user-agent, x-csrftoken, x-requested-with',
  'access-control-max-age': '86400',
  'access-control-expose-headers': 'Date',
  vary: 'Origin',
};

describe('CORS', () => {
  it('answers a preflight from a local origin with 200 and no token, as django-cors-headers does', async () => {
    for (const origin of ['http://localhost:4200', 'https://localhost', 'http://127.0.0.1:8080']) {
      const response = await preflight(api.url, origin);
      assert.equal(response.status, 200);
      assert.equal(await response.text(), '');
      assert.deepEqual(corsHeaders(response), {
        'access-control-allow-origin': origin,
        ...PREFLIGHT_HEADERS,
      });
    }
  });

  it('echoes a local origin on responses, with DRF headers intact', async () => {
    await assertEchoedOnAuthenticatedGet(api.url, 'http://localhost:4200');
  });

  it('gives other origins no CORS headers at all', async () => {
    for (const origin of [
      'http://evil.example',
      'http://localhost.evil.example',
      'http://127.0.0.2',
      'null',
    ]) {
      assert.deepEqual(corsHeaders(await preflight(api.url, origin)), { vary: 'Origin' }, origin);
      const response = await getQuestions(api.url, origin);
      assert.equal(response.status, 401);
      assert.deepEqual(corsHeaders(response), { vary: 'Accept, Origin' }, origin);
    }
  });
});

describe('CORS with configured origins (--cors-origin)', () => {
  it('answers a preflight from a configured origin with 200 and no token', async () => {
    for (const origin of ['https://app.example', 'null', 'http://localhost:4200']) {
      const response = await preflight(configured.url, origin);
      assert.equal(response.status, 200, origin);
      assert.equal(await response.text(), '');
      assert.deepEqual(
        corsHeaders(response),
        { 'access-control-allow-origin': origin, ...PREFLIGHT_HEADERS },
        origin,
      );
    }
  });

  it('echoes a configured origin on an authenticated GET', async () => {
    await assertEchoedOnAuthenticatedGet(configured.url, 'https://app.example');
  });

  it('gives look-alikes of a configured origin no CORS headers', async () => {
    const token = await fetchToken(configured.url);
    for (const origin of [
      'https://app.example.evil',
      'https://evil.app.example',
      'https://app.example:444',
      'http://app.example',
      'https://app.exampl',
      'https://app.example/',
      'https://APP.example',
      'Null',
    ]) {
      assert.deepEqual(
        corsHeaders(await preflight(configured.url, origin)),
        { vary: 'Origin' },
        origin,
      );
      const response = await getQuestions(configured.url, origin, token);
      assert.equal(response.status, 200, origin);
      assert.deepEqual(corsHeaders(response), { vary: 'Accept, Origin' }, origin);
    }
  });

  it('refuses to start with an origin no browser sends, before touching the data directory', async () => {
    const parent = await tempDir();
    const dataDir = join(parent, 'data');
    try {
      for (const [origin, message] of [
        [
          'https://app.example/',
          'must be http(s)://host[:port] with no path, not even a trailing slash, or null',
        ],
        ['https://App.Example:443', 'must be written as a browser sends it, "https://app.example"'],
      ] as const) {
        await assert.rejects(startTestServer({ dataDir, corsAllowedOrigins: [origin] }), {
          message: `an allowed CORS origin ${message}, got "${origin}"`,
        });
      }
      assert.equal(existsSync(dataDir), false);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
