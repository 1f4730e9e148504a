/**
 * Starts the mock API's own CLI (`mock-api/main.ts serve`) as a child process on a free
 * port with a throwaway data directory, for the tests of the clients that live outside
 * the app: the Postman collection, the command-line client and the README's curl
 * examples. Going through the CLI, not an in-process import, means these tests see the
 * server exactly as a developer who runs `npm run mock-api` does.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '..');
const MAIN = join(ROOT, 'mock-api', 'main.ts');
const HOST = '127.0.0.1';

/** A running mock API; `stop()` ends it and deletes its data. */
export interface MockApi {
  /** `http://127.0.0.1:PORT`, without a trailing slash. */
  readonly url: string;
  readonly dataDir: string;
  stop(): Promise<void>;
}

/** A port nothing listens on right now (the OS picks it, then it is released). */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('no TCP port was assigned'));
        return;
      }
      server.close(() => resolvePort(address.port));
    });
  });
}

/** Node with tsx loaded: one process per command, so killing it leaves no grandchild behind. */
function nodeArgs(args: readonly string[]): string[] {
  return ['--import', 'tsx', MAIN, ...args];
}

/** Runs a one-shot mock API command such as `createuser` and returns its stdout. */
export async function mockApiCommand(args: readonly string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, nodeArgs(args), {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return stdout;
}

export interface StartOptions {
  /** Accounts to add to the seed's admin/admin with `createuser`, before serving. */
  readonly users?: readonly { readonly username: string; readonly password: string }[];
  readonly timeoutMs?: number;
}

/**
 * Serves a fresh copy of the seed. Resolves once the server prints its URL; rejects,
 * with the server's stderr, if it exits first or is not up within `timeoutMs`.
 */
export async function startMockApi(options: StartOptions = {}): Promise<MockApi> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const parent = await mkdtemp(join(tmpdir(), 'polls-clients-'));
  // A directory that does not exist yet, so the CLI creates it from the seed.
  const dataDir = join(parent, 'data');
  try {
    for (const user of options.users ?? []) {
      await mockApiCommand([
        'createuser',
        user.username,
        '--password',
        user.password,
        '--data',
        dataDir,
      ]);
    }
  } catch (error) {
    await rm(parent, { recursive: true, force: true });
    throw error;
  }
  const port = await freePort();
  const url = `http://${HOST}:${port}`;
  const child = spawn(
    process.execPath,
    nodeArgs(['serve', '--host', HOST, '--port', String(port), '--data', dataDir, '--quiet']),
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    await rm(parent, { recursive: true, force: true });
  };

  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });
  try {
    await new Promise<void>((ready, fail) => {
      const timer = setTimeout(
        () => fail(new Error(`the mock API did not report ${url} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk;
        if (stdout.includes(url)) {
          clearTimeout(timer);
          ready();
        }
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        fail(error);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        fail(new Error(`the mock API exited (${code ?? signal}) before listening`));
      });
    });
  } catch (error) {
    await stop();
    const reason = error instanceof Error ? error.message : String(error);
    const detail = stderr.trim() ? `\n${stderr.trim()}` : '';
    throw new Error(`Cannot start the mock API: ${reason}${detail}`);
  }
  return { url, dataDir, stop };
}
