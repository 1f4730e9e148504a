/**
 * check-server as a user runs it: a child process against the mock API, against small
 * servers that each give one wrong answer, and against a port where nothing listens;
 * judged by its exit code and by the cause each diagnosis names.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { API_PATHS } from '../api/paths';
import { fetchToken, freePort, startMockApi, type MockApi } from '../scripts/servers';
import {
  checkLine,
  fakeServer,
  listen,
  loginArgs as userArgs,
  marks,
  runCheckServer,
  TOKEN_SHAPE,
  type TestServer,
} from './testing';

/** A user whose password cannot be mistaken for anything else in the output. */
const CAROL = { username: 'carol', password: 'Tr0ub4dor-and-3' } as const;

const loginArgs = (url: string, user: { username: string; password: string } = CAROL) =>
  userArgs(url, user);

describe('check-server against the mock API', () => {
  let api: MockApi;

  before(async () => {
    api = await startMockApi({ users: [CAROL], corsOrigins: ['https://app.example'] });
  });
  after(async () => {
    await api?.stop();
  });

  async function status(key: string): Promise<number> {
    const response = await fetch(api.url + API_PATHS.questions, {
      headers: { Authorization: `Token ${key}` },
    });
    await response.arrayBuffer();
    return response.status;
  }

  test('a compatible server: every check passes, exit 0, and logout revoked the key', async () => {
    const key = await fetchToken(api.url, CAROL);

    const { code, stdout, stderr } = await runCheckServer(loginArgs(api.url));

    assert.equal(stderr, '');
    assert.equal(code, 0);
    assert.match(stdout, new RegExp(`^Checking ${api.url} as carol, `));
    assert.deepEqual(marks(stdout), ['✓', '✓', '✓', '✓', '✓', '✓']);
    assert.match(stdout, /^✓ without a token: .* 401 .*with WWW-Authenticate: Token$/m);
    assert.match(stdout, /^✓ a wrong key: .*401 "Invalid token\."$/m);
    assert.match(stdout, /^✓ logout: POST \/accounts\/logout\/ answered 204, .*refused/m);
    assert.match(stdout, /^Compatible: 6 checks passed\.$/m);
    assert.equal(await status(key), 401, 'the key check-server used is revoked');
    assert.ok(!TOKEN_SHAPE.test(stdout) && !stdout.includes(CAROL.password));
  });

  test('--keep-token leaves the key valid; the password comes from POLLS_PASSWORD', async () => {
    const args = ['--base-url', api.url, '--username', CAROL.username, '--keep-token'];

    const { code, stdout, stderr } = await runCheckServer(args, {
      POLLS_PASSWORD: CAROL.password,
    });

    assert.equal(code, 0, stderr);
    assert.match(checkLine(stdout, 'logout') ?? '', /^- logout: not checked \(--keep-token\)/);
    assert.match(stdout, /^Compatible: 5 checks passed, 1 not run\.$/m);
    const key = await fetchToken(api.url, CAROL);
    assert.equal(await status(key), 200, 'the key still works');
    assert.ok(!stdout.includes(key) && !stdout.includes(CAROL.password));
  });

  test('--json gives the same findings to a program', async () => {
    const { code, stdout } = await runCheckServer([...loginArgs(api.url), '--json']);

    assert.equal(code, 0);
    const report = JSON.parse(stdout) as {
      compatible: boolean;
      reachable: boolean;
      checks: { id: string; status: string; message: string }[];
    };
    assert.equal(report.compatible, true);
    assert.equal(report.reachable, true);
    assert.deepEqual(
      report.checks.map((check) => `${check.id} ${check.status}`),
      [
        'base-url pass',
        'login pass',
        'without-token pass',
        'with-token pass',
        'wrong-key pass',
        'logout pass',
      ],
    );
    assert.ok(!TOKEN_SHAPE.test(stdout) && !stdout.includes(CAROL.password));
  });

  test('--origin: an allowed origin passes, another one gets the django-cors-headers settings', async () => {
    const [allowed, refused] = await Promise.all([
      runCheckServer([...loginArgs(api.url), '--keep-token', '--origin', 'https://app.example']),
      runCheckServer([...loginArgs(api.url), '--keep-token', '--origin', 'https://evil.example']),
    ]);

    assert.equal(allowed.code, 0, allowed.stdout);
    assert.match(
      checkLine(allowed.stdout, 'CORS') ?? '',
      /^✓ CORS: https:\/\/app\.example may call GET \/polls\/api\/questions\/ and POST .* with authorization, content-type$/,
    );
    assert.equal(refused.code, 1);
    assert.equal(
      checkLine(refused.stdout, 'CORS'),
      "✗ CORS: the preflight of GET /polls/api/questions/ from https://evil.example answered 200 without Access-Control-Allow-Origin: the browser blocks the app's calls",
    );
    assert.match(refused.stdout, /^ {8}CORS_ALLOWED_ORIGINS = \['https:\/\/evil\.example'\]$/m);
  });
});

