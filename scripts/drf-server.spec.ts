/**
 * drf-server as its users meet it: `npm run drf-server` (its ready line, --port, --reset,
 * its one-line errors, Ctrl-C and SIGTERM), the production settings, and each
 * misconfiguration switch of `startDrfServer`, which must change what a client sees on
 * the wire. The wire behaviour both servers share is the contract suite's (contract/).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { API_PATHS, FLAVOR_PATHS, SCHEMA_PATH } from '../api/paths';
import type { Question } from '../api/types';
import {
  drfServerManage,
  fetchToken,
  freePort,
  groupAlive,
  runProcess,
  SEED_ADMIN,
  startDrfServer,
  startServer,
  type DrfServer,
  type DrfServerOptions,
  type RunningServer,
} from './servers';

const MAIN = join(__dirname, '..', 'drf-server', 'main.ts');
const SEED = join(__dirname, '..', 'mock-api', 'seed.json');
const CLI_USAGE = 'usage: npm run drf-server -- [--port N] [--reset]';

const tempDirs: string[] = [];
after(() => Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'drf-server-spec-'));
  tempDirs.push(dir);
  return dir;
}

interface SeedFile {
  readonly questions: readonly { id: number; question_text: string; pub_date: string }[];
  readonly choices: readonly {
    id: number;
    questionId: number;
    choice_text: string;
    votes: number;
  }[];
}

/** The questions of mock-api/seed.json, as the API represents them. */
async function seedQuestions(): Promise<Question[]> {
  const seed = JSON.parse(await readFile(SEED, 'utf8')) as SeedFile;
  return seed.questions.map((question) => ({
    ...question,
    choices: seed.choices
      .filter((choice) => choice.questionId === question.id)
      .map(({ id, choice_text, votes }) => ({ id, choice_text, votes })),
  }));
}

function authorized(key: string, keyword = 'Token'): HeadersInit {
  return { Authorization: `${keyword} ${key}` };
}

async function questions(url: string, key: string): Promise<Question[]> {
  const response = await fetch(url + API_PATHS.questions, { headers: authorized(key) });
  assert.equal(response.status, 200);
  return (await response.json()) as Question[];
}

async function vote(url: string, key: string, question: number, choice: number) {
  return fetch(url + API_PATHS.vote(question), {
    method: 'POST',
    headers: { ...authorized(key), 'Content-Type': 'application/json' },
    body: JSON.stringify({ choice }),
  });
}

function votesOf(list: readonly Question[], question: number, choice: number): number | undefined {
  return list.find((q) => q.id === question)?.choices.find((c) => c.id === choice)?.votes;
}

/** `npm run drf-server -- args` on `dataDir` with `env`, ready once it prints its ready line. */
async function startCli(
  args: readonly string[],
  dataDir: string,
  port: number,
  env: NodeJS.ProcessEnv = {},
): Promise<{ server: RunningServer; lines: string[] }> {
  const lines: string[] = [];
  const server = await startServer({
    name: 'npm run drf-server',
    command: process.execPath,
    args: ['--import', 'tsx', MAIN, ...args],
    env: { ...env, DRF_SERVER_DATA_DIR: dataDir },
    ready: { stdout: /^drf-server listening on / },
    url: `http://127.0.0.1:${port}`,
    onLine: (line) => lines.push(line),
  });
  return { server, lines };
}

/** Runs `npm run drf-server -- args` to its end. */
function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  return runProcess(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    env,
    timeoutMs: 30_000,
  });
}

/** Processes whose command line names `text`, such as gunicorn's `--bind` address. */
async function processesNaming(text: string): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(join('/proc', entry, 'cmdline'), 'utf8').catch(() => '');
    if (cmdline.split('\0').includes(text)) found.push(Number(entry));
  }
  return found;
}

