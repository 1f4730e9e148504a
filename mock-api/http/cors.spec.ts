import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { API_PATHS } from '../../api/paths';
import { fetchToken } from '../../scripts/servers';
import { auth, startTestServer, type TestServer } from '../testing';

let api: TestServer;
before(async () => (api = await startTestServer()));
after(() => api.stop());

function corsHeaders(response: Response) {
  return Object.fromEntries(
    [...response.headers].filter(([name]) => name.startsWith('access-control-') || name === 'vary'),
  );
}

describe('CORS', () => {
  it('answers a preflight from a local origin with 200 and no token, as django-cors-headers does', async () => {
    for (const origin of ['http://localhost:4200', 'https://localhost', 'http://127.0.0.1:8080']) {
      const response = await fetch(`${api.url}${API_PATHS.questions}`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'GET',
          'Access-Control-Request-Headers': 'authorization',
        },
      });
      assert.equal(response.status, 200);
      assert.equal(await response.text(), '');
      assert.deepEqual(corsHeaders(response), {
        'access-control-allow-origin': origin,
        'access-control-allow-methods': 'DELETE, GET, OPTIONS, PATCH, POST, PUT',
        'access-control-allow-headers':
          'accept, accept-encoding, authorization, content-type, dnt, origin, user-agent, x-csrftoken, x-requested-with',
        'access-control-max-age': '86400',
        vary: 'Origin',
      });
    }
  });

  it('echoes a local origin on responses, with DRF headers intact', async () => {
    const token = await fetchToken(api.url);
    const response = await fetch(`${api.url}${API_PATHS.questions}`, {
      headers: { ...auth(token), Origin: 'http://localhost:4200' },
    });
    assert.equal(response.status, 200);
    assert.deepEqual(corsHeaders(response), {
      'access-control-allow-origin': 'http://localhost:4200',
      vary: 'Accept, Origin',
    });
  });

  it('gives other origins no CORS headers at all', async () => {
    for (const origin of [
      'http://evil.example',
      'http://localhost.evil.example',
      'http://127.0.0.2',
      'null',
    ]) {
      const preflight = await fetch(`${api.url}${API_PATHS.questions}`, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'GET' },
      });
      assert.deepEqual(corsHeaders(preflight), { vary: 'Origin' }, origin);
      const response = await fetch(`${api.url}${API_PATHS.questions}`, {
        headers: { Origin: origin },
      });
      assert.equal(response.status, 401);
      assert.deepEqual(corsHeaders(response), { vary: 'Accept, Origin' }, origin);
    }
  });
});
