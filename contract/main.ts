/**
 * `npm run test:contract`: runs the contract suite (contract.spec.ts) against a fresh mock
 * API and a fresh drf-server, each from the seed, one after the other, with the spec of
 * this command line; `-- --base-url URL` runs it against that server instead, which must hold the seed
 * (admin/admin and the seed's questions). Prints the spec reporter's output and writes
 * test-reports/contract.xml; exits 0 when every case passed, 1 otherwise, 2 for bad
 * arguments.
 *
 * `--mock` expects the mock's side of each listed difference, `--no-login-throttle` a
 * server without the failed-login throttle, `--flavor` a server with that token backend
 * (its cases, contract/flavors.ts, run instead of the tutorial's). The plain run also runs
 * each backend's cases against a fresh mock API serving it. Against a server of your own, the suite logs
 * admin out (every session of admin ends), adds votes to questions 1 and 2, fails admin's
 * login twice, and locks made-up usernames for a minute; contract/README.md says what
 * the server must satisfy.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AUTH_FLAVORS, FLAVOR_PATHS, type AuthFlavor } from '../api/paths';
import { startDrfServer, startMockApi, stopAll, type RunningServer } from '../scripts/servers';
import { send } from './http';
import { TARGETS_ENV, type Target } from './server-under-test';

const ROOT = resolve(__dirname, '..');
const SUITE = join(__dirname, 'contract.spec.ts');
/** The spec of this command line, which the plain run (the one npm test makes) adds. */
const OWN_SPEC = join(__dirname, 'main.spec.ts');
const REPORTS = join(ROOT, 'test-reports');

const USAGE =
  'usage: npm run test:contract [-- --base-url http(s)://host[:port][/prefix] [--mock] [--no-login-throttle] [--flavor authtoken|djoser|dj-rest-auth|knox]]';

const HELP = [
  USAGE,
  '',
  'With no options: starts a fresh mock API and drf-server (and one per token backend) from the',
  'seed, and runs every case against each.',
  '',
  '--base-url URL       run the cases against the server at URL (it must hold the seed)',
  '--mock               the server at --base-url is the mock API: expect its listed differences',
  '--no-login-throttle  the server has no failed-login throttle: every failed login is a 400',
  "--flavor NAME        the server's token backend: authtoken (default), djoser, dj-rest-auth, knox",
  '-h, --help           show this text',
].join('\n');

/** A mistake on the command line: one line, exit code 2, and nothing started. */
class UsageError extends Error {}

interface Options {
  /** The one server to test; absent: a fresh mock API and a fresh drf-server. */
  readonly baseUrl?: string;
  /** The server at `baseUrl` is the mock API: expect its listed differences from DRF. */
  readonly mock: boolean;
  /** False: the server at `baseUrl` has no failed-login throttle; expect 400 for every failure. */
  readonly loginThrottle: boolean;
  /** The token backend of the server at `baseUrl`: its cases run instead of the tutorial's. */
  readonly flavor: AuthFlavor;
}

/** The options, or `help` when the command line asks for the help text. */
export function parseOptions(argv: readonly string[]): Options | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        'base-url': { type: 'string' },
        mock: { type: 'boolean', default: false },
        'no-login-throttle': { type: 'boolean', default: false },
        flavor: { type: 'string', default: 'authtoken' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    // Node goes on with a hint about positionals; its first sentence is the point.
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(`${message.split(/\.\s/)[0]?.replace(/\.$/, '')}; ${USAGE}`);
  }
  if (values.help) return 'help';
  const baseUrl = values['base-url'];
  const flavor = AUTH_FLAVORS.find((name) => name === values.flavor);
  if (flavor === undefined) {
    throw new UsageError(`--flavor must be one of ${AUTH_FLAVORS.join(', ')}; ${USAGE}`);
  }
  if (baseUrl === undefined) {
    for (const option of ['mock', 'no-login-throttle', 'flavor'] as const) {
      if (option === 'flavor' ? flavor !== 'authtoken' : values[option]) {
        throw new UsageError(`--${option} describes the server at --base-url; ${USAGE}`);
      }
    }
    return { mock: false, loginThrottle: true, flavor };
  }
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new UsageError(`--base-url must be an http(s) URL, got "${baseUrl}"; ${USAGE}`);
  }
  if (
    !['http:', 'https:'].includes(url.protocol) ||
    url.search ||
    url.hash ||
    url.username ||
    url.password
  ) {
    throw new UsageError(
      `--base-url must be http(s)://host[:port][/prefix] with no query, fragment or user, got "${baseUrl}"`,
    );
  }
  return {
    baseUrl: `${url.origin}${url.pathname.replace(/\/+$/, '')}`,
    mock: values.mock,
    loginThrottle: !values['no-login-throttle'],
    flavor,
  };
}

