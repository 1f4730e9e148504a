/**
 * Starts, waits for and stops the servers that the tests, the benchmark and `npm start`
 * run: the mock API, the Angular dev server, and any other (a new server is one more
 * function like `startDevServer`, built on `startServer`).
 *
 * Each server runs in its own process group, so stopping it also stops whatever it
 * spawned (`ng serve` starts esbuild workers, `npx` a grandchild): SIGTERM goes to the
 * whole group, SIGKILL follows if the group has not gone by the deadline, and a process
 * that exits, or dies of Ctrl-C, first kills any group it still owns.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { constants, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { API_PATHS, AUTH_FLAVORS, type AuthFlavor } from '../api/paths';
import type { TokenResponse } from '../api/types';
import { BROWSER_DIR } from './compress';
import {
  DEPLOY_DIR,
  installHint,
  isNginxSafe,
  mainConfig,
  requireNginx,
  siteConfig,
  type Certificate,
} from './nginx';

/** The repository's root folder. */
const ROOT = resolve(__dirname, '..');
const MOCK_API_MAIN = join(ROOT, 'mock-api', 'main.ts');
const NG = join(ROOT, 'node_modules', '@angular', 'cli', 'bin', 'ng.js');

/** How a server shows it is ready: a stdout line, or any HTTP answer on a URL. */
export type Readiness = { readonly stdout: RegExp } | { readonly probe: string };

export interface ServerSpec {
  /** Used in messages: "mock API exited with code 1 before it was ready". */
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  /** Default: the repository root. */
  readonly cwd?: string;
  /** Added to this process's environment. */
  readonly env?: NodeJS.ProcessEnv;
  readonly ready: Readiness;
  /**
   * A line (stdout or stderr) that means the server cannot start, for servers that say so
   * and then hang instead of exiting: the start fails at once instead of at the timeout.
   */
  readonly fatal?: RegExp;
  /** Base URL the server answers on, without a trailing slash. */
  readonly url: string;
  /** How long the server may take to be ready; default 60 s. */
  readonly timeoutMs?: number;
  /** Each line the server writes to stdout or stderr, as it comes. */
  readonly onLine?: (line: string) => void;
  /** How long the group has after SIGTERM before it gets SIGKILL; default 5 s. */
  readonly stopGraceMs?: number;
  /** Runs once the process group is gone, after `stop()` or a failed start. */
  readonly cleanup?: () => Promise<void>;
}

/** How the server's main process ended. */
export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface RunningServer {
  readonly name: string;
  /** Base URL, e.g. http://127.0.0.1:43123 */
  readonly url: string;
  /** Milliseconds from spawn until the server was ready. */
  readonly readyMs: number;
  /** The server's process id, which is also its process group id. */
  readonly pid: number;
  /** Settles when the server's main process ends, whether stopped or not. */
  readonly exited: Promise<Exit>;
  /** Stops the whole process group and runs the cleanup; safe to call more than once. */
  stop(): Promise<void>;
}

/** Login details of a user of the mock API. */
export interface Credentials {
  readonly username: string;
  readonly password: string;
}

/** Lines kept for the message when a server fails to start. */
const TAIL_LINES = 30;
/** How long a killed group may stay listed before its leftovers are taken for zombies. */
const ZOMBIE_WAIT_MS = 2000;

/** Servers this process started and has not stopped yet. */
const running = new Set<RunningServer>();
/** Process groups that may still have members, and folders to delete on exit. */
const groups = new Set<number>();
const tempDirs = new Set<string>();
/** Commands run to completion (a migration, a build step) that have not ended yet. */
const commands = new Set<ChildProcess>();
/**
 * Set once a foreground command begins to shut down: from then on nothing new starts,
 * so a Ctrl-C during a start-up step (a migration, say) is not followed by a server.
 */
let shuttingDown = false;

/** Why a server or command was not started: the foreground command is shutting down. */
class ShuttingDown extends Error {
  constructor(what: string) {
    super(`${what} not started: shutting down`);
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    // ESRCH: no process is left in the group.
    return false;
  }
}

/** Whether any process of the group (a zombie not yet reaped included) is still there. */
export function groupAlive(pgid: number): boolean {
  return signalGroup(pgid, 0);
}

function killEverything(): void {
  groups.forEach((pgid) => signalGroup(pgid, 'SIGKILL'));
  tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
}

