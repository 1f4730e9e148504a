import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { API_PATHS } from '../api/paths';
import {
  fetchToken,
  freePort,
  mockApiArgs,
  startServer,
  type RunningServer,
} from '../scripts/servers';
import { main, type Output } from './main';
import { listenMockApi } from './server';
import { auth, runCli, tempDir } from './testing';

let parent: string;
before(async () => (parent = await tempDir()));
after(() => rmSync(parent, { recursive: true, force: true }));

interface Served {
  readonly server: RunningServer;
  /** Where the server said it listens, from its ready line. */
  readonly url: string;
  /** Every line it wrote, stdout and stderr, the ready line first. */
  readonly lines: string[];
}

/**
 * Runs `serve` as `npm run mock-api -- serve ...` would, through the harness, and waits
 * for its ready line. The harness wants a URL up front (`askedUrl`, which it only hands
 * back); the URL returned is the ready line's, which alone knows the port `--port 0` got.
 */
async function serve(args: string[], askedUrl: string): Promise<Served> {
  const lines: string[] = [];
  const server = await startServer({
    name: 'mock-api serve',
    command: process.execPath,
    args: mockApiArgs(args),
    ready: { stdout: /^mock-api listening on / },
    url: askedUrl,
    onLine: (line) => lines.push(line),
  });
  const url = /^mock-api listening on (http:\/\/\S+)/.exec(lines[0] ?? '')?.[1];
  if (!url) {
    await server.stop();
    throw new Error(`no URL in the ready line: ${lines.join('\n')}`);
  }
  return { server, url, lines };
}

/** Sends `signal` to the server alone, as a terminal or a process manager would. */
async function stopWith(server: RunningServer, signal: NodeJS.Signals) {
  process.kill(server.pid, signal);
  return server.exited;
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const output: Output = { out: (line) => out.push(line), err: (line) => err.push(line) };
  return { out, err, output };
}

const NOT_AN_ORIGIN =
  'must be http(s)://host[:port] with no path, not even a trailing slash, or null';

const waitFor = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
};

