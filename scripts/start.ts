/**
 * `npm start`: the mock API on 127.0.0.1:3000 plus `ng serve` on :4200, whose proxy
 * forwards /accounts/ and /polls/api/ to API_TARGET. With API_TARGET set (a real DRF
 * server, say) only the app starts. If either process ends, the other is stopped and
 * the exit code is non-zero; Ctrl-C stops both.
 */
import concurrently, { type ConcurrentlyCommandInput } from 'concurrently';
import waitOn from 'wait-on';

const MOCK_API = 'http://127.0.0.1:3000';
const APP = 'http://localhost:4200';
const externalTarget = process.env['API_TARGET'];
const target = externalTarget || MOCK_API;

const commands: ConcurrentlyCommandInput[] = [];
if (!externalTarget) {
  commands.push({
    name: 'api',
    command: 'tsx mock-api/main.ts serve --host 127.0.0.1 --port 3000',
    prefixColor: 'cyan',
  });
}
commands.push({
  name: 'app',
  command: 'ng serve --port 4200 --host localhost',
  env: { API_TARGET: target, NG_CLI_ANALYTICS: 'false' },
  prefixColor: 'magenta',
});

const { result, commands: running } = concurrently(commands, {
  killOthersOn: ['failure', 'success'],
  prefix: 'name',
  handleInput: false,
});

const resources = [`http-get://localhost:4200/`];
if (!externalTarget) resources.push('tcp:127.0.0.1:3000');

waitOn({ resources, timeout: 180_000, interval: 500 })
  .then(() => {
    const api = externalTarget ? `API_TARGET ${target}` : `mock API ${MOCK_API}`;
    console.log(`\n  Ready: open ${APP} and log in as admin / admin  (${api}; Ctrl-C stops)\n`);
  })
  // A process that dies first is reported by concurrently; nothing to add here.
  .catch(() => undefined);

result.then(
  // Neither process should end by itself: one that does means the app is not running.
  () => {
    process.exitCode = 1;
  },
  () => {
    process.exitCode = 1;
  },
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => running.forEach((command) => command.kill(signal)));
}