interface HostAnswer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * The API root with a Host header of its own (fetch sends the URL's): resolves the status
 * and the body, parsed when it is JSON.
 */
function getWithHost(url: string, host: string, key: string): Promise<HostAnswer> {
  return new Promise((resolveGet, reject) => {
    const headers = { Host: host, Authorization: `Token ${key}` };
    request(url + API_PATHS.apiRoot, { headers }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        const json = response.headers['content-type'] === 'application/json';
        resolveGet({ status: response.statusCode ?? 0, body: json ? JSON.parse(text) : text });
      });
    })
      .on('error', reject)
      .end();
  });
}

const FOREIGN_ORIGIN = 'https://polls.example';

/** The browser's preflight for a GET with a token, from {@link FOREIGN_ORIGIN}. */
function preflight(url: string): Promise<Response> {
  return fetch(url + API_PATHS.questions, {
    method: 'OPTIONS',
    headers: {
      Origin: FOREIGN_ORIGIN,
      'Access-Control-Request-Method': 'GET',
      'Access-Control-Request-Headers': 'authorization',
    },
  });
}

// djoser.urls.authtoken, mounted at auth/ by the djoser switch.
const { login: DJOSER_LOGIN, logout: DJOSER_LOGOUT } = FLAVOR_PATHS.djoser;

