/**
 * The dev server's runtime config (src/proxy.conf.mjs): `ng serve` answers /config.json
 * from API_ORIGIN, as nginx does from its api_origin, so `API_ORIGIN=... npm start` sends
 * the app's API calls to that origin.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

interface Route {
  readonly bypass?: (request: { url: string }, response: FakeResponse) => unknown;
}

class FakeResponse {
  status = 0;
  headers: Record<string, string> = {};
  body = '';
  writeHead(status: number, headers: Record<string, string>): void {
    this.status = status;
    this.headers = headers;
  }
  end(body: string): void {
    this.body = body;
  }
}

async function configAnswer(apiOrigin: string | undefined): Promise<FakeResponse> {
  const { default: routes } = (await import('../src/proxy.conf.mjs')) as {
    default: Record<string, Route>;
  };
  const route = routes['/config.json'];
  assert.ok(route?.bypass, 'the dev server answers /config.json itself');
  const saved = process.env['API_ORIGIN'];
  if (apiOrigin === undefined) delete process.env['API_ORIGIN'];
  else process.env['API_ORIGIN'] = apiOrigin;
  try {
    const response = new FakeResponse();
    const result = route.bypass({ url: '/config.json' }, response);
    // A string keeps the dev server from proxying the request on.
    assert.equal(result, '/config.json');
    return response;
  } finally {
    if (saved === undefined) delete process.env['API_ORIGIN'];
    else process.env['API_ORIGIN'] = saved;
  }
}

test('without API_ORIGIN the app is told its API is on its own origin', async () => {
  const answer = await configAnswer(undefined);
  assert.equal(answer.status, 200);
  assert.equal(answer.headers['Content-Type'], 'application/json');
  assert.equal(answer.headers['Cache-Control'], 'no-cache');
  assert.deepEqual(JSON.parse(answer.body), { apiOrigin: '' });
});

test('API_ORIGIN is passed to the app as it is, for the app to check', async () => {
  const answer = await configAnswer('http://127.0.0.1:3000');
  assert.deepEqual(JSON.parse(answer.body), { apiOrigin: 'http://127.0.0.1:3000' });
});
