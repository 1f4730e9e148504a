/**
 * The checks against answers no local server gives: a host that is not loopback, a
 * login page's redirect, a challenge of another scheme, a server that echoes secrets,
 * a preflight whose "*" leaves out Authorization, a logout that revokes nothing.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AUTH_FLAVORS, FLAVOR_ANSWERS, FLAVOR_PATHS, type AuthFlavor } from '../api/paths';
import { checkServer, DEFAULT_PATHS, type CheckOptions, type CheckResult } from './checks';
import { NoAnswer, type Answer, type Request, type Send } from './http';

const KEY = 'c'.repeat(40);
const PASSWORD = 'hunter2-but-longer';
const OPTIONS: CheckOptions = {
  baseUrl: 'https://api.example',
  username: 'carol',
  password: PASSWORD,
  ...DEFAULT_PATHS,
  keepToken: false,
  checkThrottle: false,
};

function answer(status: number, body?: unknown, headers: Record<string, string> = {}): Answer {
  const text = body === undefined ? '' : JSON.stringify(body);
  return { status, headers: new Headers(headers), text, json: body };
}

const BAD_CREDENTIALS = 'Unable to log in with provided credentials.';
const NOT_PROVIDED_BODY = { detail: 'Authentication credentials were not provided.' };

/** DRF's 401 to a request without credentials, with `challenge` in WWW-Authenticate. */
function notProvided(challenge: string): Answer {
  return answer(401, NOT_PROVIDED_BODY, { 'WWW-Authenticate': challenge });
}

const NOT_PROVIDED = notProvided('Token');
const INVALID = answer(401, { detail: 'Invalid token.' }, { 'WWW-Authenticate': 'Token' });

type Route = (request: Request) => Answer;

/**
 * DRF with token authentication done right, as a Send; `routes` replace its answers to
 * `METHOD /path`. The key stops working once logged out.
 */
function drf(routes: Readonly<Record<string, Route>> = {}): Send {
  let revoked = false;
  const valid = (request: Request) =>
    request.headers?.['Authorization'] === `Token ${KEY}` && !revoked;
  const defaults: Record<string, Route> = {
    [`POST ${DEFAULT_PATHS.loginPath}`]: () => answer(200, { token: KEY }),
    [`GET ${DEFAULT_PATHS.apiPath}`]: (request) => {
      if (request.headers?.['Authorization'] === undefined) return NOT_PROVIDED;
      return valid(request) ? answer(200, []) : INVALID;
    },
    [`POST ${DEFAULT_PATHS.logoutPath}`]: (request) => {
      if (!valid(request)) return INVALID;
      revoked = true;
      return answer(204);
    },
  };
  return async (request) => {
    const route =
      routes[`${request.method} ${request.path}`] ?? defaults[`${request.method} ${request.path}`];
    return route ? route(request) : answer(404, { detail: 'Not found.' });
  };
}

async function run(send: Send, options: Partial<CheckOptions> = {}): Promise<CheckResult[]> {
  const report = await checkServer({ ...OPTIONS, ...options }, send);
  assert.ok(report.reachable);
  return [...report.checks];
}

function find(checks: readonly CheckResult[], id: CheckResult['id']): CheckResult {
  const check = checks.find((item) => item.id === id);
  assert.ok(check, `no ${id} check`);
  return check;
}