/** A POST of a login body to djoser: JSON unless it is a string sent as `contentType`. */
function djoserLogin(url: string, body: unknown, contentType = 'application/json') {
  return fetch(url + DJOSER_LOGIN, {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function djoserLogout(url: string, key?: string) {
  return fetch(url + DJOSER_LOGOUT, {
    method: 'POST',
    headers: key === undefined ? {} : authorized(key),
  });
}

interface Answer {
  readonly status: number;
  readonly body: string;
}

/** The status and the body's bytes as text: the fields' order is what a client gets too. */
async function answered(response: Response): Promise<Answer> {
  return { status: response.status, body: await response.text() };
}

/** What DRF's JSON renderer writes for `body`: compact, in the order given. */
function jsonAnswer(status: number, body: unknown): Answer {
  return { status, body: JSON.stringify(body) };
}

/** The key in djoser's login answer, which must be 200 `{"auth_token": key}` and nothing else. */
async function djoserToken(url: string, user: { username: string; password: string }) {
  const response = await djoserLogin(url, user);
  assert.equal(response.status, 200);
  const body = (await response.json()) as Record<string, unknown>;
  assert.deepEqual(Object.keys(body), ['auth_token']);
  const key = body['auth_token'];
  assert.ok(typeof key === 'string' && /^[0-9a-f]{40}$/.test(key), `a DRF key: ${String(key)}`);
  return key;
}

/** Runs `check` against a drf-server started with `options`, and stops it whatever happens. */
async function withDrfServer(
  options: DrfServerOptions,
  check: (server: DrfServer) => Promise<void>,
): Promise<void> {
  const server = await startDrfServer(options);
  try {
    await check(server);
  } finally {
    await server.stop();
  }
}

describe('npm run drf-server', () => {
  test('serves the seed on --port after one ready line, keeps votes, and --reset restores the seed', async () => {
    const dataDir = join(await tempDir(), 'data');
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;

    const first = await startCli(['--port', String(port)], dataDir, port);
    let key: string;
    let voted: Question[];
    try {
      key = await fetchToken(url);
      assert.equal(first.lines[0], `drf-server listening on ${url} (data: ${dataDir})`);
      assert.deepEqual(await questions(url, key), await seedQuestions());
      assert.equal((await vote(url, key, 1, 2)).status, 200);
      voted = await questions(url, key);
      assert.equal(votesOf(voted, 1, 2), 1);
      assert.ok(
        first.lines.some((line) =>
          /^POST \/polls\/api\/questions\/1\/vote\/ 200 \d+ms$/.test(line),
        ),
      );
    } finally {
      await first.server.stop();
    }

    const again = await startCli(['--port', String(port)], dataDir, port);
    try {
      assert.deepEqual(await questions(url, key), voted, 'the vote and the key are kept');
    } finally {
      await again.server.stop();
    }

    const reset = await startCli(['--port', String(port), '--reset'], dataDir, port);
    try {
      const old = await fetch(url + API_PATHS.questions, { headers: authorized(key) });
      assert.equal(old.status, 401);
      assert.deepEqual(await old.json(), { detail: 'Invalid token.' });
      assert.deepEqual(await questions(url, await fetchToken(url)), await seedQuestions());
    } finally {
      await reset.server.stop();
    }
  });

  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const) {
    test(`${signal} stops gunicorn with it, exit code ${code}`, async () => {
      const dataDir = join(await tempDir(), 'data');
      const port = await freePort();
      const { server } = await startCli(['--port', String(port)], dataDir, port);
      try {
        const bind = `127.0.0.1:${port}`;
        assert.ok((await processesNaming(bind)).length > 0, 'gunicorn runs');
        process.kill(server.pid, signal);
        assert.deepEqual(await server.exited, { code, signal: null });
        assert.deepEqual(await processesNaming(bind), [], 'no gunicorn process is left');
        await assert.rejects(fetch(`http://127.0.0.1:${port}/`), 'the port is closed');
      } finally {
        await server.stop();
      }
    });
  }

  test('refuses a bad argument with one line and exit code 2', async () => {
    const cases: readonly (readonly [string[], string])[] = [
      [['--port', 'abc'], `--port must be an integer from 0 to 65535, got "abc" (${CLI_USAGE})`],
      [
        ['--port', '70000'],
        `--port must be an integer from 0 to 65535, got "70000" (${CLI_USAGE})`,
      ],
      [['--bogus'], `Unknown option '--bogus' (${CLI_USAGE})`],
      [['serve'], `Unexpected argument 'serve' (${CLI_USAGE})`],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(args);
      assert.equal(result.stderr, `drf-server: ${message}\n`, args.join(' '));
      assert.equal(result.stdout, '');
      assert.equal(result.code, 2);
    }
  });

  test('--help lists the options and every DRF_SERVER_ switch the server reads, exit 0', async () => {
    const result = await runCli(['--help']);
    assert.equal(result.code, 0);
    assert.ok(result.stdout.startsWith(`${CLI_USAGE}\n`));
    const settings = await readFile(
      join(__dirname, '..', 'drf-server', 'mysite', 'settings.py'),
      'utf8',
    );
    const read = new Set(settings.match(/DRF_SERVER_[A-Z_]+/g));
    for (const name of read) assert.match(result.stdout, new RegExp(`\\b${name}=`), name);
  });

  test('without Debian packages for its Python, prints the apt-get command and exits 1', async () => {
    const dir = await tempDir();
    // Python without its site-packages: none of Debian's Django packages can be imported.
    const bare = join(dir, 'python-without-packages');
    await writeFile(bare, '#!/bin/sh\nexec /usr/bin/python3 -S "$@"\n');
    await chmod(bare, 0o755);
    const dataDir = join(dir, 'data');
    const packages = [
      'python3-django',
      'python3-djangorestframework',
      'python3-django-cors-headers',
      'python3-djangorestframework-spectacular',
      'gunicorn',
    ];
    const missing = await runCli(['--port', '0'], { PYTHON: bare, DRF_SERVER_DATA_DIR: dataDir });
    assert.equal(
      missing.stderr,
      `drf-server: ${packages.join(', ')} missing; install with: sudo apt-get install ${packages.join(' ')} (for /usr/bin/python3; PYTHON is ${bare})\n`,
    );
    assert.equal(missing.code, 1);
    assert.equal(existsSync(dataDir), false, 'nothing was set up');

    const absent = join(dir, 'no-such-python');
    const none = await runCli([], { PYTHON: absent, DRF_SERVER_DATA_DIR: dataDir });
    assert.match(
      none.stderr,
      /^drf-server: .*no-such-python cannot be run; python3, python3-django, .* missing; install with: sudo apt-get install python3 python3-django .*\n$/,
    );
    assert.equal(none.code, 1);
  });

  test('a bad DRF_SERVER_* value is one line naming it, exit code 1', async () => {
    const dataDir = join(await tempDir(), 'data');
    const result = await runCli(['--port', '0'], {
      DRF_SERVER_DATA_DIR: dataDir,
      DRF_SERVER_ALLOW_ANY: 'yes',
    });
    assert.equal(
      result.stderr,
      "drf-server: manage.py migrate failed: django.core.exceptions.ImproperlyConfigured: DRF_SERVER_ALLOW_ANY must be 1 or 0, got 'yes'\n",
    );
    assert.equal(result.code, 1);
  });

  test('DRF_SERVER_DJOSER=1 without djoser is one line naming its package, exit code 1', async () => {
    const dir = await tempDir();
    // Debian's Python as it is without python3-djoser: the module cannot be found.
    await writeFile(join(dir, 'sitecustomize.py'), "import sys\nsys.modules['djoser'] = None\n");
    const python = join(dir, 'python-without-djoser');
    await writeFile(python, `#!/bin/sh\nPYTHONPATH=${dir} exec /usr/bin/python3 "$@"\n`);
    await chmod(python, 0o755);
    const result = await runCli(['--port', '0'], {
      PYTHON: python,
      DRF_SERVER_DATA_DIR: join(dir, 'data'),
      DRF_SERVER_DJOSER: '1',
    });
    assert.equal(
      result.stderr,
      'drf-server: manage.py migrate failed: django.core.exceptions.ImproperlyConfigured: DRF_SERVER_DJOSER=1 needs djoser: sudo apt-get install python3-djoser\n',
    );
    assert.equal(result.code, 1);
  });

  test("DRF_SERVER_DJOSER=1 serves djoser's login besides the tutorial's", async () => {
    const dataDir = join(await tempDir(), 'data');
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const { server } = await startCli(['--port', String(port)], dataDir, port, {
      DRF_SERVER_DJOSER: '1',
    });
    try {
      assert.equal(await djoserToken(url, SEED_ADMIN), await fetchToken(url));
    } finally {
      await server.stop();
    }
  });
});

describe('startDrfServer, as configured', () => {
  let server: DrfServer;
  let key: string;
  before(async () => {
    server = await startDrfServer();
    key = await fetchToken(server.url);
  });
  after(() => server.stop());

  test('asks for a token with a 401 and WWW-Authenticate: Token', async () => {
    const response = await fetch(server.url + API_PATHS.questions);
    assert.equal(response.status, 401);
    assert.equal(response.headers.get('www-authenticate'), 'Token');
    assert.deepEqual(await questions(server.url, key), await seedQuestions());
  });

  test('keeps a secret key of its own, readable by its owner only', async () => {
    const file = join(server.dataDir, 'secret_key');
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    assert.ok((await readFile(file, 'utf8')).trim().length >= 50);
  });

  test('answers errors without the debug pages', async () => {
    const unknown = await fetch(`${server.url}/polls/`);
    assert.equal(unknown.status, 404);
    const page = await unknown.text();
    assert.match(page, /<h1>Not Found<\/h1>/);
    assert.doesNotMatch(page, /URLconf|Traceback|SECRET/);
    // JSON nested deeper than Python's stack fails inside DRF's parser, which catches only
    // ValueError: the one 500 stock DRF gives a client (mock-api/README.md lists it).
    const broken = await fetch(server.url + API_PATHS.login, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
    });
    assert.equal(broken.status, 500);
    const error = await broken.text();
    assert.match(error, /<h1>Server Error \(500\)<\/h1>/);
    assert.doesNotMatch(error, /Traceback|RecursionError|SECRET/);
  });

  test('answers only for loopback host names', async () => {
    assert.equal((await getWithHost(server.url, 'polls.example', key)).status, 400);
    for (const host of ['localhost', '127.0.0.1:8000', '[::1]']) {
      assert.deepEqual(await getWithHost(server.url, host, key), {
        status: 200,
        body: { questions: `http://${host}${API_PATHS.questions}` },
      });
    }
  });

  test('serves its OpenAPI schema to anyone, even with a stale key; the token scheme an apiKey with its prefix', async () => {
    const yaml = await fetch(`${server.url}${SCHEMA_PATH}`);
    assert.equal(yaml.status, 200);
    assert.match(yaml.headers.get('content-type') ?? '', /^application\/vnd\.oai\.openapi/);
    assert.match(await yaml.text(), /^openapi: 3\.0\.3$/m);
    const json = await fetch(`${server.url}${SCHEMA_PATH}?format=json`, {
      // A stale key does no harm: the schema takes no credentials at all.
      headers: authorized('0'.repeat(40)),
    });
    assert.equal(json.status, 200);
    const schema = (await json.json()) as {
      components: { securitySchemes: Record<string, unknown> };
      paths: Record<string, unknown>;
    };
    assert.deepEqual(schema.components.securitySchemes, {
      tokenAuth: {
        type: 'apiKey',
        in: 'header',
        name: 'Authorization',
        description: 'Token-based authentication with required prefix "Token"',
      },
    });
    assert.deepEqual(Object.keys(schema.paths).sort(), [
      API_PATHS.login,
      API_PATHS.logout,
      API_PATHS.questions,
      '/polls/api/questions/{id}/',
      '/polls/api/questions/{id}/vote/',
    ]);
  });

  test('counts simultaneous votes, every one', async () => {
    const before = votesOf(await questions(server.url, key), 2, 4) ?? 0;
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => vote(server.url, key, 2, 4)),
    );
    assert.deepEqual(
      answers.map((answer) => answer.status),
      answers.map(() => 200),
    );
    assert.equal(votesOf(await questions(server.url, key), 2, 4), before + 40);
  });

  test('adds the users it is given, an inactive one refused with its token too', () =>
    withDrfServer(
      {
        users: [
          { username: 'carol', password: 'carol-password' },
          { username: 'dave', password: 'dave-password', inactive: true },
        ],
      },
      async ({ url, dataDir }) => {
        const carol = { username: 'carol', password: 'carol-password' };
        assert.match(await fetchToken(url, carol), /^[0-9a-f]{40}$/);
        await assert.rejects(
          fetchToken(url, { username: 'dave', password: 'dave-password' }),
          /answered 400: {"non_field_errors":\["Unable to log in with provided credentials."\]}/,
        );
        const made = await drfServerManage(['drf_create_token', 'dave'], dataDir);
        const daveKey = /[0-9a-f]{40}/.exec(made)?.[0] ?? '';
        const refusedKey = await fetch(url + API_PATHS.questions, { headers: authorized(daveKey) });
        assert.equal(refusedKey.status, 401);
        assert.deepEqual(await refusedKey.json(), { detail: 'User inactive or deleted.' });
      },
    ));

  test("serves no djoser endpoints: djoser's login is Django's 404 page", async () => {
    const response = await djoserLogin(server.url, SEED_ADMIN);
    assert.equal(response.status, 404);
    assert.match(await response.text(), /<h1>Not Found<\/h1>/);
  });

  test('gives a preflight from an origin it does not list no CORS headers', async () => {
    const response = await preflight(server.url);
    assert.equal(response.headers.get('access-control-allow-origin'), null);
  });

  test("keeps the database (every live token in it) in a folder that is its owner's alone, whatever DJANGO_SETTINGS_MODULE the shell exports", async () => {
    const dataDir = join(await tempDir(), 'data');
    const saved = process.env['DJANGO_SETTINGS_MODULE'];
    // A Django developer's shell: drf-server must still run on its own settings.
    process.env['DJANGO_SETTINGS_MODULE'] = 'nonexistent.settings';
    let other: DrfServer | undefined;
    try {
      other = await startDrfServer({ dataDir });
      assert.match(await fetchToken(other.url), /^[0-9a-f]{40}$/);
    } finally {
      if (saved === undefined) delete process.env['DJANGO_SETTINGS_MODULE'];
      else process.env['DJANGO_SETTINGS_MODULE'] = saved;
      await other?.stop();
    }
    assert.equal((await stat(dataDir)).mode & 0o777, 0o700);
  });

  test('stops with nothing left: no process, no temporary data', async () => {
    const other = await startDrfServer();
    await other.stop();
    assert.equal(groupAlive(other.pid), false);
    assert.equal(existsSync(other.dataDir), false);
  });
});