// Last resort when this process ends without stopAll() (process.exit, an uncaught
// error): a server in its own group would otherwise outlive it and keep its port.
process.on('exit', killEverything);
// A signal's default action skips the 'exit' event. When nobody else handles it (npm
// start and Playwright do), clean up, then die of the same signal as before.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  const onSignal = () => {
    if (process.listenerCount(signal) > 1) return;
    killEverything();
    process.removeListener(signal, onSignal);
    process.kill(process.pid, signal);
  };
  process.on(signal, onSignal);
}

/** Stops every server this process started; safe to call more than once. */
export async function stopAll(): Promise<void> {
  commands.forEach((child) => child.kill('SIGTERM'));
  await Promise.all([...running].map((server) => server.stop()));
}

/** How a command that runs servers until Ctrl-C ends (`npm start`, `npm run serve:prod`). */
export interface Foreground {
  /** Stops every server once and sets the exit code; later calls do nothing. */
  shutDown(exitCode: number): Promise<void>;
  /** Whether a shutdown has begun: a failed start after one is no error. */
  readonly stopping: boolean;
  /**
   * Resolves once one of `servers` ends. None should end by itself: one that does means
   * the app is not running, so it is named and the rest are stopped, exit code 1.
   */
  watch(command: string, servers: readonly RunningServer[]): Promise<void>;
}

/**
 * Makes this process a foreground command: SIGINT and SIGTERM stop every server and
 * leave 128 + the signal's number as the exit code, the shell's code for that signal.
 */
export function foreground(): Foreground {
  let stopping = false;
  const shutDown = async (exitCode: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    shuttingDown = true;
    process.exitCode = exitCode;
    await stopAll();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => void shutDown(128 + constants.signals[signal]));
  }
  return {
    shutDown,
    get stopping() {
      return stopping;
    },
    async watch(command, servers) {
      const ended = await Promise.race(
        servers.map((server) => server.exited.then((exit) => ({ server, exit }))),
      );
      if (stopping) return;
      const how = ended.exit.signal ?? `code ${ended.exit.code}`;
      console.error(`\n${command}: ${ended.server.name} exited (${how}); stopping the rest.`);
      await shutDown(1);
    },
  };
}

/** Prints a server's output with its name in front, as it comes. */
export function prefixed(name: string): (line: string) => void {
  return (line) => console.log(`[${name}] ${line}`);
}

/** A TCP port that was free a moment ago on `host`. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => (port > 0 ? resolvePort(port) : reject(new Error('no free port'))));
    });
  });
}

/** The last lines a process wrote, for error messages; every line also goes to `onLine`. */
class OutputTail {
  private readonly lines: string[] = [];

  constructor(private readonly onLine?: (line: string) => void) {}

  /** Feeds a stream into the tail; `match` sees each complete line. */
  follow(stream: NodeJS.ReadableStream, match?: (line: string) => void): void {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      lines.forEach((line) => this.add(line, match));
    });
    stream.on('end', () => partial && this.add(partial, match));
  }

  toString(): string {
    return this.lines.join('\n');
  }

  private add(raw: string, match?: (line: string) => void): void {
    const line = raw.replace(/\r$/, '');
    this.lines.push(line);
    if (this.lines.length > TAIL_LINES) this.lines.shift();
    this.onLine?.(line);
    match?.(line);
  }
}

function describeExit({ code, signal }: Exit): string {
  return signal ? `signal ${signal}` : `code ${code}`;
}

/** SIGTERM to the group; SIGKILL when it is still there after the grace period. */
async function stopGroup(pgid: number, exited: Promise<Exit>, graceMs: number): Promise<void> {
  signalGroup(pgid, 'SIGTERM');
  const deadline = performance.now() + graceMs;
  while (groupAlive(pgid) && performance.now() < deadline) await sleep(20);
  if (groupAlive(pgid)) signalGroup(pgid, 'SIGKILL');
  await exited;
  // SIGKILL cannot be ignored, so whatever is still listed a moment later is a zombie that
  // waits for a parent to reap it (a PID 1 that never reaps, in some containers). It holds
  // no port and no CPU; waiting for it would hang the caller for ever.
  const reaped = performance.now() + ZOMBIE_WAIT_MS;
  while (groupAlive(pgid) && performance.now() < reaped) await sleep(20);
}