describe('check-server against servers that answer wrong', { concurrency: true }, () => {
  const servers: TestServer[] = [];
  const serve = async (server: Promise<TestServer>) => {
    servers.push(await server);
    return servers[servers.length - 1]?.url ?? '';
  };
  after(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  test('login 404: "wrong path", with the URL to add; no backend found without --flavor', async () => {
    const url = await serve(fakeServer({}));

    const [found, { code, stdout }] = await Promise.all([
      runCheckServer(loginArgs(url)),
      runCheckServer([...loginArgs(url), '--flavor', 'authtoken']),
    ]);

    assert.equal(found.code, 1);
    const tried =
      'POST /accounts/get_auth_token/, /auth/token/login/, /dj-rest-auth/login/, /api/auth/login/';
    assert.ok(
      found.stdout.split('\n').includes(`Token backend: none found: ${tried} all answered 404`),
      found.stdout,
    );
    assert.equal(
      checkLine(found.stdout, 'login'),
      `✗ login: none of the known login paths is there: ${tried} answered 404`,
    );
    assert.match(found.stdout, /^ {6}path\('auth\/', include\('djoser\.urls\.authtoken'\)\),$/m);
    assert.equal(code, 1);
    assert.equal(
      checkLine(stdout, 'login'),
      '✗ login: POST /accounts/get_auth_token/ answered 404 (an HTML page): wrong path',
    );
    assert.equal(
      checkLine(stdout, 'a wrong key'),
      '- a wrong key: not checked: nothing at --api-path (see above)',
    );
    assert.match(stdout, /^ {8}path\('accounts\/get_auth_token\/', obtain_auth_token\),$/m);
  });

  test('--login-path and --api-path are the paths called', async () => {
    const url = await serve(fakeServer({}));

    const { stdout } = await runCheckServer([
      ...loginArgs(url),
      '--login-path',
      '/api/login/',
      '--api-path',
      '/api/me/',
    ]);

    assert.match(checkLine(stdout, 'login') ?? '', /^✗ login: POST \/api\/login\/ answered 404/);
    assert.match(
      checkLine(stdout, 'without a token') ?? '',
      /GET \/api\/me\/ answered 404.*wrong path/,
    );
  });

  test('login 403 with a CSRF message: the login view has SessionAuthentication', async () => {
    const url = await serve(
      fakeServer({
        [`POST ${API_PATHS.login}`]: {
          status: 403,
          body: { detail: 'CSRF Failed: CSRF cookie not set.' },
        },
      }),
    );

    const { code, stdout } = await runCheckServer(loginArgs(url));

    assert.equal(code, 1);
    assert.equal(
      checkLine(stdout, 'login'),
      '✗ login: POST /accounts/get_auth_token/ answered 403 "CSRF Failed: CSRF cookie not set.": the login view has SessionAuthentication, which checks CSRF',
    );
    assert.match(stdout, /^ {12}authentication_classes = \[\]$/m);
  });

  test('login 200 without "token": names the field it found, never its value', async () => {
    const key = 'a'.repeat(40);
    const url = await serve(
      fakeServer({ [`POST ${API_PATHS.login}`]: { status: 200, body: { key } } }),
    );

    const { code, stdout } = await runCheckServer(loginArgs(url));

    assert.equal(code, 1);
    assert.equal(
      checkLine(stdout, 'login'),
      `✗ login: POST /accounts/get_auth_token/ answered 200 without a "token" field: it has "key", dj-rest-auth's login answer`,
    );
    assert.match(
      stdout,
      /^Token backend: not confirmed: POST \/accounts\/get_auth_token\/ is authtoken's path, but its answer has no "token", dj-rest-auth's$/m,
    );
    assert.match(stdout, /^ {8}AUTH_FLAVOR=dj-rest-auth npm run serve:prod$/m);
    assert.ok(!stdout.includes(key));
  });

  test('no 429 for wrong passwords is a warning: still compatible, exit 0', async () => {
    // DRF's answers to a token client, from a server with no login throttle.
    const token = 'b'.repeat(40);
    let revoked = false;
    const refused = (detail: string) => ({
      status: 401,
      headers: { 'WWW-Authenticate': 'Token' },
      body: { detail },
    });
    const url = await serve(
      fakeServer({
        [`POST ${API_PATHS.login}`]: ({ body }) =>
          (JSON.parse(body) as { password: string }).password === CAROL.password
            ? { status: 200, body: { token } }
            : {
                status: 400,
                body: { non_field_errors: ['Unable to log in with provided credentials.'] },
              },
        [`POST ${API_PATHS.logout}`]: ({ headers }) => {
          if (headers.authorization !== `Token ${token}`) return refused('Invalid token.');
          revoked = true;
          return { status: 204 };
        },
        [`GET ${API_PATHS.questions}`]: ({ headers }) => {
          if (headers.authorization === undefined) {
            return refused('Authentication credentials were not provided.');
          }
          if (headers.authorization === `Token ${token}` && !revoked)
            return { status: 200, body: [] };
          return refused('Invalid token.');
        },
      }),
    );

    const { code, stdout } = await runCheckServer([...loginArgs(url), '--check-throttle']);

    assert.equal(code, 0, stdout);
    assert.equal(
      checkLine(stdout, 'login throttle'),
      '! login throttle: no 429 after 30 wrong passwords: nothing slows down password guessing',
    );
    assert.match(stdout, /^ {12}throttle_classes = \[AnonRateThrottle\]$/m);
    assert.match(stdout, /^Compatible: 6 checks passed, 1 warning\.$/m);
  });

  test('a server that never answers: one line, "no answer within 10 s", exit 1', async () => {
    // Reads the request and sends nothing back.
    const url = await serve(listen((req) => req.resume()));
    const started = performance.now();

    const { code, stdout, stderr } = await runCheckServer(loginArgs(url));

    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.equal(
      stderr,
      `Cannot reach ${url}: no answer within 10 s. Is the server running, and is --base-url right?\n`,
    );
    assert.ok(performance.now() - started >= 10_000, 'it waited the 10 s');
  });
});

describe('check-server where nothing listens', () => {
  test('one line on stderr naming the refused connection, exit 1', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;

    const { code, stdout, stderr } = await runCheckServer(loginArgs(url));

    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.equal(
      stderr,
      `Cannot reach ${url}: connection refused. Is the server running, and is --base-url right?\n`,
    );
  });

  test('--json: compatible false, reachable false, and the same reason', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;

    const { code, stdout } = await runCheckServer([...loginArgs(url), '--json']);

    assert.equal(code, 1);
    const report = JSON.parse(stdout) as { compatible: boolean; reachable: boolean; error: string };
    assert.equal(report.compatible, false);
    assert.equal(report.reachable, false);
    assert.match(report.error, /^Cannot reach .*: connection refused\./);
  });
});

