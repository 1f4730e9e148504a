/**
 * The server harness as its callers see it: the URL answers once start resolves, and
 * after stop the port is closed and no process of the server's group is left.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { dataFiles } from '../mock-api/data-dir';
import {
  fetchToken,
  freePort,
  groupAlive,
  runCommand,
  startMockApi,
  startServer,
  stopAll,
  type ServerSpec,
} from './servers';

after(stopAll);

const ALICE = { username: 'alice', password: 'wonderland' } as const;

/** A Node one-liner run as the server process. */
function node(name: string, script: string, rest: Partial<ServerSpec> = {}): ServerSpec {
  return {
    name,
    command: process.execPath,
    args: ['-e', script],
    ready: { stdout: /^listening$/ },
    url: 'http://127.0.0.1:1',
    ...rest,
  };
}

/** An HTTP server on `port` that answers "ok" and prints "listening"; `extra` runs first. */
function httpServer(port: number, extra = ''): string {
  return `${extra}
    require('node:http').createServer((req, res) => res.end('ok'))
      .listen(${port}, '127.0.0.1', () => console.log('listening'));`;
}

/** Whether a process with this pid still exists. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    assert.equal((error as NodeJS.ErrnoException).code, 'ESRCH');
    return false;
  }
}

async function refused(url: string): Promise<void> {
  await assert.rejects(fetch(url), (error: Error & { cause?: { code?: string } }) => {
    assert.equal(error.cause?.code, 'ECONNREFUSED');
    return true;
  });
}

describe('startServer', () => {
  test('resolves once the ready line is printed; after stop the port and the group are gone', async () => {
    const port = await freePort();
    // The server starts a grandchild, as ng serve starts esbuild: it must go too.
    const grandchild = `const worker = require('node:child_process').spawn(process.execPath,
      ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      console.log('worker ' + worker.pid);`;
    const lines: string[] = [];
    const server = await startServer(
      node('demo', httpServer(port, grandchild), {
        url: `http://127.0.0.1:${port}`,
        onLine: (line) => lines.push(line),
      }),
    );

    const response = await fetch(server.url);
    assert.equal(await response.text(), 'ok');
    assert.ok(server.readyMs > 0);
    const workerPid = Number(/^worker (\d+)$/m.exec(lines.join('\n'))?.[1]);
    assert.ok(alive(workerPid), 'the grandchild runs while the server does');

    await server.stop();

    await refused(server.url);
    assert.equal(groupAlive(server.pid), false, 'no process of the group is left');
    assert.equal(alive(workerPid), false, 'the grandchild is gone');
    assert.deepEqual(await server.exited, { code: null, signal: 'SIGTERM' });
    await server.stop(); // a second stop is harmless
  });

  test('with a probe URL, waits until the server answers anything, a 404 included', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    // Quiet, and listening only after a while, like a server that builds first.
    const script = `setTimeout(() => require('node:http').createServer((req, res) => {
      res.statusCode = 404; res.end(); }).listen(${port}, '127.0.0.1'), 300);`;

    const server = await startServer(node('late', script, { url, ready: { probe: `${url}/x` } }));

    assert.equal((await fetch(`${url}/x`)).status, 404);
    assert.ok(server.readyMs >= 300, `ready after ${server.readyMs} ms`);
    await server.stop();
    await refused(url);
  });

  test('a server that ignores SIGTERM gets SIGKILL after the grace period', async () => {
    const port = await freePort();
    const stubborn = `process.on('SIGTERM', () => console.log('ignoring SIGTERM'));`;
    const server = await startServer(
      node('stubborn', httpServer(port, stubborn), {
        url: `http://127.0.0.1:${port}`,
        stopGraceMs: 300,
      }),
    );

    await server.stop();

    assert.deepEqual(await server.exited, { code: null, signal: 'SIGKILL' });
    assert.equal(groupAlive(server.pid), false);
    await refused(server.url);
  });

  test('a command that exits early rejects with its exit code and its output', async () => {
    const script = `console.log('reading config'); console.error('config.json: no such file'); process.exit(3);`;
    await assert.rejects(
      startServer(node('broken', script)),
      /^Error: broken exited with code 3 before it was ready\. Its last output:\nreading config\nconfig\.json: no such file$/,
    );
  });

  test('a server that is not ready in time rejects, and is stopped', async () => {
    const script = `console.log('pid ' + process.pid); setInterval(() => {}, 1000);`;
    // Long enough for a cold node on a loaded machine to print its pid.
    const timeoutMs = 3000;
    let pid = 0;
    const onLine = (line: string) => (pid = Number(/^pid (\d+)$/.exec(line)?.[1] ?? pid));
    await assert.rejects(
      startServer(node('slow', script, { timeoutMs, onLine })),
      new RegExp(
        `^Error: slow was not ready within ${timeoutMs} ms\\. Its last output:\\npid \\d+$`,
      ),
    );
    assert.ok(pid > 0, 'the slow server printed its pid');
    assert.equal(groupAlive(pid), false, 'the slow server was killed');
  });

  test('a server that reports it cannot start, then hangs, rejects at once and is stopped', async () => {
    const script = `console.log('pid ' + process.pid); console.error('Port 4200 is already in use.'); setInterval(() => {}, 1000);`;
    let message = '';
    await assert.rejects(
      startServer(node('stuck', script, { fatal: /is already in use/, timeoutMs: 60_000 })),
      (error: Error) => {
        message = error.message;
        return true;
      },
    );
    // The timeout would say "was not ready within 60000 ms".
    assert.match(message, /^stuck cannot start: Port 4200 is already in use\.\. Its last output:/);
    const pid = Number(/pid (\d+)/.exec(message)?.[1]);
    assert.ok(pid > 0, 'its output is in the message');
    assert.equal(groupAlive(pid), false, 'the stuck server was killed');
  });

  test('a command that does not exist rejects at once', async () => {
    await assert.rejects(
      startServer({ ...node('missing', ''), command: '/nonexistent/server' }),
      /^Error: missing could not be started: spawn \/nonexistent\/server ENOENT$/,
    );
  });

  test('stopAll stops every server still running', async () => {
    const ports = [await freePort(), await freePort()];
    const servers = await Promise.all(
      ports.map((port) =>
        startServer(node(`s${port}`, httpServer(port), { url: `http://127.0.0.1:${port}` })),
      ),
    );

    await stopAll();

    for (const server of servers) {
      await refused(server.url);
      assert.equal(groupAlive(server.pid), false);
    }
  });
});

describe('runCommand', () => {
  test('resolves the stdout of a command that succeeds', async () => {
    const stdout = await runCommand(process.execPath, ['-e', 'console.log(process.env.GREETING)'], {
      env: { GREETING: 'hello' },
    });
    assert.equal(stdout, 'hello\n');
  });

  test('rejects with the output of a command that fails', async () => {
    await assert.rejects(
      runCommand(process.execPath, ['-e', 'console.error("bad input"); process.exit(2)']),
      /exited with code 2:\nbad input/,
    );
  });

  test('kills a command that runs past its time limit', async () => {
    await assert.rejects(
      runCommand(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { timeoutMs: 300 }),
      /exited with signal SIGKILL/,
    );
  });
});

describe('startMockApi', () => {
  test('serves a fresh copy of the seed with the extra users, and deletes it on stop', async () => {
    const api = await startMockApi({ users: [ALICE] });
    assert.match(api.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(existsSync(dataFiles(api.dataDir).auth), 'the data is on disk while it runs');

    assert.match(await fetchToken(api.url), /^[0-9a-f]{40}$/, 'the seed has admin/admin');
    assert.match(await fetchToken(api.url, ALICE), /^[0-9a-f]{40}$/);
    await assert.rejects(fetchToken(api.url, { ...ALICE, password: 'wrong' }), /answered 400/);

    await api.stop();

    await refused(api.url);
    assert.equal(groupAlive(api.pid), false);
    assert.equal(existsSync(dirname(api.dataDir)), false, 'the temporary folder is gone');
  });

  test('a data directory it is given is used and kept', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'servers-spec-'));
    try {
      const dataDir = join(parent, 'data');
      const first = await startMockApi({ dataDir, users: [ALICE] });
      const key = await fetchToken(first.url, ALICE);
      await first.stop();
      const files = dataFiles(dataDir);
      assert.ok(existsSync(files.auth) && existsSync(files.polls), 'both files are kept');

      // A second server on the same folder still knows alice, with the same key.
      const second = await startMockApi({ dataDir });
      assert.equal(second.dataDir, dataDir);
      assert.equal(await fetchToken(second.url, ALICE), key);
      await second.stop();
      assert.ok(existsSync(files.auth));
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  test('a port that is taken rejects with the server message', async () => {
    const port = await freePort();
    const holder = await startMockApi({ port });
    try {
      await assert.rejects(
        startMockApi({ port }),
        new RegExp(
          `mock API exited with code 1 before it was ready\\..*\\n.*cannot listen on 127\\.0\\.0\\.1:${port}: the port is already in use`,
          's',
        ),
      );
    } finally {
      await holder.stop();
    }
  });
});

describe('foreground', () => {
  test(
    'a SIGTERM during a start-up step ends that step, and no server starts after it',
    { timeout: 20_000 },
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'foreground-'));
      const port = await freePort();
      const script = join(dir, 'command.ts');
      // A command as npm run drf-server is one: a slow step (a migration), then a server.
      await writeFile(
        script,
        `import { foreground, runCommand, startServer } from ${JSON.stringify(join(__dirname, 'servers.ts'))};
const run = foreground();
(async () => {
  console.log('step');
  await runCommand('sleep', ['30']);
  const server = await startServer({
    name: 'late',
    command: process.execPath,
    args: ['-e', ${JSON.stringify(httpServer(port))}],
    ready: { stdout: /^listening$/ },
    url: 'http://127.0.0.1:${port}',
  });
  console.log('serving');
  await run.watch('command', [server]);
})().catch(async (error) => {
  if (!run.stopping) console.error(String(error));
  await run.shutDown(1);
});
`,
      );
      try {
        const child = spawn(process.execPath, ['--import', 'tsx', script], {
          stdio: ['ignore', 'pipe', 'inherit'],
          detached: true,
        });
        // Whatever the outcome, nothing of the command is left: it leads its own group.
        after(() => {
          try {
            process.kill(-(child.pid ?? 0), 'SIGKILL');
          } catch {
            // Already gone.
          }
        });
        let stdout = '';
        const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
        await new Promise<void>((resolve) =>
          child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
            stdout += chunk;
            if (stdout.includes('step')) resolve();
          }),
        );
        const started = performance.now();
        child.kill('SIGTERM');

        assert.equal(await exited, 143);
        assert.ok(performance.now() - started < 10_000, 'the step was ended, not waited for');
        assert.doesNotMatch(stdout, /serving/);
        await refused(`http://127.0.0.1:${port}/`);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});