/** Polls `url` until it answers with any status; stops when `signal` aborts. */
async function probeUntilAnswer(url: string, signal: AbortSignal): Promise<void> {
  const started = performance.now();
  while (!signal.aborted) {
    try {
      const once = AbortSignal.any([signal, AbortSignal.timeout(1000)]);
      // Any answer counts, a redirect too (nginx's plain-HTTP port only redirects).
      const response = await fetch(url, { signal: once, redirect: 'manual' });
      await response.arrayBuffer();
      return;
    } catch {
      // Not listening yet. Poll fast at first, so a ready time stays precise, then ease off.
      await sleep(performance.now() - started < 2000 ? 5 : 100);
    }
  }
}

/**
 * Spawns a server in its own process group and resolves once it is ready. Rejects,
 * with the last lines of its output, if it exits first or is not ready in time; either
 * way nothing of it is left running.
 */
export async function startServer(spec: ServerSpec): Promise<RunningServer> {
  if (shuttingDown) throw new ShuttingDown(spec.name);
  const started = performance.now();
  const child = spawn(spec.command, [...spec.args], {
    cwd: spec.cwd ?? ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: undefined, NO_COLOR: '1', ...spec.env },
  });
  const pid = child.pid;
  if (pid === undefined) {
    const error = await new Promise<Error>((resolveError) => child.once('error', resolveError));
    await spec.cleanup?.();
    throw new Error(`${spec.name} could not be started: ${error.message}`);
  }
  groups.add(pid);
  const exited = new Promise<Exit>((resolveExit) =>
    child.once('exit', (code, signal) => resolveExit({ code, signal })),
  );
  // 'exit' can come before the last output; 'close' comes once the pipes are drained.
  const closed = new Promise<void>((resolveClose) => child.once('close', () => resolveClose()));

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= stopGroup(pid, exited, spec.stopGraceMs ?? 5000)
      .then(() => groups.delete(pid))
      .then(() => spec.cleanup?.())
      .finally(() => running.delete(server)));
  const server = { name: spec.name, url: spec.url, readyMs: 0, pid, exited, stop };
  running.add(server);

  const output = new OutputTail(spec.onLine);
  const abort = new AbortController();
  let sawReadyLine: () => void = () => undefined;
  let sawFatalLine: (line: string) => void = () => undefined;
  const fatal = new Promise<string>((resolveFatal) => (sawFatalLine = resolveFatal));
  const watchFatal = (line: string) => {
    if (spec.fatal?.test(line)) sawFatalLine(line);
  };
  const ready =
    'stdout' in spec.ready
      ? new Promise<void>((resolveReady) => (sawReadyLine = resolveReady))
      : probeUntilAnswer(spec.ready.probe, abort.signal);
  const readyLine = 'stdout' in spec.ready ? spec.ready.stdout : undefined;
  output.follow(child.stdout, (line) => {
    if (readyLine?.test(line)) sawReadyLine();
    watchFatal(line);
  });
  output.follow(child.stderr, watchFatal);

  const timeoutMs = spec.timeoutMs ?? 60_000;
  const failure = await Promise.race([
    ready.then(() => undefined),
    exited.then((exit) => `exited with ${describeExit(exit)} before it was ready`),
    fatal.then((line) => `cannot start: ${line.trim()}`),
    sleep(timeoutMs, undefined, { signal: abort.signal }).then(
      () => `was not ready within ${timeoutMs} ms`,
      () => undefined,
    ),
  ]);
  abort.abort();
  if (failure !== undefined) {
    await stop();
    await closed;
    throw new Error(`${spec.name} ${failure}. Its last output:\n${output}`);
  }
  server.readyMs = performance.now() - started;
  return server;
}

/** How a command that ran to completion ended, and what it wrote. */
export interface ProcessResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** Default: the repository root. */
  readonly cwd?: string;
  /** Added to this process's environment; `undefined` removes a variable. */
  readonly env?: NodeJS.ProcessEnv;
  /** Kills the command (SIGKILL) when it runs longer; default: no limit. */
  readonly timeoutMs?: number;
}

/** Runs a command to completion, whatever its exit code, and resolves what it wrote. */
export function runProcess(
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<ProcessResult> {
  if (shuttingDown) return Promise.reject(new ShuttingDown(command));
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, [...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeoutMs,
      killSignal: 'SIGKILL',
    });
    commands.add(child);
    child.once('close', () => commands.delete(child));
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code, signal) => resolveRun({ code, signal, stdout, stderr }));
  });
}

