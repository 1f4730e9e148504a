/**
 * `npm run check-server`: tells whether a Django REST Framework server works with this
 * app (token login, the token on API calls, 401s, logout, CORS), and why not. See USAGE.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

import { AUTH_FLAVORS, type AuthFlavor } from '../api/paths';
import { checkServer, DEFAULT_PATHS, THROTTLE_ATTEMPTS, type CheckOptions } from './checks';
import { sender } from './http';
import { formatJson, formatText, isCompatible } from './report';

const USAGE = `Usage: npm run check-server -- --base-url URL --username NAME --password PW [options]

Tells whether a Django REST Framework server works with this app, the way the
app calls it: logs in, calls the API without a token, with the token and with a
wrong key, checks CORS for the app's origin, and logs out. Each problem found
is named with its cause and the settings or code that fix it.

Options:
  --base-url URL     the server's root, e.g. https://api.example.com
  --username NAME    an account on it
  --password PW      its password; or set POLLS_PASSWORD instead, which keeps it
                     out of npm's echo of the command, the shell history and
                     the process list
  --flavor F         the server's token backend: ${AUTH_FLAVORS.join(', ')}.
                     It sets the login and logout paths, the login answer's
                     field and the logout's answer. Without it (and without
                     --login-path) it is found by trying each one's login path
  --login-path P     the token login (default: the backend's,
                     ${DEFAULT_PATHS.loginPath} for authtoken)
  --logout-path P    the logout that deletes the token (default: the backend's,
                     ${DEFAULT_PATHS.logoutPath} for authtoken)
  --api-path P       any GET endpoint that needs a token
                     (default ${DEFAULT_PATHS.apiPath})
  --origin ORIGIN    the origin the app is served from, when it is not the
                     API's own: checks the CORS preflights and answers
  --keep-token       do not check logout. DRF gives each user one token, shared
                     by all their clients: logging out also logs out the
                     browser session of the same user. (knox makes a token per
                     login, and its logout ends only the one checked.)
  --check-throttle   also check that wrong passwords are throttled (429): tries
                     up to ${THROTTLE_ATTEMPTS} of them, which locks the account for a while
  --json             print the findings as JSON
  -h, --help         show this help

Each request may take 10 seconds. The password and the token are never printed.

Exit status: 0 when the server is compatible (warnings allowed), 1 when it is
not or cannot be reached, 2 on bad arguments.
`;

const EXIT_INCOMPATIBLE = 1;
const EXIT_USAGE = 2;
const TIMEOUT_MS = 10_000;

interface Options extends CheckOptions {
  readonly json: boolean;
}

class UsageError extends Error {}

function pathOption(name: string, value: string): string {
  if (!value.startsWith('/') || /[?#\s]/.test(value)) {
    throw new UsageError(`--${name} must be a path starting with /, got '${value}'`);
  }
  return value;
}

function optionalPath<K extends string>(
  name: string,
  key: K,
  value: string | undefined,
): Partial<Record<K, string>> {
  if (value === undefined) return {};
  const given: Partial<Record<K, string>> = {};
  given[key] = pathOption(name, value);
  return given;
}

function isFlavor(value: string): value is AuthFlavor {
  return (AUTH_FLAVORS as readonly string[]).includes(value);
}

function flavorOption(value: string): AuthFlavor {
  if (!isFlavor(value)) {
    throw new UsageError(`--flavor must be one of ${AUTH_FLAVORS.join(', ')}, got '${value}'`);
  }
  return value;
}

function baseUrlOption(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url === undefined || !['http:', 'https:'].includes(url.protocol)) {
    throw new UsageError(`--base-url must be an http:// or https:// URL, got '${value}'`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new UsageError(
      `--base-url takes no query, fragment or user name, got '${url.origin}${url.pathname}...'`,
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

// What a browser sends in Origin: scheme://host[:port], nothing after it.
function originOption(value: string): string {
  const origin =
    /^https?:\/\/[^/?#]+$/i.test(value) && URL.canParse(value) ? new URL(value).origin : undefined;
  if (origin === undefined) {
    throw new UsageError(`--origin must be http(s)://host[:port] with no path, got '${value}'`);
  }
  if (origin !== value) {
    throw new UsageError(`--origin must be written as a browser sends it, '${origin}'`);
  }
  return origin;
}

// Node appends a long hint about positionals to "Unknown option"; its first sentence is
// the useful part.
function firstSentence(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split(/\.\s/)[0]?.replace(/\.$/, '') ?? message;
}

const OPTIONS = {
  'base-url': { type: 'string' },
  username: { type: 'string' },
  password: { type: 'string' },
  flavor: { type: 'string' },
  'login-path': { type: 'string' },
  'logout-path': { type: 'string' },
  'api-path': { type: 'string', default: DEFAULT_PATHS.apiPath },
  origin: { type: 'string' },
  'keep-token': { type: 'boolean', default: false },
  'check-throttle': { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

/** Reads argv; returns undefined when help was asked for. Throws UsageError. */
function parseOptions(argv: readonly string[]): Options | undefined {
  let parsed;
  try {
    // strict: unknown options and any positional argument are errors.
    parsed = parseArgs({ args: [...argv], options: OPTIONS, strict: true });
  } catch (error) {
    throw new UsageError(firstSentence(error));
  }
  const { values } = parsed;
  if (values.help) return undefined;

  const given = values['base-url'];
  if (!given) throw new UsageError('--base-url is required');
  const username = values.username;
  if (!username) throw new UsageError('--username is required');
  const password = values.password ?? process.env['POLLS_PASSWORD'];
  if (!password) throw new UsageError('--password (or POLLS_PASSWORD) is required');

  return {
    baseUrl: baseUrlOption(given),
    username,
    password,
    ...(values.flavor === undefined ? {} : { flavor: flavorOption(values.flavor) }),
    ...optionalPath('login-path', 'loginPath', values['login-path']),
    ...optionalPath('logout-path', 'logoutPath', values['logout-path']),
    apiPath: pathOption('api-path', values['api-path']),
    ...(values.origin === undefined ? {} : { origin: originOption(values.origin) }),
    keepToken: values['keep-token'],
    checkThrottle: values['check-throttle'],
    json: values.json,
  };
}

/** Runs the checks and prints the findings; resolves the exit status. */
async function checkAndReport(options: Options): Promise<number> {
  const { baseUrl, username } = options;
  const report = await checkServer(options, sender(baseUrl, TIMEOUT_MS));
  if (options.json) process.stdout.write(formatJson(baseUrl, username, report));
  else if (report.reachable) process.stdout.write(formatText(baseUrl, username, report));
  else process.stderr.write(formatText(baseUrl, username, report));
  return isCompatible(report) ? 0 : EXIT_INCOMPATIBLE;
}

function main(argv: readonly string[]): Promise<number> {
  let options: Options | undefined;
  try {
    options = parseOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`Error: ${error.message}. See --help.\n`);
    return Promise.resolve(EXIT_USAGE);
  }
  if (options !== undefined) return checkAndReport(options);
  process.stdout.write(USAGE);
  return Promise.resolve(0);
}

main(process.argv.slice(2))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    return EXIT_INCOMPATIBLE;
  })
  .then((code) => {
    process.exitCode = code;
  });