describe('checkServer', () => {
  test('DRF done right over https passes every check', async () => {
    const checks = await run(drf());

    assert.deepEqual(
      checks.filter((check) => check.status !== 'pass'),
      [],
    );
    assert.equal(checks.length, 6, 'every check ran, logout too');
  });

  test('plain http to a host that is not loopback is a warning: tokens travel in clear', async () => {
    const warned = await run(drf(), { baseUrl: 'http://api.example' });
    const local = await Promise.all(
      ['http://localhost:8000', 'http://127.0.0.2:8000', 'http://[::1]:8000'].map((baseUrl) =>
        run(drf(), { baseUrl }),
      ),
    );

    const check = find(warned, 'base-url');
    assert.equal(check.status, 'warn');
    assert.equal(
      check.message,
      'plain http:// to api.example: the password and the token travel in clear',
    );
    for (const checks of local) assert.equal(find(checks, 'base-url').status, 'pass');
  });

  test('a redirect to a login page instead of a 401 is named', async () => {
    const send = drf({
      [`GET ${DEFAULT_PATHS.apiPath}`]: () =>
        answer(302, undefined, { Location: '/accounts/login/?next=/polls/api/questions/' }),
    });

    const check = find(await run(send), 'without-token');

    assert.equal(check.status, 'fail');
    assert.match(check.message, /302, a redirect to \/accounts\/login\/\?next=.*: a login page/);
  });

  test('a Basic challenge: the server expects "Basic <key>"', async () => {
    const send = drf({
      [`GET ${DEFAULT_PATHS.apiPath}`]: () => notProvided('Basic realm="api"'),
    });

    const check = find(await run(send), 'without-token');

    assert.equal(check.status, 'fail');
    assert.match(check.message, /WWW-Authenticate: Basic: the server expects "Basic <key>"/);
  });

  test('a 401 without a challenge still works for the app: a warning', async () => {
    const send = drf({
      [`GET ${DEFAULT_PATHS.apiPath}`]: (request) =>
        request.headers?.['Authorization'] === `Token ${KEY}`
          ? answer(200, [])
          : answer(401, NOT_PROVIDED_BODY),
    });

    const check = find(await run(send, { keepToken: true }), 'without-token');

    assert.equal(check.status, 'warn');
  });

  test('a logout that answers 200 but leaves the key working: tokens are never revoked', async () => {
    const send = drf({ [`POST ${DEFAULT_PATHS.logoutPath}`]: () => answer(200, {}) });

    const check = find(await run(send), 'logout');

    assert.equal(check.status, 'fail');
    assert.match(check.message, /200, but the old key still works .*: tokens are never revoked$/);
    assert.ok(check.fix?.includes('                request.auth.delete()'));
  });

  test('neither the password nor the token appears, whatever the server echoes', async () => {
    const echo = { detail: `Password ${PASSWORD} is fine; key ${KEY} is not` };
    const send = drf({
      [`POST ${DEFAULT_PATHS.logoutPath}`]: () => answer(500, echo),
    });

    const checks = await run(send);

    const text = JSON.stringify(checks);
    assert.ok(!text.includes(PASSWORD) && !text.includes(KEY), text);
    assert.match(
      find(checks, 'logout').message,
      /500 "Password \*\*\* is fine; key \*\*\* is not"/,
    );
  });

  test('a request that gets no answer fails its check, and the run goes on', async () => {
    const send = drf({
      [`POST ${DEFAULT_PATHS.logoutPath}`]: () => {
        throw new NoAnswer('no answer within 10 s');
      },
    });

    const checks = await run(send, { checkThrottle: false });

    assert.equal(find(checks, 'logout').message, 'no answer: no answer within 10 s');
    assert.equal(find(checks, 'wrong-key').status, 'pass');
  });

  test('--check-throttle after a failed login sends no wrong passwords', async () => {
    let logins = 0;
    const send = drf({
      [`POST ${DEFAULT_PATHS.loginPath}`]: () => {
        logins++;
        return answer(400, { non_field_errors: [BAD_CREDENTIALS] });
      },
    });

    const check = find(await run(send, { checkThrottle: true }), 'throttle');

    assert.equal(check.status, 'skip');
    assert.equal(logins, 1);
  });

  test('no answer to the login at all: the server is unreachable', async () => {
    const report = await checkServer(OPTIONS, async () => {
      throw new NoAnswer('connection refused');
    });

    assert.deepEqual(report, { reachable: false, reason: 'connection refused' });
  });

  describe('CORS', () => {
    const ORIGIN = 'https://app.example';
    const preflight =
      (headers: Record<string, string>): Route =>
      () =>
        answer(200, undefined, headers);
    const allowing = {
      'Access-Control-Allow-Origin': ORIGIN,
      'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type',
    };
    const everyPreflight = (route: Route) => ({
      [`OPTIONS ${DEFAULT_PATHS.apiPath}`]: route,
      [`OPTIONS ${DEFAULT_PATHS.loginPath}`]: route,
      [`OPTIONS ${DEFAULT_PATHS.logoutPath}`]: route,
    });
    const corsGet: Route = (request) => ({
      ...answer(200, []),
      headers: new Headers({ 'Access-Control-Allow-Origin': request.headers?.['Origin'] ?? '' }),
    });

    test('preflights that allow the origin, its methods and headers pass', async () => {
      const send = drf({
        ...everyPreflight(preflight(allowing)),
        [`GET ${DEFAULT_PATHS.apiPath}`]: corsGet,
      });

      const check = find(await run(send, { origin: ORIGIN, keepToken: true }), 'cors');

      assert.equal(check.status, 'pass', check.message);
    });

    test('"Access-Control-Allow-Headers: *" does not cover Authorization', async () => {
      const send = drf(
        everyPreflight(preflight({ ...allowing, 'Access-Control-Allow-Headers': '*' })),
      );

      const check = find(await run(send, { origin: ORIGIN, keepToken: true }), 'cors');

      assert.equal(check.status, 'fail');
      assert.match(
        check.message,
        /answered 200 without authorization and content-type in Access-Control-Allow-Headers/,
      );
      assert.ok(check.fix?.includes(`    CORS_ALLOWED_ORIGINS = ['${ORIGIN}']`));
    });

    test('a preflight that reaches DRF and wants a token (401) fails', async () => {
      const send = drf(everyPreflight(() => NOT_PROVIDED));

      const check = find(await run(send, { origin: ORIGIN, keepToken: true }), 'cors');

      assert.equal(check.status, 'fail');
      assert.match(
        check.message,
        /preflight of GET .* answered 401 without Access-Control-Allow-Origin/,
      );
    });

    test('an answer without Access-Control-Allow-Origin fails, though the preflights pass', async () => {
      const send = drf(everyPreflight(preflight(allowing)));

      const check = find(await run(send, { origin: ORIGIN, keepToken: true }), 'cors');

      assert.equal(check.status, 'fail');
      assert.match(
        check.message,
        /with no Access-Control-Allow-Origin: the browser hides the answer/,
      );
    });
  });
});