describe('check-server arguments', () => {
  test('--help explains the options and exits 0', async () => {
    const { code, stdout, stderr } = await runCheckServer(['--help']);

    assert.equal(code, 0);
    assert.equal(stderr, '');
    for (const option of [
      '--base-url',
      '--username',
      '--password',
      '--flavor',
      '--login-path',
      '--logout-path',
      '--api-path',
      '--origin',
      '--keep-token',
      '--check-throttle',
      '--json',
    ]) {
      assert.match(stdout, new RegExp(`^ {2}${option}`, 'm'));
    }
  });

  test('bad arguments exit 2 with one line, without calling the server', async () => {
    // A closed port: a run that called the server would print "Cannot reach" instead.
    const url = `http://127.0.0.1:${await freePort()}`;
    const user = ['--username', 'carol', '--password', 'x'];
    const cases: [string[], RegExp][] = [
      [
        ['--frobnicate', '--base-url', url, ...user],
        /^Error: Unknown option '--frobnicate'\. See --help\.\n$/,
      ],
      [user, /^Error: --base-url is required/],
      [['--base-url', url, '--password', 'x'], /^Error: --username is required/],
      [
        ['--base-url', url, '--username', 'carol'],
        /^Error: --password \(or POLLS_PASSWORD\) is required/,
      ],
      [['--base-url', 'ftp://host', ...user], /--base-url must be an http:\/\/ or https:\/\/ URL/],
      [['--base-url', `${url}/?x=1`, ...user], /--base-url takes no query/],
      [
        ['--base-url', url, ...user, '--origin', 'https://app.example/'],
        /--origin must be http\(s\):\/\/host\[:port\] with no path/,
      ],
      [
        ['--base-url', url, ...user, '--origin', 'https://App.Example'],
        /--origin must be written as a browser sends it, 'https:\/\/app\.example'/,
      ],
      [
        ['--base-url', url, ...user, '--api-path', 'polls/'],
        /--api-path must be a path starting with \//,
      ],
      [['extra', '--base-url', url, ...user], /^Error: Unexpected argument 'extra'/],
      [
        ['--base-url', url, ...user, '--flavor', 'jwt'],
        /^Error: --flavor must be one of authtoken, djoser, dj-rest-auth, knox, got 'jwt'\. See --help\.\n$/,
      ],
    ];
    const results = await Promise.all(cases.map(([args]) => runCheckServer(args)));
    results.forEach(({ code, stdout, stderr }, index) => {
      const [args, message] = cases[index] ?? [[], /./];
      assert.equal(code, 2, args.join(' '));
      assert.equal(stdout, '');
      assert.match(stderr, message);
      assert.equal(stderr.trimEnd().split('\n').length, 1, 'one line');
    });
  });
});
