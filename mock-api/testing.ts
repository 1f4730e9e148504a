import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_PATHS } from '../api/paths';
import { MOCK_API_DIR } from './data-dir';
import { startServer, type RunningServer, type ServerOptions } from './server';

/** Helpers shared by the specs: a real server on a free port over a throwaway data dir. */

export async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'mock-api-test-'));
}

export interface TestServer extends RunningServer {
  readonly dataDir: string;
  /** Lines the request log wrote. */
  readonly logLines: string[];
  /** Lines reported as unexpected errors (a test expects none). */
  readonly reports: string[];
  /** Stops the server and deletes its data directory. */
  stop(): Promise<void>;
}

/** Starts the app in-process on port 0 with a data dir created from the seed. */
export async function startTestServer(
  options: Partial<ServerOptions> & { dataDir?: string } = {},
): Promise<TestServer> {
  const parent = options.dataDir ? null : await tempDir();
  const dataDir = options.dataDir ?? join(parent ?? '', 'data');
  const logLines: string[] = [];
  const reports: string[] = [];
  const running = await startServer({
    port: 0,
    log: (line) => logLines.push(line),
    report: (message) => reports.push(message),
    ...options,
    dataDir,
  });
  return {
    ...running,
    dataDir,
    logLines,
    reports,
    stop: async () => {
      await running.close();
      if (parent) await rm(parent, { recursive: true, force: true });
    },
  };
}

/** POSTs credentials as JSON and returns the response. */
export function login(url: string, username = 'admin', password = 'admin'): Promise<Response> {
  return fetch(`${url}${API_PATHS.login}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
}

/** Logs in and returns the key; fails the test when the login fails. */
export async function tokenFor(url: string, username = 'admin', password = 'admin') {
  const response = await login(url, username, password);
  const body = (await response.json()) as { token?: string };
  if (response.status !== 200 || !body.token) {
    throw new Error(`login as ${username} failed: ${response.status} ${JSON.stringify(body)}`);
  }
  return body.token;
}

/**
 * A spec file's server with the seed's admin logged in:
 * `before(async () => ({ api, token } = await startWithToken()))`.
 */
export async function startWithToken(
  options: Partial<ServerOptions> = {},
): Promise<{ api: TestServer; token: string }> {
  const api = await startTestServer(options);
  try {
    return { api, token: await tokenFor(api.url) };
  } catch (e) {
    await api.stop();
    throw e;
  }
}

export function auth(token: string): Record<string, string> {
  return { Authorization: `Token ${token}` };
}

/** Status, exact body text and the headers a DRF client looks at. */
export async function answer(response: Response) {
  return {
    status: response.status,
    body: await response.text(),
    contentType: response.headers.get('content-type'),
    allow: response.headers.get('allow'),
    wwwAuthenticate: response.headers.get('www-authenticate'),
  };
}

export interface RawAnswer {
  /** Everything the server sent, read as Latin-1. */
  readonly text: string;
  readonly status: number;
  /** The status line and the header lines. */
  readonly head: string;
  readonly body: string;
}

/**
 * Sends raw bytes (requests fetch would refuse to send) and reads until the server
 * closes, which it does after one answer to `Connection: close` or HTTP/1.0. The socket
 * stays open for writing as a real client's does: a half-closed one may lose the answer.
 */
export function rawRequest(url: string, bytes: Buffer | string): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    socket.setTimeout(10_000, () => socket.destroy(new Error('the server did not close')));
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    socket.on('end', () => {
      const split = text.indexOf('\r\n\r\n');
      const head = split < 0 ? text : text.slice(0, split);
      const body = split < 0 ? '' : text.slice(split + 4);
      resolve({ text, status: Number(head.split(' ')[1]), head, body });
    });
    socket.on('error', reject);
  });
}

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `mock-api/main.ts` the way `npm run mock-api` does, in its own Node process. */
export function runCli(args: readonly string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(MOCK_API_DIR, 'main.ts'), ...args],
      { cwd: join(MOCK_API_DIR, '..'), encoding: 'utf8', timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
