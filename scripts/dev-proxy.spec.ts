/**
 * The dev server's proxy and runtime config (src/proxy.conf.mjs): `ng serve` answers
 * /config.json from API_ORIGIN and AUTH_FLAVOR, as nginx does from its api_origin and
 * auth_flavor, so `API_ORIGIN=... npm start` sends the app's API calls to that origin and
 * `AUTH_FLAVOR=djoser npm start` logs in at djoser's paths, which it proxies.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FLAVOR_PATHS } from '../api/paths';

interface Route {
  readonly target?: string;
  readonly bypass?: (request: { url: string }, response: FakeResponse) => unknown;
}

async function routes(): Promise<Record<string, Route>> {
  const { default: loaded } = (await import('../src/proxy.conf.mjs')) as {
    default: Record<string, Route>;
  };
  return loaded;
}

type Env = Readonly<Record<'API_ORIGIN' | 'AUTH_FLAVOR', string | undefined>>;

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

/** The /config.json answer, with `env` in place of the variables (undefined: unset). */
async function configAnswer(env: Env): Promise<FakeResponse> {
  const route = (await routes())['/config.json'];
  assert.ok(route?.bypass, 'the dev server answers /config.json itself');
  const saved = { API_ORIGIN: process.env['API_ORIGIN'], AUTH_FLAVOR: process.env['AUTH_FLAVOR'] };
  const set = (values: Env) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  set(env);
  try {
    const response = new FakeResponse();
    const result = route.bypass({ url: '/config.json' }, response);
    // A string keeps the dev server from proxying the request on.
    assert.equal(result, '/config.json');
    return response;
  } finally {
    set(saved);
  }
}

test('without API_ORIGIN or AUTH_FLAVOR the app is told its API is on its own origin, with DRF authtoken', async () => {
  const answer = await configAnswer({ API_ORIGIN: undefined, AUTH_FLAVOR: undefined });
  assert.equal(answer.status, 200);
  assert.equal(answer.headers['Content-Type'], 'application/json');
  assert.equal(answer.headers['Cache-Control'], 'no-cache');
  assert.deepEqual(JSON.parse(answer.body), { apiOrigin: '', authFlavor: 'authtoken' });
});

test('API_ORIGIN and AUTH_FLAVOR are passed to the app as they are, for the app to check', async () => {
  const answer = await configAnswer({ API_ORIGIN: 'http://127.0.0.1:3000', AUTH_FLAVOR: 'knox' });
  assert.deepEqual(JSON.parse(answer.body), {
    apiOrigin: 'http://127.0.0.1:3000',
    authFlavor: 'knox',
  });
  const unknown = await configAnswer({ API_ORIGIN: undefined, AUTH_FLAVOR: 'simplejwt' });
  assert.deepEqual(JSON.parse(unknown.body), { apiOrigin: '', authFlavor: 'simplejwt' });
});

test("every backend's login and logout paths go to API_TARGET, as the polls API does", async () => {
  const proxied = await routes();
  const api = proxied['/polls/api/']?.target;
  assert.match(String(api), /^http:\/\//);
  const paths = Object.values(FLAVOR_PATHS).flatMap((flavor) => Object.values(flavor));
  assert.equal(paths.length, 9);
  for (const path of paths) {
    const prefix = Object.keys(proxied).find((candidate) => path.startsWith(candidate));
    assert.ok(prefix, `${path} is proxied`);
    assert.equal(proxied[prefix]?.target, api, path);
    assert.equal(proxied[prefix]?.bypass, undefined, path);
  }
});
