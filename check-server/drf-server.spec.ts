/**
 * check-server against the real thing: the tutorial's Django REST framework server, set
 * up right and in each misconfiguration that breaks a token client, and behind a proxy
 * that drops the Authorization header. Each run is judged by its exit code and by the
 * cause its diagnosis names.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  fetchToken,
  startDrfServer,
  type DrfServer,
  type DrfServerOptions,
} from '../scripts/servers';
import {
  authorizationDroppingProxy,
  checkLine,
  loginArgs,
  marks,
  runCheckServer,
  TOKEN_SHAPE,
  type TestServer,
} from './testing';

const APP_ORIGIN = 'https://app.example';
/** Locked out by the throttle check; nobody else logs in as him. */
const TESS = { username: 'tess', password: 'tess-throwaway-7' } as const;
const ADMIN = { username: 'admin', password: 'admin' } as const;

const adminArgs = (url: string) => loginArgs(url, ADMIN);

describe('check-server against drf-server set up right', () => {
  let server: DrfServer;

  before(async () => {
    server = await startDrfServer({ corsOrigins: [APP_ORIGIN], users: [TESS] });
  });
  after(async () => {
    await server?.stop();
  });

  test('compatible: every check passes, CORS for the app origin too, exit 0', async () => {
    const { code, stdout, stderr } = await runCheckServer([
      ...adminArgs(server.url),
      '--origin',
      APP_ORIGIN,
    ]);

    assert.equal(stderr, '');
    assert.equal(code, 0, stdout);
    assert.deepEqual(marks(stdout), ['✓', '✓', '✓', '✓', '✓', '✓', '✓']);
    assert.match(stdout, /^Compatible: 7 checks passed\.$/m);
    assert.ok(!TOKEN_SHAPE.test(stdout), 'no key in the output');
  });

  test('a wrong password: "credentials refused", with DRF\'s own message', async () => {
    const { code, stdout } = await runCheckServer(
      loginArgs(server.url, { username: 'admin', password: 'not-the-password' }),
    );

    assert.equal(code, 1);
    assert.equal(
      checkLine(stdout, 'login'),
      '✗ login: POST /accounts/get_auth_token/ answered 400 "Unable to log in with provided credentials.": credentials refused',
    );
  });

  test('CORS for an origin the server does not list: the django-cors-headers settings', async () => {
    const { code, stdout } = await runCheckServer([
      ...adminArgs(server.url),
      '--keep-token',
      '--origin',
      'https://other.example',
    ]);

    assert.equal(code, 1);
    assert.equal(
      checkLine(stdout, 'CORS'),
      "✗ CORS: the preflight of GET /polls/api/questions/ from https://other.example answered 200 without Access-Control-Allow-Origin: the browser blocks the app's calls",
    );
    assert.match(stdout, /^ {8}CORS_ALLOWED_ORIGINS = \['https:\/\/other\.example'\]$/m);
    assert.match(stdout, /^Not compatible: 1 of 6 checks failed \(CORS\), 1 not run\.$/m);
  });

  test('--check-throttle: 429 after 10 wrong passwords, and the user is locked out', async () => {
    const { code, stdout } = await runCheckServer([
      ...loginArgs(server.url, TESS),
      '--check-throttle',
    ]);

    assert.equal(code, 0, stdout);
    assert.match(
      checkLine(stdout, 'login throttle') ?? '',
      /^✓ login throttle: 429 after 10 wrong passwords; tess cannot log in for \d+ s$/,
    );
    await assert.rejects(fetchToken(server.url, TESS), /answered 429/);
    assert.ok(!stdout.includes(TESS.password) && !TOKEN_SHAPE.test(stdout));
  });

  describe('behind a proxy that drops the Authorization header', () => {
    let proxy: TestServer;
    before(async () => {
      proxy = await authorizationDroppingProxy(server.url);
    });
    after(async () => {
      await proxy?.close();
    });

    test('the header is stripped on the way: WSGIPassAuthorization, and the proxy', async () => {
      const { code, stdout } = await runCheckServer(adminArgs(proxy.url));

      assert.equal(code, 1);
      assert.equal(
        checkLine(stdout, 'with the token'),
        '✗ with the token: GET /polls/api/questions/ with "Token <key>" answered 401 "Authentication credentials were not provided." for a key that login just issued, as without a token: the Authorization header is stripped on the way: Apache mod_wsgi needs WSGIPassAuthorization On; check the proxy',
      );
      assert.match(stdout, /^ {8}WSGIPassAuthorization On$/m);
    });
  });
});

interface Misconfiguration {
  readonly name: string;
  readonly options: DrfServerOptions;
  /** The check that names the cause, and its line, exactly. */
  readonly check: string;
  readonly diagnosis: string;
  /** A line of the fix printed under it. */
  readonly fix: RegExp;
}

const MISCONFIGURATIONS: readonly Misconfiguration[] = [
  {
    name: 'SessionAuthentication first',
    options: { sessionAuthenticationFirst: true },
    check: 'without a token',
    diagnosis:
      '✗ without a token: GET /polls/api/questions/ answered 403 "Authentication credentials were not provided." and no WWW-Authenticate: SessionAuthentication (or another class without a challenge) is listed before TokenAuthentication in DEFAULT_AUTHENTICATION_CLASSES',
    fix: /^ {16}'rest_framework\.authentication\.TokenAuthentication',$/m,
  },
  {
    name: 'the keyword Bearer',
    options: { tokenKeyword: 'Bearer' },
    check: 'without a token',
    diagnosis:
      '✗ without a token: GET /polls/api/questions/ answered 401 "Authentication credentials were not provided." with WWW-Authenticate: Bearer: the server expects "Bearer <key>", not "Token <key>"',
    fix: /^ {4}that sets keyword = 'Bearer':$/m,
  },
  {
    name: 'AllowAny',
    options: { allowAny: true },
    check: 'without a token',
    diagnosis:
      '✗ without a token: GET /polls/api/questions/ answered 200: the endpoint answers without a token: IsAuthenticated is missing',
    fix: /^ {16}'rest_framework\.permissions\.IsAuthenticated',$/m,
  },
  {
    name: 'no logout route',
    options: { noLogout: true },
    check: 'logout',
    diagnosis:
      '✗ logout: POST /accounts/logout/ answered 404 (an HTML page): tokens are never revoked',
    fix: /^ {8}path\('accounts\/logout\/', LogoutView\.as_view\(\)\),$/m,
  },
];

// One server each, side by side.
describe('check-server against drf-server misconfigured', { concurrency: true }, () => {
  for (const { name, options, check, diagnosis, fix } of MISCONFIGURATIONS) {
    test(`${name}: exit 1, the cause and its fix`, async () => {
      const server = await startDrfServer(options);
      let result;
      try {
        result = await runCheckServer(adminArgs(server.url));
      } finally {
        await server.stop();
      }

      assert.equal(result.code, 1, result.stdout);
      assert.equal(checkLine(result.stdout, check), diagnosis);
      assert.match(result.stdout, fix);
      assert.match(result.stdout, /^Not compatible: /m);
    });
  }
});