const NOT_PROVIDED = { detail: 'Authentication credentials were not provided.' };

// One server each, started side by side.
describe('startDrfServer, misconfigured', { concurrency: true }, () => {
  test('tokenKeyword Bearer: the challenge says Bearer, and Token <key> is no credential', () =>
    withDrfServer({ tokenKeyword: 'Bearer' }, async ({ url }) => {
      const key = await fetchToken(url);
      const without = await fetch(url + API_PATHS.questions);
      assert.equal(without.status, 401);
      assert.equal(without.headers.get('www-authenticate'), 'Bearer');
      const asToken = await fetch(url + API_PATHS.questions, { headers: authorized(key) });
      assert.equal(asToken.status, 401);
      assert.deepEqual(await asToken.json(), NOT_PROVIDED);
      const asBearer = await fetch(url + API_PATHS.questions, {
        headers: authorized(key, 'Bearer'),
      });
      assert.equal(asBearer.status, 200);
    }));

  test('allowAny: the questions answer without a token', () =>
    withDrfServer({ allowAny: true }, async ({ url }) => {
      const response = await fetch(url + API_PATHS.questions);
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), await seedQuestions());
    }));

  test('sessionAuthenticationFirst: a missing token is a 403 without WWW-Authenticate', () =>
    withDrfServer({ sessionAuthenticationFirst: true }, async ({ url }) => {
      const response = await fetch(url + API_PATHS.questions);
      assert.equal(response.status, 403);
      assert.equal(response.headers.get('www-authenticate'), null);
      assert.deepEqual(await response.json(), NOT_PROVIDED);
      assert.equal((await questions(url, await fetchToken(url))).length, 3);
    }));

  test('noLogout: logout is a 404 and the key stays good', () =>
    withDrfServer({ noLogout: true }, async ({ url }) => {
      const key = await fetchToken(url);
      const logout = await fetch(url + API_PATHS.logout, {
        method: 'POST',
        headers: authorized(key),
      });
      assert.equal(logout.status, 404);
      assert.equal((await questions(url, key)).length, 3);
    }));

  test('corsOrigins: a preflight from a listed origin is answered, for the Authorization header', () =>
    withDrfServer({ corsOrigins: [FOREIGN_ORIGIN] }, async ({ url }) => {
      const response = await preflight(url);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('access-control-allow-origin'), FOREIGN_ORIGIN);
      assert.match(response.headers.get('access-control-allow-headers') ?? '', /\bauthorization\b/);
      // The app reads the login answer's Date to follow knox's expiry by its own clock.
      assert.equal(response.headers.get('access-control-expose-headers'), 'Date');
    }));

  test('allowedHosts: the API root is built from a host it lists', () =>
    withDrfServer({ allowedHosts: ['polls.example', '127.0.0.1'] }, async ({ url }) => {
      assert.deepEqual(await getWithHost(url, 'polls.example', await fetchToken(url)), {
        status: 200,
        body: { questions: `http://polls.example${API_PATHS.questions}` },
      });
    }));
});