/**
 * Runs `files` in a `node --test` of their own, with the spec and JUnit reporters, the
 * targets in its environment; resolves its exit code.
 */
function runSuite(targets: readonly Target[], files: readonly string[]): Promise<number> {
  mkdirSync(REPORTS, { recursive: true });
  const args = [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=junit',
    `--test-reporter-destination=${join(REPORTS, 'contract.xml')}`,
    ...files,
  ];
  return new Promise((resolveCode, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, [TARGETS_ENV]: JSON.stringify(targets) },
    });
    child.once('error', reject);
    child.once('close', (code) => resolveCode(code ?? 1));
  });
}

/** A server that does not answer at all is one line, not one failure per case. */
async function assertReachable(baseUrl: string, flavor: AuthFlavor): Promise<void> {
  try {
    await send(baseUrl, FLAVOR_PATHS[flavor].login, { method: 'OPTIONS' });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`nothing answers at ${baseUrl}: ${reason}`);
  }
}

/**
 * A server of the plain run answers every path of its origin, has the login throttle and
 * serves its schema.
 */
const FRESH = { ownsOrigin: true, loginThrottle: true, servesSchema: true } as const;

/** The mock API's other token backends, each on a fresh mock of its own for its cases. */
const MOCK_FLAVORS = AUTH_FLAVORS.filter((flavor) => flavor !== 'authtoken');

/** A server of the plain run, and what it is. */
interface FreshServer extends Pick<Target, 'name' | 'kind' | 'flavor'> {
  start(): Promise<RunningServer>;
}

const FRESH_SERVERS: readonly FreshServer[] = [
  { name: 'mock API', kind: 'mock', start: () => startMockApi() },
  { name: 'drf-server', kind: 'drf', start: () => startDrfServer() },
  ...MOCK_FLAVORS.map((flavor): FreshServer => ({
    name: `mock API (${flavor})`,
    kind: 'mock',
    flavor,
    start: () => startMockApi({ flavor }),
  })),
  // Debian packages djoser: its cases run against the real thing too.
  {
    name: 'drf-server (djoser)',
    kind: 'drf',
    flavor: 'djoser',
    start: () => startDrfServer({ djoser: true }),
  },
];

/**
 * The fresh servers of a plain run, each from the seed, started side by side; when one
 * cannot start, the others are stopped and the error names what failed.
 */
async function startFreshServers(): Promise<{ targets: Target[]; servers: RunningServer[] }> {
  const results = await Promise.allSettled(FRESH_SERVERS.map((fresh) => fresh.start()));
  const servers = results.flatMap((result) =>
    result.status === 'fulfilled' ? [result.value] : [],
  );
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) {
    await Promise.all(servers.map((server) => server.stop()));
    throw failure.reason;
  }
  const targets = FRESH_SERVERS.map(({ name, kind, flavor }, index): Target => ({
    name,
    kind,
    ...(flavor === undefined ? {} : { flavor }),
    url: servers[index]?.url ?? '',
    ...FRESH,
  }));
  return { targets, servers };
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (options === 'help') {
    console.log(HELP);
    return 0;
  }
  if (options.baseUrl !== undefined) {
    await assertReachable(options.baseUrl, options.flavor);
    const target: Target = {
      name: options.baseUrl,
      url: options.baseUrl,
      kind: options.mock ? 'mock' : 'drf',
      ownsOrigin: false,
      loginThrottle: options.loginThrottle,
      servesSchema: false,
      flavor: options.flavor,
    };
    return runSuite([target], [SUITE]);
  }
  const { targets, servers } = await startFreshServers();
  try {
    return await runSuite(targets, [SUITE, OWN_SPEC]);
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    async (error: unknown) => {
      await stopAll();
      if (error instanceof UsageError) {
        console.error(`test:contract: ${error.message}`);
        process.exitCode = 2;
        return;
      }
      console.error(`test:contract: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
