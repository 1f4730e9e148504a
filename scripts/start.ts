/**
 * `npm start`: the mock API on 127.0.0.1:3000, on the developer's data in mock-api/data/,
 * and `ng serve` on :4200, whose proxy forwards /accounts/ and /polls/api/ to API_TARGET.
 * With API_TARGET set (a real DRF server, say) only the app starts. API_ORIGIN sends the
 * app's API calls straight to that origin instead (src/proxy.conf.mjs tells the app).
 * AUTH_FLAVOR picks the API's token backend: the app uses its paths, and the mock serves it.
 *
 * It takes no arguments, and starts nothing unless its ports are free. Exit codes: 2 for
 * an argument, 1 for a port in use, a failed start, or a server that ended by itself (the
 * other is stopped first); after Ctrl-C or SIGTERM both are stopped and the exit code is
 * the shell's for death by that signal, 128 + its number.
 */
import { createServer } from 'node:net';
import { DEFAULT_DATA_DIR } from '../mock-api/data-dir';
import {
  LOCAL_MOCK_API,
  authFlavorSetting,
  foreground,
  prefixed,
  startDevServer,
  startLocalApi,
} from './servers';

const { port: API_PORT, host: API_HOST } = LOCAL_MOCK_API;
const APP_PORT = 4200;
/** `ng serve --host localhost` checks its port on this name, so the check here does too. */
const APP_HOST = 'localhost';

const run = foreground();

/** A mistake the user can fix: printed as one line, then the process exits with `exitCode`. */
class StartError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** Whether something already listens on the port: another server would fail to start there. */
function portInUse(port: number, host: string): Promise<boolean> {
  return new Promise((resolveInUse, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE' ? resolveInUse(true) : reject(error),
    );
    probe.listen(port, host, () => probe.close(() => resolveInUse(false)));
  });
}

async function checkPorts(mockApi: boolean): Promise<void> {
  const ports = [
    ...(mockApi ? [{ port: API_PORT, host: API_HOST, who: 'npm start or npm run mock-api' }] : []),
    { port: APP_PORT, host: APP_HOST, who: 'npm start or ng serve' },
  ];
  for (const { port, host, who } of ports) {
    if (await portInUse(port, host)) {
      throw new StartError(`port ${port} is in use (is another ${who} running?)`, 1);
    }
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.length > 0) {
    throw new StartError(
      `takes no arguments (got ${args.join(' ')}); the ports are ${API_PORT} (mock API) and ${APP_PORT} (app)`,
      2,
    );
  }
  const externalTarget = process.env['API_TARGET'];
  // The dev server tells the app the flavour (src/proxy.conf.mjs); the mock serves it.
  const flavor = authFlavorSetting();
  await checkPorts(!externalTarget);
  const { url: target, servers } = await startLocalApi(
    externalTarget,
    DEFAULT_DATA_DIR,
    prefixed('api'),
    flavor,
  );
  const app = await startDevServer({
    apiTarget: target,
    port: APP_PORT,
    liveReload: true,
    onLine: prefixed('app'),
  });
  servers.push(app);

  const api = externalTarget ? `API_TARGET ${target}` : `mock API ${target}`;
  console.log(`\n  Ready: open ${app.url} and log in as admin / admin  (${api}; Ctrl-C stops)\n`);

  await run.watch('npm start', servers);
}

/**
 * The error as one line. A server that failed to start has had its output streamed
 * above already, and the harness's message repeats the last of it after its first
 * sentence, so only that sentence is kept.
 */
function oneLine(error: unknown): string {
  if (error instanceof StartError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0].split(/\.\s/)[0];
}

main().catch(async (error: unknown) => {
  // A start that fails because Ctrl-C stopped it is no error.
  if (!run.stopping) console.error(`npm start: ${oneLine(error)}`);
  await run.shutDown(error instanceof StartError ? error.exitCode : 1);
});
