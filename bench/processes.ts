import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { since } from './stats';

/** A server process the benchmark started, and how long it took to accept requests. */
export interface RunningServer {
  readonly name: string;
  /** Base URL, e.g. http://127.0.0.1:43123 */
  readonly url: string;
  /** Milliseconds from spawn until the server was ready. */
  readonly readyMs: number;
  stop(): Promise<void>;
}

export interface ServerCommand {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  /**
   * How readiness shows: a stdout line with the URL (the mock API prints one), or an
   * HTTP answer on `probe` (for servers kept quiet so that logging does not slow them).
   */
  readonly ready: { readonly stdout: RegExp } | { readonly probe: string };
  readonly url: string;
  readonly timeoutMs?: number;
}

/** Servers still running, so that a failure or Ctrl-C never leaves one behind. */
const running = new Set<RunningServer>();
const children = new Set<ChildProcess>();

// Last resort when the process exits without stopAll() (process.exit elsewhere): an
// orphaned server would keep its port and its CPU.
process.on('exit', () => children.forEach((child) => child.kill('SIGKILL')));

/** Stops every server this process started; safe to call more than once. */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((server) => server.stop()));
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** Spawns a server and resolves once it is ready; rejects with its output if it exits or hangs. */
export async function startServer(spec: ServerCommand): Promise<RunningServer> {
  const started = performance.now();
  const child = spawn(spec.command, [...spec.args], {
    cwd: spec.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  children.add(child);
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  void exited.then(() => children.delete(child));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const server: RunningServer = {
    name: spec.name,
    url: spec.url,
    readyMs: 0,
    stop: () => stopChild(child, exited).finally(() => running.delete(server)),
  };
  running.add(server);

  const deadline = started + (spec.timeoutMs ?? 60_000);
  const failure = (why: string) =>
    new Error(`${spec.name} ${why}:\n${output.trim().split('\n').slice(-20).join('\n')}`);
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code ?? -1));
  for (;;) {
    if (exitCode !== undefined) {
      running.delete(server);
      throw failure(`exited with ${exitCode} before it was ready`);
    }
    if ('stdout' in spec.ready ? spec.ready.stdout.test(output) : await answers(spec.ready.probe))
      break;
    if (performance.now() > deadline) {
      await server.stop();
      throw failure('was not ready in time');
    }
    // Polling every few ms keeps the ready time precise enough for a load-time figure.
    await sleep(5);
  }
  return { ...server, readyMs: since(started) };
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await response.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

async function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** Runs a command to completion and returns its stdout; throws with its output on failure. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve(stdout);
      else
        reject(
          new Error(`${command} ${args.join(' ')} exited with ${code}:\n${stdout}${stderr}`.trim()),
        );
    });
  });
}
