/**
 * `npm start` as a developer meets it when it cannot start: one line that says why and
 * an exit code, and no server left behind. (Starting for real takes ng serve's first
 * build and the fixed ports 3000 and 4200, so the servers.spec harness tests cover that.)
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';

const START = join(__dirname, 'start.ts');

interface Result {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `node --import tsx scripts/start.ts` as `npm start` does. A run that goes on past
 * the timeout gets SIGTERM, so that start.ts still stops whatever it started.
 */
function runStart(args: readonly string[], env: NodeJS.ProcessEnv): Promise<Result> {
  return new Promise((resolveRun) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', START, ...args],
      {
        env: { ...process.env, NO_COLOR: '1', ...env },
        encoding: 'utf8',
        timeout: 30_000,
        killSignal: 'SIGTERM',
      },
      // A non-zero exit code comes as the error's code; a failure to spawn as a string.
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolveRun({ code, stdout, stderr });
      },
    );
  });
}

/** Listens on the port, as another server would; undefined if something already does. */
function hold(port: number, host: string): Promise<Server | undefined> {
  return new Promise((resolveHold, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE' ? resolveHold(undefined) : reject(error),
    );
    server.listen(port, host, () => resolveHold(server));
  });
}

describe('npm start', () => {
  const held: Server[] = [];
  after(() => held.forEach((server) => server.close()));

  test('refuses an argument with one line and exit code 2', async () => {
    const result = await runStart(['--port', '1'], {});
    assert.equal(
      result.stderr,
      'npm start: takes no arguments (got --port 1); the ports are 3000 (mock API) and 4200 (app)\n',
    );
    assert.equal(result.stdout, '');
    assert.equal(result.code, 2);
  });

  test('refuses an AUTH_FLAVOR the app does not know with one line and exit code 1', async () => {
    const result = await runStart([], { AUTH_FLAVOR: 'oauth2' });
    assert.equal(
      result.stderr,
      'npm start: AUTH_FLAVOR must be one of authtoken, djoser, dj-rest-auth, knox (got oauth2)\n',
    );
    assert.equal(result.stdout, '');
    assert.equal(result.code, 1);
  });

  test('names a port that is in use, starts nothing, and exits 1', async () => {
    // Port 4200 (the app's), with API_TARGET set so that 3000 is not checked. If the
    // machine already has 4200 taken, 3000 (the mock API's) instead, which is checked
    // first; it counts as held whoever holds it.
    const app = await hold(4200, 'localhost');
    if (app) held.push(app);
    const api = app ? undefined : await hold(3000, '127.0.0.1');
    if (api) held.push(api);
    const { port, env, who } = app
      ? { port: 4200, env: { API_TARGET: 'http://127.0.0.1:9' }, who: 'npm start or ng serve' }
      : { port: 3000, env: { API_TARGET: undefined }, who: 'npm start or npm run mock-api' };

    const result = await runStart([], env);
    assert.equal(result.stderr, `npm start: port ${port} is in use (is another ${who} running?)\n`);
    // No server printed a line, and no Ready line: nothing was started.
    assert.equal(result.stdout, '');
    assert.equal(result.code, 1);
  });
});