describe('mock-api serve', () => {
  it('prints its URL, logs requests, picks up CLI changes and stops on SIGTERM', async () => {
    const data = join(parent, 'served');
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const args = ['serve', '--port', String(port), '--host', '127.0.0.1', '--data', data];
    const { server, lines } = await serve(args, url);
    try {
      assert.equal(lines[0], `mock-api listening on ${url} (data: ${data})`);
      const key = await fetchToken(url);
      assert.equal(
        (await fetch(`${url}${API_PATHS.questions}`, { headers: auth(key) })).status,
        200,
      );
      await waitFor(() => lines.length >= 3);
      assert.match(lines[1] ?? '', /^POST \/accounts\/get_auth_token\/ 200 \d+ms$/);
      assert.match(lines[2] ?? '', /^GET \/polls\/api\/questions\/ 200 \d+ms$/);
      // A user created while the server runs can log in at once; its password may come
      // from the environment, out of the process list.
      const created = await runCli(['createuser', 'frank', '--data', data], {
        POLLS_PASSWORD: 'pw-from-env',
      });
      assert.equal(created.code, 0, created.stderr);
      const frank = { username: 'frank', password: 'pw-from-env' };
      assert.match(await fetchToken(url, frank), /^[0-9a-f]{40}$/);
      assert.deepEqual(await stopWith(server, 'SIGTERM'), { code: 0, signal: null });
    } finally {
      await server.stop();
    }
  });

  it('stops on SIGINT, logs nothing with --quiet, and serves the default command', async () => {
    const args = ['--quiet', '--port', '0', '--data', join(parent, 'quiet')];
    const { server, url, lines } = await serve(args, 'http://127.0.0.1:0');
    try {
      assert.match(url, /^http:\/\/127\.0\.0\.1:[1-9]\d*$/, 'port 0 picks a free port');
      assert.equal((await fetch(`${url}${API_PATHS.questions}`)).status, 401);
      assert.deepEqual(await stopWith(server, 'SIGINT'), { code: 0, signal: null });
      assert.equal(lines.length, 1, lines.join('\n'));
    } finally {
      await server.stop();
    }
  });

  it('allows CORS from every --cors-origin given, and from no other', async () => {
    const args = ['--quiet', '--port', '0', '--data', join(parent, 'cors')];
    args.push('--cors-origin', 'https://app.example', '--cors-origin', 'http://10.0.0.5:8080');
    const { server, url } = await serve(args, 'http://127.0.0.1:0');
    try {
      for (const [origin, allowed] of [
        ['https://app.example', 'https://app.example'],
        ['http://10.0.0.5:8080', 'http://10.0.0.5:8080'],
        ['http://10.0.0.5:8081', null],
        ['https://other.example', null],
      ] as const) {
        const preflight = await fetch(`${url}${API_PATHS.questions}`, {
          method: 'OPTIONS',
          headers: { Origin: origin, 'Access-Control-Request-Method': 'GET' },
        });
        assert.equal(preflight.status, 200, origin);
        assert.equal(preflight.headers.get('access-control-allow-origin'), allowed, origin);
      }
    } finally {
      await server.stop();
    }
  });

  it('refuses a --cors-origin that is not an origin, in one line, and starts nothing', async () => {
    const data = join(parent, 'cors-refused');
    // Spawned once: the exit code reaches the shell, and no server keeps the process alive.
    assert.deepEqual(
      await runCli(['serve', '--port', '0', '--data', data, '--cors-origin', 'app.example']),
      {
        code: 2,
        stdout: '',
        stderr: `mock-api: --cors-origin ${NOT_AN_ORIGIN}, got "app.example"\n`,
      },
    );
    const cases: [string, string][] = [
      ['https://app.example/', NOT_AN_ORIGIN],
      ['https://app.example/polls', NOT_AN_ORIGIN],
      ['https://app.example?x=1', NOT_AN_ORIGIN],
      ['https://', NOT_AN_ORIGIN],
      ['https://app.example:99999', NOT_AN_ORIGIN],
      ['ftp://app.example', NOT_AN_ORIGIN],
      ['', NOT_AN_ORIGIN],
      ['https://App.Example', 'must be written as a browser sends it, "https://app.example"'],
      ['https://app.example:443', 'must be written as a browser sends it, "https://app.example"'],
      ['https://admin@app.example', 'must be written as a browser sends it, "https://app.example"'],
    ];
    for (const [origin, problem] of cases) {
      const { out, err, output } = capture();
      // A good origin first: each value is checked, not only the first.
      const args = ['--port', '0', '--data', data, '--cors-origin', 'https://ok.example'];
      assert.equal(await main([...args, '--cors-origin', origin], output), 2, origin);
      assert.deepEqual(err, [`mock-api: --cors-origin ${problem}, got "${origin}"`], origin);
      assert.deepEqual(out, []);
    }
    assert.equal(existsSync(data), false, 'no data directory was created');
  });

  it('says so in one line when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const { out, err, output } = capture();
      assert.equal(await main(['--port', String(port), '--data', join(parent, 'busy')], output), 1);
      assert.deepEqual(err, [
        `mock-api: cannot listen on 127.0.0.1:${port}: the port is already in use`,
      ]);
      assert.deepEqual(out, []);
    } finally {
      blocker.close();
    }
  });
});