const INVALID_CREDENTIALS = { non_field_errors: ['Unable to log in with provided credentials.'] };
const INVALID_TOKEN = { detail: 'Invalid token.' };

describe('startDrfServer with djoser', () => {
  const erin = { username: 'erin', password: 'erin-password' };
  const frank = { username: 'frank', password: 'frank-password' };
  const dave = { username: 'dave', password: 'dave-password' };
  let server: DrfServer;
  before(async () => {
    server = await startDrfServer({
      djoser: true,
      users: [erin, frank, { ...dave, inactive: true }],
    });
  });
  after(() => server.stop());

  test("logs in with 200 {auth_token}: DRF's key, the one the tutorial's login hands out", async () => {
    const key = await fetchToken(server.url);
    assert.deepEqual(
      await answered(await djoserLogin(server.url, SEED_ADMIN)),
      jsonAnswer(200, { auth_token: key }),
    );
    // As a form too, and on the path without its slash (djoser's pattern is token/login/?).
    const form = await djoserLogin(
      server.url,
      'username=admin&password=admin',
      'application/x-www-form-urlencoded',
    );
    assert.deepEqual(await answered(form), jsonAnswer(200, { auth_token: key }));
    const noSlash = await fetch(server.url + DJOSER_LOGIN.slice(0, -1), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(SEED_ADMIN),
    });
    assert.deepEqual(await answered(noSlash), jsonAnswer(200, { auth_token: key }));
    assert.deepEqual(await questions(server.url, key), await seedQuestions());
  });

  test('refuses wrong credentials, an inactive user and missing fields alike, with non_field_errors', async () => {
    for (const body of [
      { username: 'admin', password: 'wrong' },
      { username: 'nobody', password: 'admin' },
      dave,
      {},
      { username: 'admin' },
      { password: 'admin' },
    ]) {
      const response = await djoserLogin(server.url, body);
      assert.deepEqual(
        await answered(response),
        jsonAnswer(400, INVALID_CREDENTIALS),
        JSON.stringify(body),
      );
    }
  });

  test("refuses blank and null fields field by field, the password's first", async () => {
    const cases: readonly (readonly [unknown, unknown])[] = [
      [
        { username: '', password: '' },
        { password: ['This field may not be blank.'], username: ['This field may not be blank.'] },
      ],
      [{ username: 'admin', password: '' }, { password: ['This field may not be blank.'] }],
      [{ username: '', password: 'admin' }, { username: ['This field may not be blank.'] }],
      [
        { username: null, password: null },
        { password: ['This field may not be null.'], username: ['This field may not be null.'] },
      ],
    ];
    for (const [body, errors] of cases) {
      const response = await djoserLogin(server.url, body);
      assert.deepEqual(await answered(response), jsonAnswer(400, errors), JSON.stringify(body));
    }
  });

  test('refuses a body that is neither JSON nor a form (415), broken JSON (400), and GET (405)', async () => {
    const text = await djoserLogin(server.url, 'username=admin&password=admin', 'text/plain');
    assert.deepEqual(
      await answered(text),
      jsonAnswer(415, { detail: 'Unsupported media type "text/plain" in request.' }),
    );
    const broken = await djoserLogin(server.url, '{bad', 'application/json');
    assert.deepEqual(
      await answered(broken),
      jsonAnswer(400, {
        detail:
          'JSON parse error - Expecting property name enclosed in double quotes: line 1 column 2 (char 1)',
      }),
    );
    // The logout checks the token before the method, so its GET carries one.
    const key = await fetchToken(server.url);
    for (const path of [DJOSER_LOGIN, DJOSER_LOGOUT]) {
      const get = await fetch(server.url + path, { headers: authorized(key) });
      assert.deepEqual(
        await answered(get),
        jsonAnswer(405, { detail: 'Method "GET" not allowed.' }),
        path,
      );
      assert.equal(get.headers.get('allow'), 'POST, OPTIONS', path);
    }
    assert.equal((await questions(server.url, key)).length, 3, 'a GET logs nobody out');
  });

  test('refuses a login that sends a stale key, as DRF refuses one anywhere', async () => {
    const response = await fetch(server.url + DJOSER_LOGIN, {
      method: 'POST',
      headers: { ...authorized('0'.repeat(40)), 'Content-Type': 'application/json' },
      body: JSON.stringify(SEED_ADMIN),
    });
    assert.deepEqual(await answered(response), jsonAnswer(401, INVALID_TOKEN));
    assert.equal(response.headers.get('www-authenticate'), 'Token');
  });

  test('asks a logout without a token or with an unknown one for a token: 401 and WWW-Authenticate: Token', async () => {
    const without = await djoserLogout(server.url);
    assert.deepEqual(await answered(without), jsonAnswer(401, NOT_PROVIDED));
    assert.equal(without.headers.get('www-authenticate'), 'Token');
    const unknown = await djoserLogout(server.url, '0'.repeat(40));
    assert.deepEqual(await answered(unknown), jsonAnswer(401, INVALID_TOKEN));
    assert.equal(unknown.headers.get('www-authenticate'), 'Token');
    // Authentication comes before the method: a GET without a token is a 401, not a 405.
    const get = await fetch(server.url + DJOSER_LOGOUT);
    assert.deepEqual(await answered(get), jsonAnswer(401, NOT_PROVIDED));
  });

  test('logs out with a 204 that deletes the key: a second logout and the old key get 401 Invalid token., the next login a new key', async () => {
    const key = await djoserToken(server.url, erin);
    const logout = await djoserLogout(server.url, key);
    assert.deepEqual(await answered(logout), { status: 204, body: '' });
    assert.deepEqual(
      await answered(await djoserLogout(server.url, key)),
      jsonAnswer(401, INVALID_TOKEN),
    );
    const old = await fetch(server.url + API_PATHS.questions, { headers: authorized(key) });
    assert.deepEqual(await answered(old), jsonAnswer(401, INVALID_TOKEN));
    assert.equal(old.headers.get('www-authenticate'), 'Token');
    const next = await djoserToken(server.url, erin);
    assert.notEqual(next, key);
    assert.equal(
      await fetchToken(server.url, erin),
      next,
      "the tutorial's login hands out the same new key",
    );
    assert.equal((await questions(server.url, next)).length, 3);
  });

  test("states djoser's login and logout in the schema it serves: {auth_token}, no token for the login", async () => {
    const response = await fetch(`${server.url}${SCHEMA_PATH}?format=json`);
    assert.equal(response.status, 200);
    interface Operation {
      readonly security?: unknown;
      readonly responses: Record<string, { readonly content?: unknown }>;
    }
    const schema = (await response.json()) as {
      paths: Record<string, { post?: Operation }>;
      components: { schemas: Record<string, unknown> };
    };
    const login = schema.paths[DJOSER_LOGIN]?.post;
    const logout = schema.paths[DJOSER_LOGOUT]?.post;
    assert.equal(login?.security, undefined, 'the login wants no token');
    assert.deepEqual(login?.responses['200']?.content, {
      'application/json': { schema: { $ref: '#/components/schemas/Token' } },
    });
    assert.deepEqual(schema.components.schemas['Token'], {
      type: 'object',
      properties: { auth_token: { type: 'string' } },
      required: ['auth_token'],
    });
    assert.deepEqual(logout?.security, [{ tokenAuth: [] }]);
    assert.deepEqual(Object.keys(logout?.responses ?? {}), ['204', '401', '406']);
    // drf-spectacular finds nothing to warn about, as in the committed schema's configuration.
    const yaml = await drfServerManage(
      ['spectacular', '--validate', '--fail-on-warn'],
      server.dataDir,
      {
        djoser: true,
      },
    );
    assert.match(yaml, /^ {2}\/auth\/token\/login\/:$/m);
  });

  test("counts djoser's failed logins with the tutorial's: the eleventh try within a minute is a 429 on both", async () => {
    for (let attempt = 1; attempt <= 10; attempt++) {
      const response = await djoserLogin(server.url, { ...frank, password: 'wrong' });
      assert.deepEqual(
        await answered(response),
        jsonAnswer(400, INVALID_CREDENTIALS),
        `attempt ${attempt}`,
      );
    }
    const locked = await djoserLogin(server.url, frank);
    assert.equal(locked.status, 429);
    const wait = Number(locked.headers.get('retry-after'));
    assert.ok(Number.isInteger(wait) && wait > 0 && wait <= 60, `Retry-After: ${wait}`);
    assert.deepEqual(await locked.json(), {
      detail: `Request was throttled. Expected available in ${wait} seconds.`,
    });
    await assert.rejects(fetchToken(server.url, frank), /^Error: login as frank answered 429: /);
  });
});
