import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { API_PATHS } from '../api/paths';
import { MOCK_API_DIR } from './data-dir';
import { main, type Output } from './main';
import { auth, login, runCli, tempDir, tokenFor } from './testing';

let parent: string;
before(async () => (parent = await tempDir()));
after(() => rmSync(parent, { recursive: true, force: true }));

interface Served {
  readonly url: string;
  readonly child: ChildProcess;
  readonly stdout: string[];
  /** Sends a signal and resolves with the exit code. */
  stop(signal: NodeJS.Signals): Promise<number | null>;
}

/** Spawns `serve` as `npm run mock-api -- serve ...` would and waits for its ready line. */
function serve(args: string[]): Promise<Served> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(MOCK_API_DIR, 'main.ts'), ...args],
    {
      cwd: join(MOCK_API_DIR, '..'),
    },
  );
  const stdout: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        stdout.push(line);
        const ready = /http:\/\/127\.0\.0\.1:\d+/.exec(line);
        if (ready) {
          resolve({
            url: ready[0],
            child,
            stdout,
            stop: (signal) => {
              child.kill(signal);
              return exited;
            },
          });
        }
      }
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    void exited.then((code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const output: Output = { out: (line) => out.push(line), err: (line) => err.push(line) };
  return { out, err, output };
}

const waitFor = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
};

describe('mock-api serve', () => {
  it('prints its URL, logs requests, picks up CLI changes and stops on SIGTERM', async () => {
    const data = join(parent, 'served');
    const server = await serve(['serve', '--port', '0', '--host', '127.0.0.1', '--data', data]);
    try {
      assert.match(
        server.stdout[0] ?? '',
        /^mock-api listening on http:\/\/127\.0\.0\.1:\d+ \(data: .*served\)$/,
      );
      const key = await tokenFor(server.url);
      assert.equal(
        (await fetch(`${server.url}${API_PATHS.questions}`, { headers: auth(key) })).status,
        200,
      );
      await waitFor(() => server.stdout.length >= 3);
      assert.match(server.stdout[1] ?? '', /^POST \/accounts\/get_auth_token\/ 200 \d+ms$/);
      assert.match(server.stdout[2] ?? '', /^GET \/polls\/api\/questions\/ 200 \d+ms$/);
      // A user created while the server runs can log in at once.
      const created = await runCli(['createuser', 'frank', '--password', 'pw', '--data', data]);
      assert.equal(created.code, 0, created.stderr);
      assert.equal((await login(server.url, 'frank', 'pw')).status, 200);
    } finally {
      assert.equal(await server.stop('SIGTERM'), 0);
    }
  });

  it('stops on SIGINT, logs nothing with --quiet, and serves the default command', async () => {
    const server = await serve(['--quiet', '--port', '0', '--data', join(parent, 'quiet')]);
    await fetch(`${server.url}${API_PATHS.questions}`);
    assert.equal(await server.stop('SIGINT'), 0);
    assert.equal(server.stdout.length, 1);
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
      [['createuser', 'kim'], 2, 'createuser: --password PW is required'],
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
      [['tokens', '--verbose'], 2, "tokens: Unknown option '--verbose' (see --help)"],
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
      assert.equal(await main(args, output), code, args.join(' '));
      assert.deepEqual(err, [`mock-api: ${message}`], args.join(' '));
      assert.deepEqual(out, []);
    }
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
      '--quiet',
      '--password',
      '--inactive',
      '--superuser',
      '--regenerate',
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