/** Runs a command to completion and resolves its stdout; rejects with its output on failure. */
export async function runCommand(
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<string> {
  const result = await runProcess(command, args, options);
  if (result.code === 0) return result.stdout;
  throw new Error(
    `${command} ${args.join(' ')} exited with ${describeExit(result)}:\n${result.stdout}${result.stderr}`,
  );
}

/**
 * Node's arguments to run the mock API's CLI with `args`: node with tsx loaded, not the
 * tsx or npx CLI, so that it is one process (stopping it stops the server) and starts
 * faster.
 */
export function mockApiArgs(args: readonly string[]): string[] {
  return ['--import', 'tsx', MOCK_API_MAIN, ...args];
}

/**
 * Runs one mock API command, such as `createuser`, and resolves its stdout; `env` is
 * added to this process's environment (POLLS_PASSWORD, say).
 */
export function mockApiCommand(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<string> {
  return runCommand(process.execPath, mockApiArgs(args), { env });
}

/** The account every fresh copy of the mock API's seed has. */
export const SEED_ADMIN: Credentials = { username: 'admin', password: 'admin' };

/**
 * Logs in as curl would and resolves the user's token; rejects unless the API answers
 * 200. DRF hands every login of a user the same key, so this is also "the current key".
 */
export async function fetchToken(baseUrl: string, user: Credentials = SEED_ADMIN): Promise<string> {
  const response = await fetch(baseUrl + API_PATHS.login, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(user),
  });
  const body = await response.text();
  if (response.status !== 200) {
    throw new Error(`login as ${user.username} answered ${response.status}: ${body}`);
  }
  return (JSON.parse(body) as TokenResponse).token;
}

export interface MockApiOptions {
  /** Served and kept. Absent: a fresh copy of the seed, deleted on stop. */
  readonly dataDir?: string;
  /** Accounts to add (with `createuser`) before serving, besides the seed's admin/admin. */
  readonly users?: readonly Credentials[];
  /** Default: a free port. */
  readonly port?: number;
  /** Default: 127.0.0.1. */
  readonly host?: string;
  /** Log one line per request (to `onLine`); default off. */
  readonly requestLog?: boolean;
  /** Origins allowed by CORS besides localhost's (`--cors-origin`), e.g. https://app.example. */
  readonly corsOrigins?: readonly string[];
  /** The token backend served (`--flavor`): authtoken (the default), djoser, dj-rest-auth, knox. */
  readonly flavor?: string;
  readonly onLine?: (line: string) => void;
  readonly timeoutMs?: number;
}

export interface MockApi extends RunningServer {
  readonly dataDir: string;
}

/**
 * AUTH_FLAVOR, the API's token backend for `npm start` and `npm run serve:prod`: one the
 * app knows, or undefined when unset (the tutorial's authtoken). Throws a one-line error
 * naming the choices otherwise.
 */
export function authFlavorSetting(): AuthFlavor | undefined {
  const value = process.env['AUTH_FLAVOR'];
  if (!value) return undefined;
  const known = AUTH_FLAVORS.find((name) => name === value);
  if (known === undefined) {
    throw new Error(`AUTH_FLAVOR must be one of ${AUTH_FLAVORS.join(', ')} (got ${value})`);
  }
  return known;
}

/** Where `npm start` and `npm run serve:prod` serve the developer's own mock API. */
export const LOCAL_MOCK_API = { host: '127.0.0.1', port: 3000 } as const;

/**
 * The API behind `npm start` and `npm run serve:prod`: `apiTarget` when it names a server,
 * else the mock API on {@link LOCAL_MOCK_API} over `dataDir`, with its request log,
 * serving the token backend `flavor` (default authtoken).
 * Resolves the API's URL and the servers started (none for an `apiTarget`).
 */
export async function startLocalApi(
  apiTarget: string | undefined,
  dataDir: string,
  onLine: (line: string) => void,
  flavor?: string,
): Promise<{ readonly url: string; readonly servers: RunningServer[] }> {
  if (apiTarget) return { url: apiTarget, servers: [] };
  const api = await startMockApi({ ...LOCAL_MOCK_API, dataDir, requestLog: true, onLine, flavor });
  return { url: api.url, servers: [api] };
}

/** Serves the mock API (`mock-api/main.ts serve`); ready when it prints its URL. */
export async function startMockApi(options: MockApiOptions = {}): Promise<MockApi> {
  const host = options.host ?? '127.0.0.1';
  // A folder that does not exist yet, inside a fresh one: the CLI creates it from the seed.
  const parent = options.dataDir ? undefined : await mkdtemp(join(tmpdir(), 'mock-api-'));
  const dataDir = options.dataDir ?? join(parent ?? '', 'data');
  const cleanup = async () => {
    if (!parent) return;
    await rm(parent, { recursive: true, force: true });
    tempDirs.delete(parent);
  };
  if (parent) tempDirs.add(parent);
  try {
    for (const user of options.users ?? []) {
      const { username, password } = user;
      // The password in the environment, never on a command line another user can list.
      await mockApiCommand(['createuser', username, '--data', dataDir], {
        POLLS_PASSWORD: password,
      });
    }
  } catch (error) {
    await cleanup();
    throw error;
  }
  const port = options.port ?? (await freePort(host));
  const url = `http://${host}:${port}`;
  const quiet = options.requestLog ? [] : ['--quiet'];
  const server = await startServer({
    name: 'mock API',
    command: process.execPath,
    args: mockApiArgs([
      'serve',
      '--host',
      host,
      '--port',
      String(port),
      '--data',
      dataDir,
      ...quiet,
      ...(options.corsOrigins ?? []).flatMap((origin) => ['--cors-origin', origin]),
      ...(options.flavor ? ['--flavor', options.flavor] : []),
    ]),
    ready: { stdout: new RegExp(`listening on ${escapeRegExp(url)}\\b`) },
    url,
    timeoutMs: options.timeoutMs,
    onLine: options.onLine,
    cleanup,
  });
  return { ...server, dataDir };
}

// drf-server: the tutorial's Django REST framework server, from Debian's packages.

const DRF_SERVER_DIR = join(ROOT, 'drf-server');
/** Where `npm run drf-server` keeps its database and secret key (git-ignored). */
export const DRF_SERVER_DATA_DIR = join(DRF_SERVER_DIR, 'data');

/** The Debian package behind each Python module that drf-server imports. */
const DRF_SERVER_PACKAGES: Readonly<Record<string, string>> = {
  django: 'python3-django',
  rest_framework: 'python3-djangorestframework',
  corsheaders: 'python3-django-cors-headers',
  drf_spectacular: 'python3-djangorestframework-spectacular',
  gunicorn: 'gunicorn',
};

const DEBIAN_PYTHON = '/usr/bin/python3';

/**
 * The interpreter that runs drf-server: PYTHON, else /usr/bin/python3, the one that
 * sees Debian's packages (a python3 first on PATH, from pyenv say, may not).
 */
export function drfServerPython(): string {
  return process.env['PYTHON'] || DEBIAN_PYTHON;
}

/** Throws the one-line apt-get hint unless `python` can import everything drf-server needs. */
export async function requireDrfServerPackages(python = drfServerPython()): Promise<void> {
  const modules = Object.keys(DRF_SERVER_PACKAGES);
  const script = [
    'import importlib.util',
    `for name in ${JSON.stringify(modules)}:`,
    '    importlib.util.find_spec(name) or print(name)',
  ].join('\n');
  const found = await runProcess(python, ['-c', script]).catch(() => undefined);
  if (found?.code !== 0) {
    const packages = ['python3', ...Object.values(DRF_SERVER_PACKAGES)];
    throw new Error(`${python} cannot be run; ${installHint(packages)}`);
  }
  const missing = found.stdout.split('\n').flatMap((name) => DRF_SERVER_PACKAGES[name] ?? []);
  if (missing.length === 0) return;
  // Debian installs them for its own python3, which another PYTHON may not see.
  const which = python === DEBIAN_PYTHON ? '' : ` (for ${DEBIAN_PYTHON}; PYTHON is ${python})`;
  throw new Error(installHint(missing) + which);
}

/** An account to add to drf-server, besides the seed's admin/admin. */
export interface DrfServerUser extends Credentials {
  /** An inactive user can neither log in nor use its token. */
  readonly inactive?: boolean;
}

/** The misconfigurations drf-server can be started with, and djoser; all off by default. */
export interface DrfServerSwitches {
  /**
   * SessionAuthentication before TokenAuthentication: a missing token is a 403 without
   * a WWW-Authenticate challenge.
   */
  readonly sessionAuthenticationFirst?: boolean;
  /** The keyword TokenAuthentication wants instead of `Token`, such as `Bearer`. */
  readonly tokenKeyword?: string;
  /** AllowAny instead of IsAuthenticated: every endpoint answers without a token. */
  readonly allowAny?: boolean;
  /** No /accounts/logout/ (404): tokens are never revoked. */
  readonly noLogout?: boolean;
  /** CORS_ALLOWED_ORIGINS, besides the local origins that are always allowed. */
  readonly corsOrigins?: readonly string[];
  /** ALLOWED_HOSTS instead of the loopback names and addresses. */
  readonly allowedHosts?: readonly string[];
  /** djoser's token login and logout at /auth/token/, besides the tutorial's own. */
  readonly djoser?: boolean;
}

export interface DrfServerOptions extends DrfServerSwitches {
  /**
   * Served and kept; the seed is loaded when it is new. Absent: a fresh copy of the
   * seed, deleted on stop.
   */
  readonly dataDir?: string;
  /** Restore the seed in `dataDir` first: its users, questions and votes, with new keys. */
  readonly reset?: boolean;
  readonly users?: readonly DrfServerUser[];
  /** Default (and 0): a free port. */
  readonly port?: number;
  /** Default: {@link drfServerPython}. */
  readonly python?: string;
  /**
   * More DRF_SERVER_* variables, applied after the switches: `npm run drf-server` passes
   * on those it was given. Otherwise none is inherited, so a test gets what it asked for.
   */
  readonly env?: NodeJS.ProcessEnv;
  /** Log one line per request (to `onLine`); default off. */
  readonly requestLog?: boolean;
  readonly onLine?: (line: string) => void;
  readonly timeoutMs?: number;
}

export interface DrfServer extends RunningServer {
  readonly dataDir: string;
}

/**
 * The environment drf-server's settings read: this process's DRF_SERVER_* variables
 * cleared, then the switches', then `env`.
 */
function drfServerEnv(options: DrfServerOptions, dataDir: string): NodeJS.ProcessEnv {
  const inherited = Object.keys(process.env).filter((name) => name.startsWith('DRF_SERVER_'));
  const flag = (on: boolean | undefined) => (on ? '1' : undefined);
  const list = (items: readonly string[] | undefined) => items?.join(',');
  return {
    ...Object.fromEntries(inherited.map((name) => [name, undefined])),
    DRF_SERVER_SESSION_AUTH_FIRST: flag(options.sessionAuthenticationFirst),
    DRF_SERVER_TOKEN_KEYWORD: options.tokenKeyword,
    DRF_SERVER_ALLOW_ANY: flag(options.allowAny),
    DRF_SERVER_NO_LOGOUT: flag(options.noLogout),
    DRF_SERVER_CORS_ORIGINS: list(options.corsOrigins),
    DRF_SERVER_ALLOWED_HOSTS: list(options.allowedHosts),
    DRF_SERVER_DJOSER: flag(options.djoser),
    ...options.env,
    DRF_SERVER_DATA_DIR: dataDir,
    // drf-server's own settings, and Debian's packages only, whatever a Django
    // developer's shell exports.
    DJANGO_SETTINGS_MODULE: 'mysite.settings',
    PYTHONPATH: undefined,
    PYTHONHOME: undefined,
    // No __pycache__ folders in the checkout; output as it comes.
    PYTHONDONTWRITEBYTECODE: '1',
    PYTHONUNBUFFERED: '1',
  };
}

/**
 * Runs `manage.py args` on drf-server's data in `dataDir` and resolves its stdout.
 * Rejects with the line that says why first (a failed system check, or the last line
 * of a traceback), then the whole output.
 */
export async function drfServerManage(
  args: readonly string[],
  dataDir: string,
  options: Pick<DrfServerOptions, 'python' | 'env'> & DrfServerSwitches = {},
): Promise<string> {
  const python = options.python ?? drfServerPython();
  const result = await runProcess(python, ['manage.py', ...args], {
    cwd: DRF_SERVER_DIR,
    env: drfServerEnv(options, dataDir),
  });
  if (result.code === 0) return result.stdout;
  const lines = result.stderr.split('\n').filter((line) => line.trim() !== '');
  const why = lines.find((line) => /\(\w+\.E\d+\)/.test(line)) ?? lines.at(-1) ?? '';
  // A system check's line starts with the object it is about, "?:" for the settings.
  const reason = why.trim().replace(/^\?: /, '');
  throw new Error(`manage.py ${args[0]} failed: ${reason}\n${result.stdout}${result.stderr}`);
}

/**
 * `given`, kept; or else a folder that does not exist yet, inside a fresh temporary one
 * that `cleanup` removes (the server creates it from its seed).
 */
async function dataDirFor(
  given: string | undefined,
  prefix: string,
): Promise<{ readonly dataDir: string; readonly cleanup: () => Promise<void> }> {
  if (given) return { dataDir: given, cleanup: async () => undefined };
  const parent = await mkdtemp(join(tmpdir(), prefix));
  tempDirs.add(parent);
  return {
    dataDir: join(parent, 'data'),
    cleanup: async () => {
      await rm(parent, { recursive: true, force: true });
      tempDirs.delete(parent);
    },
  };
}

/**
 * drf-server under Debian's gunicorn on 127.0.0.1: migrates its database, loads the seed
 * into a new one (or restores it, with `reset`), adds `users`, and serves. Ready when it
 * says so, which it does once the app is loaded and the port is open.
 */
export async function startDrfServer(options: DrfServerOptions = {}): Promise<DrfServer> {
  const python = options.python ?? drfServerPython();
  await requireDrfServerPackages(python);
  const { dataDir, cleanup } = await dataDirFor(options.dataDir, 'drf-server-');
  const manage = (args: readonly string[]) =>
    drfServerManage(args, dataDir, { ...options, python });
  try {
    await manage(['migrate', '--no-input']);
    await manage(['seed', ...(options.reset ? ['--reset'] : [])]);
    for (const user of options.users ?? []) {
      const inactive = user.inactive ? ['--inactive'] : [];
      // The password in the environment, never on a command line another user can list.
      await drfServerManage(['createuser', user.username, ...inactive], dataDir, {
        ...options,
        python,
        env: { ...options.env, POLLS_PASSWORD: user.password },
      });
    }
  } catch (error) {
    await cleanup();
    throw error;
  }
  const port = options.port || (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const accessLog = options.requestLog ? ['--access-logfile', '-'] : [];
  const server = await startServer({
    name: 'drf-server',
    command: python,
    // drf-server/gunicorn.conf.py holds the rest: one worker, threads, its ready line.
    args: [
      '-m',
      'gunicorn',
      '-c',
      'gunicorn.conf.py',
      '--bind',
      `127.0.0.1:${port}`,
      ...accessLog,
      'mysite.wsgi',
    ],
    cwd: DRF_SERVER_DIR,
    env: drfServerEnv(options, dataDir),
    // Printed once the app is loaded and the port is open.
    ready: { stdout: new RegExp(`^drf-server listening on ${escapeRegExp(url)} `) },
    // gunicorn retries a port in use for five seconds before it gives up.
    fatal: /Connection in use/,
    url,
    timeoutMs: options.timeoutMs,
    onLine: options.onLine,
    cleanup,
  });
  return { ...server, dataDir };
}

export interface DevServerOptions {
  /** Where the dev server's proxy sends /accounts/ and /polls/api/. */
  readonly apiTarget: string;
  /** Default: a free port. */
  readonly port?: number;
  /** Reload the browser on a source change; default off (tests want a page that stays). */
  readonly liveReload?: boolean;
  readonly onLine?: (line: string) => void;
  /** Default 180 s: the first build takes a while on a small machine. */
  readonly timeoutMs?: number;
}

/** `ng serve` on localhost; ready when the page answers. */
export async function startDevServer(options: DevServerOptions): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const url = `http://localhost:${port}`;
  const reload = options.liveReload ? [] : ['--no-hmr', '--no-live-reload'];
  return startServer({
    name: 'ng serve',
    command: process.execPath,
    args: [NG, 'serve', '--port', String(port), '--host', 'localhost', ...reload],
    env: { API_TARGET: options.apiTarget, NG_CLI_ANALYTICS: 'false' },
    ready: { probe: `${url}/` },
    // ng serve reports a taken port, then keeps running without listening.
    fatal: /Port \d+ is already in use/,
    url,
    timeoutMs: options.timeoutMs ?? 180_000,
    onLine: options.onLine,
  });
}

/** Whether this machine can listen on ::1 (a container may have no IPv6 at all). */
export function hasIpv6Loopback(): Promise<boolean> {
  return freePort('::1').then(
    () => true,
    () => false,
  );
}

/**
 * Where the app's API calls go: to the site's own /accounts/ and /polls/api/, which nginx
 * proxies to `apiTarget` (e.g. http://127.0.0.1:3000); or straight to `apiOrigin`, the
 * API's own origin, which the runtime config and the CSP name, and nothing is proxied.
 */
export type NginxApi =
  | { readonly apiTarget: string; readonly apiOrigin?: undefined }
  | { readonly apiOrigin: string; readonly apiTarget?: undefined };

export type NginxOptions = NginxApi & {
  readonly certificate: Certificate;
  /** Default: free ports. */
  readonly httpsPort?: number;
  readonly httpPort?: number;
  /** The built app; default the build's browser folder. */
  readonly root?: string;
  /** The API's token backend for the app's runtime config; default authtoken. */
  readonly authFlavor?: string;
  readonly onLine?: (line: string) => void;
};

export interface Nginx extends RunningServer {
  /** The plain-HTTP base URL, which redirects to `url`. */
  readonly httpUrl: string;
  /** The folder whose .well-known/acme-challenge/ the plain-HTTP port serves. */
  readonly acmeRoot: string;
}

/**
 * Debian's nginx in the foreground, running deploy/nginx.conf with this run's values on
 * its per-site lines, from a fresh folder deleted on stop; `url` is https://localhost:PORT.
 * Ready when the plain-HTTP port answers (nginx opens all its ports before it serves).
 */
export async function startNginx(options: NginxOptions): Promise<Nginx> {
  const nginx = requireNginx();
  const httpsPort = options.httpsPort ?? (await freePort());
  const httpPort = options.httpPort ?? (await freePort());
  const url = `https://localhost:${httpsPort}`;
  const httpUrl = `http://localhost:${httpPort}`;
  const ipv6 = await hasIpv6Loopback();
  const prefix = await mkdtemp(join(tmpdir(), 'nginx-'));
  tempDirs.add(prefix);
  const acmeRoot = join(prefix, 'acme');
  const cleanup = async () => {
    await rm(prefix, { recursive: true, force: true });
    tempDirs.delete(prefix);
  };
  try {
    // The workers, if nginx drops to another user, create their temp folders in it.
    await chmod(prefix, 0o755);
    await mkdir(join(prefix, 'snippets'));
    await mkdir(join(acmeRoot, '.well-known', 'acme-challenge'), { recursive: true });
    for (const snippet of ['security-headers.conf', 'tls.conf', 'api-proxy.conf']) {
      await copyFile(join(DEPLOY_DIR, snippet), join(prefix, 'snippets', snippet));
    }
    const template = await readFile(join(DEPLOY_DIR, 'nginx.conf'), 'utf8');
    const proxied = options.apiTarget !== undefined;
    if (options.apiOrigin !== undefined && !isNginxSafe(options.apiOrigin)) {
      throw new Error(
        `startNginx: apiOrigin ${options.apiOrigin} cannot be written into nginx's config`,
      );
    }
    if (options.authFlavor !== undefined && !isNginxSafe(options.authFlavor)) {
      throw new Error(
        `startNginx: authFlavor ${options.authFlavor} cannot be written into nginx's config`,
      );
    }
    const site = siteConfig(template, {
      upstream: proxied ? new URL(options.apiTarget).host : undefined,
      api_proxy: proxied ? 'snippets/api-proxy.conf' : null,
      api_origin: options.apiOrigin ?? '',
      auth_flavor: options.authFlavor,
      http_listen: `127.0.0.1:${httpPort}`,
      redirect: url,
      https_listen: `127.0.0.1:${httpsPort}`,
      // The same ports on IPv6 loopback, where the machine has it.
      http_listen6: ipv6 ? `[::1]:${httpPort}` : null,
      https_listen6: ipv6 ? `[::1]:${httpsPort}` : null,
      https_default: `127.0.0.1:${httpsPort}`,
      https_default6: ipv6 ? `[::1]:${httpsPort}` : null,
      acme_root: acmeRoot,
      server_name: 'localhost',
      ssl_certificate: options.certificate.cert,
      ssl_certificate_key: options.certificate.key,
      root: options.root ?? BROWSER_DIR,
    });
    await writeFile(join(prefix, 'site.conf'), site);
    await writeFile(join(prefix, 'nginx.conf'), mainConfig(prefix));
  } catch (error) {
    await cleanup();
    throw error;
  }
  const server = await startServer({
    name: 'nginx',
    command: nginx,
    args: ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', 'stderr', '-g', 'daemon off;'],
    ready: { probe: `http://127.0.0.1:${httpPort}/` },
    fatal: /\[emerg\]/,
    url,
    timeoutMs: 20_000,
    onLine: options.onLine,
    cleanup,
  });
  return { ...server, httpUrl, acmeRoot };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