describe('mock-api user and token commands', () => {
  it('creates users with tokens, prints, regenerates and lists keys, and resets', async () => {
    const first = join(parent, 'users');
    const second = join(parent, 'users-2');
    const password = 'correct horse battery staple';
    const [created, inactive] = await Promise.all([
      runCli(['createuser', 'grace', '--password', password, '--superuser', '--data', first]),
      runCli(['createuser', 'heidi', '--password', 'pw', '--inactive', '--data', second]),
    ]);
    assert.deepEqual(created, { code: 0, stdout: 'Created user "grace".\n', stderr: '' });
    assert.equal(inactive.code, 0, inactive.stderr);
    const stored = readFileSync(join(first, 'auth.json'), 'utf8');
    assert.ok(!stored.includes(password), 'only the hash is stored');
    const store = JSON.parse(stored) as {
      users: { username: string; password: string; is_superuser: boolean; is_active: boolean }[];
    };
    assert.deepEqual(
      store.users.map((u) => [u.username, u.is_superuser, u.is_active]),
      [
        ['admin', true, true],
        ['grace', true, true],
      ],
    );
    assert.match(store.users[1]?.password ?? '', /^scrypt\$16384\$/);
    assert.match(
      readFileSync(join(second, 'auth.json'), 'utf8'),
      /"username":"heidi".*"is_active":false/,
    );

    // grace and heidi got their keys when they were created, so these only read.
    const [key, heidiKey, tokens] = await Promise.all([
      runCli(['token', 'grace', '--data', first]),
      runCli(['token', 'heidi', '--data', second]),
      runCli(['tokens', '--data', first]),
    ]);
    assert.match(key.stdout, /^[0-9a-f]{40}\n$/);
    assert.match(heidiKey.stdout, /^[0-9a-f]{40}\n$/, 'inactive users get their key too');
    const lines = tokens.stdout.trim().split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0] ?? '', /^admin [0-9a-f]{40}$/);
    assert.equal(lines[1], `grace ${key.stdout.trim()}`);

    const [regenerated, reset] = await Promise.all([
      runCli(['token', 'grace', '--regenerate', '--data', first]),
      runCli(['reset', '--data', second]),
    ]);
    assert.match(regenerated.stdout, /^[0-9a-f]{40}\n$/);
    assert.notEqual(regenerated.stdout, key.stdout);
    assert.ok(readFileSync(join(first, 'auth.json'), 'utf8').includes(regenerated.stdout.trim()));
    assert.deepEqual(reset, { code: 0, stdout: `Reset ${second} to the seed.\n`, stderr: '' });
    assert.ok(!readFileSync(join(second, 'auth.json'), 'utf8').includes('heidi'));
  });

  it('with --flavor knox, token and tokens make new knox tokens, which a knox server takes', async () => {
    const data = join(parent, 'knox');
    const run = async (args: string[]) => {
      const { out, err, output } = capture();
      assert.equal(await main(args, output), 0, err.join('\n'));
      return out;
    };
    const before = Date.now();
    const [first] = await run([
      'token',
      'admin',
      '--flavor',
      'knox',
      '--token-ttl',
      '60',
      '--data',
      data,
    ]);
    const [second] = await run(['token', 'admin', '--flavor', 'knox', '--data', data]);
    const listed = await run(['tokens', '--flavor', 'knox', '--data', data]);
    const [key = '', expiry = ''] = (first ?? '').split(' ');
    assert.match(key, /^[0-9a-f]{64}$/);
    const lifetime = Date.parse(expiry) - before;
    assert.ok(lifetime >= 59_000 && lifetime <= 61_000, `--token-ttl 60 gave ${lifetime} ms`);
    const defaultLifetime = Date.parse((second ?? '').split(' ')[1] ?? '') - before;
    assert.ok(Math.abs(defaultLifetime - 36_000_000) < 5_000, "knox's 10 hours by default");
    assert.equal(listed.length, 1);
    // The expiry as knox's login answers it: DRF's DateTimeField, microseconds, Z.
    assert.match(listed[0] ?? '', /^admin [0-9a-f]{64} \d{4}-\d\d-\d\dT[\d:]{8}(\.\d{6})?Z$/);
    const keys = [key, (second ?? '').split(' ')[0] ?? '', (listed[0] ?? '').split(' ')[1] ?? ''];
    assert.equal(new Set(keys).size, 3, 'every command makes a new token');
    assert.ok(!readFileSync(join(data, 'auth.json'), 'utf8').includes(key), 'stored as a digest');

    const api = await listenMockApi({ port: 0, dataDir: data, flavor: 'knox' });
    try {
      for (const each of keys) {
        const reply = await fetch(api.url + API_PATHS.questions, { headers: auth(each) });
        assert.equal(reply.status, 200, each);
      }
    } finally {
      await api.close();
    }
  });

  it('explains every mistake in one line on stderr and exits non-zero', async () => {
    // One spawned mistake proves the exit code reaches the shell...
    assert.deepEqual(await runCli(['frobnicate']), {
      code: 2,
      stdout: '',
      stderr: 'mock-api: unknown command "frobnicate" (see --help)\n',
    });
    // ...the rest run the same main() in-process, which is much faster.
    const data = join(parent, 'mistakes');
    const cases: [string[], number, string][] = [
      [
        ['createuser', 'admin', '--password', 'pw', '--data', data],
        1,
        'a user named "admin" already exists',
      ],
      [['createuser', 'kim'], 2, 'createuser: --password PW (or POLLS_PASSWORD) is required'],
      [['createuser', '--password', 'pw'], 2, 'createuser: missing NAME (see --help)'],
      [
        ['createuser', 'bad name', '--password', 'pw', '--data', data],
        2,
        'createuser: "bad name" is not a valid username (up to 150 letters, digits and @/./+/-/_)',
      ],
      [['token', 'nobody', '--data', data], 1, 'no user named "nobody"'],
      [['token'], 2, 'token: missing NAME (see --help)'],
      [['serve', '--port', 'x'], 2, '--port must be an integer from 0 to 65535, got "x"'],
      [['--port', '70000'], 2, '--port must be an integer from 0 to 65535, got "70000"'],
      [
        ['serve', '--token-ttl', '0'],
        2,
        '--token-ttl must be an integer from 1 to 315360000, got "0"',
      ],
      [['serve', '--port'], 2, "serve: Option '--port <value>' argument missing (see --help)"],
      [
        ['serve', '--token-ttl', '-5'],
        2,
        "serve: Option '--token-ttl' argument is ambiguous (see --help)",
      ],
      [
        ['serve', '--token-ttl=-5'],
        2,
        '--token-ttl must be an integer from 1 to 315360000, got "-5"',
      ],
      [['tokens', '--verbose'], 2, "tokens: Unknown option '--verbose' (see --help)"],
      [
        ['serve', '--flavor', 'jwt'],
        2,
        '--flavor must be one of authtoken, djoser, dj-rest-auth, knox, got "jwt"',
      ],
      [
        ['token', 'admin', '--token-ttl', '60', '--data', data],
        2,
        '--token-ttl is for --flavor knox only',
      ],
      [['reset', 'extra'], 2, 'reset: unexpected argument "extra" (see --help)'],
    ];
    const corrupt = join(parent, 'corrupt');
    mkdirSync(corrupt);
    writeFileSync(join(corrupt, 'polls.json'), '{"questions": [], "choices": []}');
    writeFileSync(join(corrupt, 'auth.json'), '{');
    cases.push([
      ['tokens', '--data', corrupt],
      1,
      `${join(corrupt, 'auth.json')}: not valid JSON (Expected property name or '}' in JSON at position 1); "reset" restores the seed`,
    ]);
    for (const [args, code, message] of cases) {
      const { out, err, output } = capture();
      // No POLLS_PASSWORD, whatever the developer's shell has.
      assert.equal(await main(args, output, {}), code, args.join(' '));
      assert.deepEqual(err, [`mock-api: ${message}`], args.join(' '));
      assert.deepEqual(out, []);
    }
  });

  it('refuses a --data that is a file, in one line, and writes nothing', async () => {
    const file = join(parent, 'not-a-dir');
    writeFileSync(file, 'keep me\n');
    // Spawned once: the exit code reaches the shell.
    assert.deepEqual(await runCli(['serve', '--port', '0', '--data', file]), {
      code: 2,
      stdout: '',
      stderr: `mock-api: --data ${file} is not a directory\n`,
    });
    const inside = join(file, 'data');
    const cases: [string[], string][] = [
      [['createuser', 'kim', '--password', 'pw', '--data', file], file],
      [['token', 'admin', '--data', file], file],
      [['tokens', '--data', file], file],
      [['reset', '--data', file], file],
      // A file on the way there is as much in the way.
      [['reset', '--data', inside], inside],
      [['serve', '--port', '0', '--data', inside], inside],
    ];
    for (const [args, shown] of cases) {
      const { out, err, output } = capture();
      assert.equal(await main(args, output), 2, args.join(' '));
      assert.deepEqual(err, [`mock-api: --data ${shown} is not a directory`], args.join(' '));
      assert.deepEqual(out, []);
    }
    assert.equal(readFileSync(file, 'utf8'), 'keep me\n');
  });

  it('documents every command and option in --help', async () => {
    const help = await runCli(['--help']);
    assert.equal(help.code, 0);
    for (const word of [
      'serve',
      'createuser NAME',
      'token NAME',
      'tokens',
      'reset',
      '--port',
      '--host',
      '--data',
      '--token-ttl',
      '--cors-origin',
      '--quiet',
      '--password',
      '--inactive',
      '--superuser',
      '--regenerate',
      '--flavor',
      'djoser',
      'dj-rest-auth',
      'knox',
    ]) {
      assert.ok(help.stdout.includes(word), word);
    }
    for (const args of [['help'], ['token', '-h'], ['createuser', '--help']]) {
      const { out, output } = capture();
      assert.equal(await main(args, output), 0);
      assert.equal(`${out.join('\n')}\n`, help.stdout);
    }
  });
});