describe('checkServer with a token backend', () => {
  const KNOX_KEY = 'd'.repeat(64);
  const knoxLogin = () => answer(200, { expiry: '2030-01-01T00:00:00.000000Z', token: KNOX_KEY });

  test('a logout that revokes but answers 200 where authtoken answers 204 fails', async () => {
    let revoked = false;
    const send = drf({
      [`POST ${DEFAULT_PATHS.logoutPath}`]: () => {
        revoked = true;
        return answer(200, { detail: 'Successfully logged out.' });
      },
      [`GET ${DEFAULT_PATHS.apiPath}`]: (request) =>
        request.headers?.['Authorization'] === undefined
          ? NOT_PROVIDED
          : revoked
            ? INVALID
            : answer(200, []),
    });

    const check = find(await run(send), 'logout');

    assert.equal(check.status, 'fail');
    assert.match(
      check.message,
      /answered 200 "Successfully logged out\." instead of 204, authtoken's: the app takes/,
    );
  });

  test('found without --flavor: the first login path that is not a 404, one login only', async () => {
    const calls: string[] = [];
    const send: Send = async (request) => {
      calls.push(`${request.method} ${request.path}`);
      if (request.path === '/api/auth/login/') return knoxLogin();
      if (request.path === DEFAULT_PATHS.apiPath) {
        return request.headers?.['Authorization'] === `Token ${KNOX_KEY}`
          ? answer(200, [])
          : INVALID;
      }
      return answer(404, { detail: 'Not found.' });
    };

    const report = await checkServer(
      { ...OPTIONS, loginPath: undefined, logoutPath: undefined, keepToken: true },
      send,
    );

    assert.ok(report.reachable);
    assert.deepEqual(report.backend, {
      flavor: 'knox',
      line: 'knox, found at POST /api/auth/login/ ("token" in its answer)',
    });
    const logins = AUTH_FLAVORS.map((flavor) => `POST ${FLAVOR_PATHS[flavor].login}`);
    assert.deepEqual(
      calls.filter((call) => logins.includes(call)),
      logins,
      "each login path in turn, and knox's once",
    );
  });

  test("knox: the wrong key has knox's 64 characters", async () => {
    const keys: string[] = [];
    const send: Send = async (request) => {
      if (request.path === '/api/auth/login/') return knoxLogin();
      const key = request.headers?.['Authorization']?.replace(/^Token /, '');
      if (key === undefined) return NOT_PROVIDED;
      keys.push(key);
      return key === KNOX_KEY ? answer(200, []) : INVALID;
    };

    await run(send, {
      flavor: 'knox',
      loginPath: undefined,
      logoutPath: undefined,
      keepToken: true,
    });

    assert.deepEqual(
      keys.map((key) => key.length),
      [64, 64],
    );
    assert.notEqual(keys[1], KNOX_KEY);
  });

  /**
   * A server of `flavor` set up as its docs say, at its paths, with no login throttle;
   * `routes` replace its answers to `METHOD /path`.
   */
  function backendServer(flavor: AuthFlavor, routes: Readonly<Record<string, Route>> = {}): Send {
    const key = flavor === 'knox' ? KNOX_KEY : KEY;
    const { tokenField, logoutStatus } = FLAVOR_ANSWERS[flavor];
    return async (request) => {
      const route = routes[`${request.method} ${request.path}`];
      if (route) return route(request);
      if (request.path === FLAVOR_PATHS[flavor].login) {
        const { password } = (request.json ?? {}) as { password?: string };
        if (password !== PASSWORD) return answer(400, { non_field_errors: [BAD_CREDENTIALS] });
        return flavor === 'knox' ? knoxLogin() : answer(200, { [tokenField]: key });
      }
      if (request.path === FLAVOR_PATHS[flavor].logout) return answer(logoutStatus);
      if (request.path !== DEFAULT_PATHS.apiPath) return answer(404, { detail: 'Not found.' });
      const authorization = request.headers?.['Authorization'];
      if (authorization === undefined) return NOT_PROVIDED;
      return authorization === `Token ${key}` ? answer(200, []) : INVALID;
    };
  }
  const KNOX = { flavor: 'knox', loginPath: undefined, logoutPath: undefined } as const;

  test("knox behind SessionAuthentication: the fix names knox's TokenAuthentication", async () => {
    const send = backendServer('knox', {
      [`GET ${DEFAULT_PATHS.apiPath}`]: () => answer(403, NOT_PROVIDED_BODY),
    });

    const check = find(await run(send, KNOX), 'without-token');

    assert.equal(check.status, 'fail');
    assert.ok(check.fix?.includes("            'knox.auth.TokenAuthentication',"));
    assert.ok(!check.fix?.some((line) => line.includes('rest_framework.authentication')));
  });

  test("knox with another header prefix: the fix is knox's AUTH_HEADER_PREFIX", async () => {
    const send = backendServer('knox', {
      [`GET ${DEFAULT_PATHS.apiPath}`]: () => notProvided('Bearer'),
    });

    const check = find(await run(send, KNOX), 'without-token');

    assert.equal(check.status, 'fail');
    assert.ok(check.fix?.includes("    'AUTH_HEADER_PREFIX': 'Token',"));
  });

  test('a login that also starts a Django session: a warning, and how that backend stops it', async () => {
    const session = {
      'Set-Cookie': 'sessionid=k2x9; expires=Tue, 15 Dec 2026 12:00:00 GMT; HttpOnly; Path=/',
    };
    const cases = [
      ['dj-rest-auth', answer(200, { key: KEY }, session), '    REST_SESSION_LOGIN = False'],
      [
        'knox',
        answer(200, { expiry: '2030-01-01T00:00:00Z', token: KNOX_KEY }, session),
        '    request.user = user  # in place of login(request, user)',
      ],
    ] as const;
    for (const [flavor, login, fix] of cases) {
      const send = backendServer(flavor, { [`POST ${FLAVOR_PATHS[flavor].login}`]: () => login });
      // Found without --flavor: the key in its field confirms the backend, warning or not.
      const options = { loginPath: undefined, logoutPath: undefined };

      const report = await checkServer({ ...OPTIONS, ...options }, send);

      assert.ok(report.reachable);
      assert.equal(report.backend.flavor, flavor, report.backend.line);
      const checks = [...report.checks];

      const check = find(checks, 'login');
      assert.equal(check.status, 'warn', flavor);
      assert.match(check.message, /and a Django session cookie \(sessionid\)/);
      assert.ok(
        check.fix?.some((line) => line.includes(fix)),
        `${flavor}: ${check.fix?.join('\n')}`,
      );
      // The token works all the same: the other checks go on with it.
      assert.equal(find(checks, 'with-token').status, 'pass', flavor);
    }
  });

  test("no throttle on the login: each backend's fix throttles its own login view", async () => {
    const expected: Readonly<Record<AuthFlavor, string>> = {
      authtoken: "    path('accounts/get_auth_token/', ThrottledLoginView.as_view()),",
      djoser: "    path('auth/token/login/', ThrottledLoginView.as_view()),",
      'dj-rest-auth': "        'DEFAULT_THROTTLE_RATES': {'dj_rest_auth': '10/min'},",
      knox: '        throttle_classes = [AnonRateThrottle]  # the line to add',
    };
    for (const flavor of AUTH_FLAVORS) {
      const options = { flavor, loginPath: undefined, logoutPath: undefined, checkThrottle: true };

      const check = find(await run(backendServer(flavor), options), 'throttle');

      assert.equal(check.status, 'warn', flavor);
      assert.ok(check.fix?.includes(expected[flavor]), `${flavor}: ${check.fix?.join('\n')}`);
    }
  });

  test('a knox token got while looking past a 404 is ended, even with --keep-token', async () => {
    const ended: string[] = [];
    const send: Send = async (request) => {
      if (request.path === '/api/auth/login/') return knoxLogin();
      if (request.path === '/api/auth/logout/') {
        ended.push(request.headers?.['Authorization'] ?? '');
        return answer(204);
      }
      if (request.path === DEFAULT_PATHS.apiPath) return NOT_PROVIDED;
      return answer(404, { detail: 'Not found.' });
    };

    const checks = await run(send, {
      flavor: 'djoser',
      loginPath: undefined,
      logoutPath: undefined,
      keepToken: true,
    });

    assert.match(
      find(checks, 'login').message,
      /wrong path; the server has knox's login at POST \/api\/auth\/login\/ instead/,
    );
    assert.deepEqual(ended, [`Token ${KNOX_KEY}`]);
  });
});
