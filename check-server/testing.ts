/**
 * What the check-server specs share: the command run as a user runs it, small HTTP
 * servers that give one wrong answer each, and a proxy that drops the Authorization
 * header on the way, as Apache's mod_wsgi does without `WSGIPassAuthorization On`.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { runProcess, type ProcessResult } from '../scripts/servers';

const MAIN = join(__dirname, 'main.ts');

/** `npm run check-server -- ARGS`, without a POLLS_PASSWORD the developer may have set. */
export function runCheckServer(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<ProcessResult> {
  return runProcess(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    env: { POLLS_PASSWORD: undefined, ...env },
    // Past every per-request limit of 10 s: a hung command fails its test, not the run.
    timeoutMs: 60_000,
  });
}

/** `--base-url URL --username NAME --password PW`. */
export function loginArgs(url: string, user: { username: string; password: string }): string[] {
  return ['--base-url', url, '--username', user.username, '--password', user.password];
}

/** The line a check printed (`✗ logout: ...`), or undefined. */
export function checkLine(stdout: string, title: string): string | undefined {
  return stdout
    .split('\n')
    .find((line) => /^[✓✗!-] /.test(line) && line.slice(2).startsWith(`${title}: `));
}

/** The marks of the check lines, in order: `['✓', '✓', '✗', ...]`. */
export function marks(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => /^[✓✗!-] /.test(line))
    .map((line) => line.charAt(0));
}

/** Any key of 40 hex (DRF's) or 64 (knox's) in the output: none may be printed. */
export const TOKEN_SHAPE = /\b(?:[0-9a-f]{40}|[0-9a-f]{64})\b/;

export interface TestServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  close(): Promise<void>;
}

/** A node:http server on a free loopback port, in this process. */
export async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<TestServer> {
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** An answer of a fake server. */
export interface FakeAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as JSON, or as it is when a string. */
  readonly body?: unknown;
}

/** Django's page for a URL it does not know, with DEBUG off. */
export const DJANGO_404: FakeAnswer = {
  status: 404,
  headers: { 'Content-Type': 'text/html' },
  body: '<!doctype html><title>Not Found</title><h1>Not Found</h1>',
};

/** A request as a fake server's route sees it. */
export interface FakeRequest {
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export type FakeRoute = FakeAnswer | ((request: FakeRequest) => FakeAnswer);

/**
 * A server that answers `METHOD /path` from `routes`, once it has read the request's
 * body, and anything else with Django's 404 page.
 */
export function fakeServer(routes: Readonly<Record<string, FakeRoute>>): Promise<TestServer> {
  return listen((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const route = routes[`${req.method} ${req.url}`] ?? DJANGO_404;
      const answer = typeof route === 'function' ? route({ headers: req.headers, body }) : route;
      const text =
        answer.body === undefined
          ? ''
          : typeof answer.body === 'string'
            ? answer.body
            : JSON.stringify(answer.body);
      const type = typeof answer.body === 'string' ? {} : { 'Content-Type': 'application/json' };
      res.writeHead(answer.status, { ...type, ...answer.headers });
      res.end(text);
    });
  });
}

/** Forwards every request to `target` without its Authorization header. */
export function authorizationDroppingProxy(target: string): Promise<TestServer> {
  const upstream = new URL(target);
  return listen((req, res) => {
    const headers = { ...req.headers, host: upstream.host };
    delete headers.authorization;
    const forwarded = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forwarded.on('error', () => res.writeHead(502).end());
    req.pipe(forwarded);
  });
}
