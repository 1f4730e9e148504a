import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_PATHS } from '../api/paths';
import { fetchToken, mockApiArgs, runProcess, type Credentials } from '../scripts/servers';
import { listenMockApi, type ListeningServer, type ServerOptions } from './server';

/** Helpers shared by the specs: a real server on a free port over a throwaway data dir. */

export async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'mock-api-test-'));
}

export interface TestServer extends ListeningServer {
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
  const running = await listenMockApi({
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

/**
 * POSTs credentials as JSON and returns the whole response, for the logins a spec
 * expects to fail; `fetchToken` (scripts/servers.ts) is the one that must succeed.
 */
export function login(url: string, user: Credentials): Promise<Response> {
  return fetch(`${url}${API_PATHS.login}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(user),
  });
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
    return { api, token: await fetchToken(api.url) };
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
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI to completion in its own Node process; a run that hangs is killed after 30 s. */
export async function runCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<CliResult> {
  const { code, stdout, stderr } = await runProcess(process.execPath, mockApiArgs(args), {
    timeoutMs: 30_000,
    // Without a POLLS_PASSWORD the developer may have set, unless the test gives one.
    env: { POLLS_PASSWORD: undefined, ...env },
  });
  return { code, stdout, stderr };
}
