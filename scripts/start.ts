/**
 * `npm start`: the mock API on 127.0.0.1:3000, on the developer's data in mock-api/data/,
 * and `ng serve` on :4200, whose proxy forwards /accounts/ and /polls/api/ to API_TARGET.
 * With API_TARGET set (a real DRF server, say) only the app starts. If either process
 * ends, the other is stopped and the exit code is non-zero; Ctrl-C or SIGTERM stops both.
 */
import { DEFAULT_DATA_DIR } from '../mock-api/data-dir';
import { startDevServer, startMockApi, stopAll, type RunningServer } from './servers';

const API_PORT = 3000;
const APP_PORT = 4200;

let stopping = false;

/** Stops every server once, whatever asked first: a signal, a server that died, a failed start. */
async function shutDown(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  process.exitCode = exitCode;
  await stopAll();
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void shutDown(0));
}

/** Prints a server's output with its name in front, as it comes. */
function prefixed(name: string): (line: string) => void {
  return (line) => console.log(`[${name}] ${line}`);
}

async function main(): Promise<void> {
  const externalTarget = process.env['API_TARGET'];
  const servers: RunningServer[] = [];
  if (!externalTarget) {
    servers.push(
      await startMockApi({
        port: API_PORT,
        dataDir: DEFAULT_DATA_DIR,
        requestLog: true,
        onLine: prefixed('api'),
      }),
    );
  }
  const target = externalTarget || servers[0]?.url || '';
  const app = await startDevServer({
    apiTarget: target,
    port: APP_PORT,
    liveReload: true,
    onLine: prefixed('app'),
  });
  servers.push(app);

  const api = externalTarget ? `API_TARGET ${target}` : `mock API ${target}`;
  console.log(`\n  Ready: open ${app.url} and log in as admin / admin  (${api}; Ctrl-C stops)\n`);

  // Neither server should end by itself: one that does means the app is not running.
  const ended = await Promise.race(
    servers.map((server) => server.exited.then((exit) => ({ server, exit }))),
  );
  if (stopping) return;
  const how = ended.exit.signal ?? `code ${ended.exit.code}`;
  console.error(`\n${ended.server.name} exited (${how}); stopping the rest.`);
  await shutDown(1);
}

main().catch(async (error: unknown) => {
  // A start that fails because Ctrl-C stopped it is no error.
  if (!stopping) console.error(error instanceof Error ? error.message : String(error));
  await shutDown(1);
});
