import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AUTH_FLAVORS, type AuthFlavor } from '../api/paths';
import { AuthStore, type User } from './auth/auth-store';
import { KNOX_DEFAULT_TTL_SECONDS, pythonIsoformat } from './auth/knox';
import { hashPassword } from './auth/passwords';
import { dataFiles, DEFAULT_DATA_DIR, ensureDataDir, resetDataDir } from './data-dir';
import { allowedOriginProblem } from './http/cors';
import { DataFileError } from './json-file';

const HELP = `mock-api: a Django REST Framework look-alike of the tutorial's polls API

Usage: npm run mock-api -- [command] [options]

Commands:
  serve                   Run the API (the default command).
      --port N            Port to listen on (default 3000; 0 picks a free one).
      --host HOST         Address to listen on (default 127.0.0.1).
      --data DIR          Data directory (default mock-api/data/, created from
                          mock-api/seed.json when missing).
      --flavor NAME       The token backend whose login and logout are served:
                          authtoken (the default: /accounts/get_auth_token/ and
                          /accounts/logout/), djoser (/auth/token/login/ and
                          /auth/token/logout/), dj-rest-auth (/dj-rest-auth/login/
                          and /dj-rest-auth/logout/) or knox (/api/auth/login/,
                          /api/auth/logout/ and /api/auth/logoutall/).
      --token-ttl S       Tokens expire S seconds after they were issued
                          (default: never; with knox, its TOKEN_TTL, default 36000).
                          An expired token gets 401 and is deleted.
      --cors-origin ORIGIN
                          Also allow CORS from ORIGIN (repeatable), as
                          django-cors-headers' CORS_ALLOWED_ORIGINS: null or
                          http(s)://host[:port] exactly as a browser sends it.
                          Origins on localhost and 127.0.0.1 are always allowed.
      --quiet             No request log (one line per request otherwise).
  createuser NAME         Add a user, with a token.
      --password PW       The password; or set POLLS_PASSWORD instead, which keeps it
                          out of the process list. Only its hash is stored.
      --inactive          Create the user inactive: it can neither log in nor use a token.
      --superuser         Mark the user staff and superuser.
      --data DIR
  token NAME              Print the user's token key, creating one if needed
                          (like DRF's drf_create_token; inactive users too).
      --regenerate        Replace the key with a new one.
      --flavor knox       Create one more knox token (knox keeps only digests, so a
                          key is shown once) and print "key expiry".
      --token-ttl S       Its lifetime (default 36000; knox only).
      --data DIR
  tokens                  Print "username key" for every user, creating missing tokens.
      --flavor knox       A new knox token for every user, "username key expiry".
      --token-ttl S       Their lifetime (default 36000).
      --data DIR
  reset                   Restore the data directory to the seed (new token keys).
      --data DIR
  help                    Show this text (also --help or -h after any command).

Changes the CLI makes to a data directory are picked up by a server using it on its
next request. The server prints "mock-api listening on http://HOST:PORT" when ready and
stops cleanly on SIGINT or SIGTERM.`;

/** A mistake on the command line or in what it asks for: one line, non-zero exit. */
class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

const dataOption = { data: { type: 'string' } } as const;
const helpOption = { help: { type: 'boolean', short: 'h' } } as const;

function parse<O extends NonNullable<ParseArgsConfig['options']>>(
  command: string,
  args: string[],
  options: O,
  positionals: number,
) {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...options, ...helpOption }, allowPositionals: true });
  } catch (e) {
    const message = e instanceof Error ? e.message.split(/\.\s/)[0] : String(e);
    throw new CliError(`${command}: ${message} (see --help)`, 2);
  }
  if (parsed.positionals.length > positionals) {
    const extra = parsed.positionals[positionals];
    throw new CliError(`${command}: unexpected argument "${extra}" (see --help)`, 2);
  }
  return parsed;
}

function dataDirOf(values: { data?: string | boolean }): string {
  if (typeof values.data !== 'string') return DEFAULT_DATA_DIR;
  const dir = resolve(values.data);
  // A file there (or on the way there) would make mkdir fail with EEXIST or ENOTDIR.
  if (!isDirectoryOrMissing(dir)) throw new CliError(`--data ${values.data} is not a directory`, 2);
  return dir;
}

function isDirectoryOrMissing(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOTDIR') return false;
    throw e;
  }
}

function integerOption(name: string, text: string | undefined, min: number, max: number) {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new CliError(`--${name} must be an integer from ${min} to ${max}, got "${text}"`, 2);
  }
  return value;
}

function corsOriginsOption(origins: readonly string[] | undefined): readonly string[] {
  for (const origin of origins ?? []) {
    const problem = allowedOriginProblem(origin);
    if (problem) throw new CliError(`--cors-origin ${problem}, got "${origin}"`, 2);
  }
  return origins ?? [];
}

function flavorOption(text: string | undefined): AuthFlavor {
  if (text === undefined) return 'authtoken';
  const flavor = AUTH_FLAVORS.find((name) => name === text);
  if (!flavor)
    throw new CliError(`--flavor must be one of ${AUTH_FLAVORS.join(', ')}, got "${text}"`, 2);
  return flavor;
}

const TTL_LIMITS = [1, 10 * 365 * 24 * 3600] as const;

function openAuth(dataDir: string): AuthStore {
  ensureDataDir(dataDir);
  return AuthStore.open(dataFiles(dataDir).auth);
}

function findUser(store: AuthStore, username: string) {
  const user = store.findUser(username);
  if (!user) throw new CliError(`no user named "${username}"`);
  return user;
}

const LISTEN_ERRORS: Readonly<Record<string, string>> = {
  EADDRINUSE: 'the port is already in use',
  EACCES: 'permission denied',
  EADDRNOTAVAIL: 'no such address on this machine',
};

async function serve(args: string[], out: (line: string) => void): Promise<void> {
  const { values } = parse(
    'serve',
    args,
    {
      ...dataOption,
      port: { type: 'string' },
      host: { type: 'string' },
      flavor: { type: 'string' },
      'token-ttl': { type: 'string' },
      'cors-origin': { type: 'string', multiple: true },
      quiet: { type: 'boolean' },
    },
    0,
  );
  if (values.help) return out(HELP);
  const dataDir = dataDirOf(values);
  const port = integerOption('port', values.port, 0, 65535) ?? 3000;
  const host = values.host ?? '127.0.0.1';
  const flavor = flavorOption(values.flavor);
  const tokenTtlSeconds = integerOption('token-ttl', values['token-ttl'], ...TTL_LIMITS);
  const corsAllowedOrigins = corsOriginsOption(values['cors-origin']);
  // Only serve needs express and json-server; the other commands start faster without them.
  const { listenMockApi } = await import('./server');
  const running = await listenMockApi({
    dataDir,
    port,
    host,
    flavor,
    tokenTtlSeconds,
    corsAllowedOrigins,
    log: values.quiet ? undefined : out,
  }).catch((e: NodeJS.ErrnoException) => {
    if (e.syscall !== 'listen') throw e;
    const reason = LISTEN_ERRORS[e.code ?? ''] ?? e.message;
    throw new CliError(`cannot listen on ${host}:${port}: ${reason}`);
  });
  out(`mock-api listening on ${running.url} (data: ${dataDir})`);
  const stop = () => {
    setTimeout(() => process.exit(0), 2000).unref();
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function createUser(
  args: string[],
  out: (line: string) => void,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const { values, positionals } = parse(
    'createuser',
    args,
    {
      ...dataOption,
      password: { type: 'string' },
      inactive: { type: 'boolean' },
      superuser: { type: 'boolean' },
    },
    1,
  );
  if (values.help) return out(HELP);
  const [username] = positionals;
  if (username === undefined) throw new CliError('createuser: missing NAME (see --help)', 2);
  // Django's UnicodeUsernameValidator, and its 150-character limit.
  if (!/^[\p{L}\p{N}_.@+-]{1,150}$/u.test(username)) {
    throw new CliError(
      `createuser: "${username}" is not a valid username (up to 150 letters, digits and @/./+/-/_)`,
      2,
    );
  }
  const given = values.password || env['POLLS_PASSWORD'];
  if (!given) throw new CliError('createuser: --password PW (or POLLS_PASSWORD) is required', 2);
  const store = openAuth(dataDirOf(values));
  if (store.findUser(username)) throw new CliError(`a user named "${username}" already exists`);
  const password = await hashPassword(given);
  store.reloadIfChanged();
  store.addUser({
    username,
    password,
    isActive: !values.inactive,
    isSuperuser: values.superuser ?? false,
  });
  out(`Created user "${username}".`);
}

const knoxOptions = { flavor: { type: 'string' }, 'token-ttl': { type: 'string' } } as const;

/**
 * With `--flavor knox`, a new knox token for `user` as "key expiry"; null for the other
 * flavours, whose keys are DRF's. A TTL is knox's only.
 */
function knoxToken(
  store: AuthStore,
  user: User,
  values: { flavor?: string; 'token-ttl'?: string },
): string | null {
  const flavor = flavorOption(values.flavor);
  const ttl = integerOption('token-ttl', values['token-ttl'], ...TTL_LIMITS);
  if (flavor !== 'knox') {
    if (ttl !== undefined) throw new CliError('--token-ttl is for --flavor knox only', 2);
    return null;
  }
  const { key, token } = store.createKnoxToken(user, ttl ?? KNOX_DEFAULT_TTL_SECONDS);
  // As knox's login writes it (DRF's DateTimeField), so the two can be compared.
  return `${key} ${token.expiry === null ? '' : pythonIsoformat(token.expiry)}`;
}

function token(args: string[], out: (line: string) => void): void {
  const { values, positionals } = parse(
    'token',
    args,
    { ...dataOption, ...knoxOptions, regenerate: { type: 'boolean' } },
    1,
  );
  if (values.help) return out(HELP);
  const [username] = positionals;
  if (username === undefined) throw new CliError('token: missing NAME (see --help)', 2);
  flavorOption(values.flavor);
  const store = openAuth(dataDirOf(values));
  const user = findUser(store, username);
  const knox = knoxToken(store, user, values);
  if (knox !== null) return out(knox);
  out((values.regenerate ? store.createToken(user) : store.getOrCreateToken(user)).key);
}

function tokens(args: string[], out: (line: string) => void): void {
  const { values } = parse('tokens', args, { ...dataOption, ...knoxOptions }, 0);
  if (values.help) return out(HELP);
  flavorOption(values.flavor);
  const store = openAuth(dataDirOf(values));
  for (const user of store.users()) {
    out(`${user.username} ${knoxToken(store, user, values) ?? store.getOrCreateToken(user).key}`);
  }
}

function reset(args: string[], out: (line: string) => void): void {
  const { values } = parse('reset', args, dataOption, 0);
  if (values.help) return out(HELP);
  const dataDir = dataDirOf(values);
  resetDataDir(dataDir);
  out(`Reset ${dataDir} to the seed.`);
}

/** Where a command writes: stdout for results, stderr for the one-line errors. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
}

const processOutput: Output = {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
};

/** Runs one command line; resolves to the exit code (serve keeps running). */
export async function main(
  argv: readonly string[],
  output: Output = processOutput,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { out } = output;
  const [first, ...rest] = argv;
  const command = first === undefined || first.startsWith('-') ? 'serve' : first;
  const args = command === first ? rest : [...argv];
  try {
    switch (command) {
      case 'serve':
        await serve(args, out);
        return 0;
      case 'createuser':
        await createUser(args, out, env);
        return 0;
      case 'token':
        token(args, out);
        return 0;
      case 'tokens':
        tokens(args, out);
        return 0;
      case 'reset':
        reset(args, out);
        return 0;
      case 'help':
        out(HELP);
        return 0;
      default:
        throw new CliError(`unknown command "${command}" (see --help)`, 2);
    }
  } catch (e) {
    const error =
      e instanceof CliError
        ? e
        : e instanceof DataFileError
          ? new CliError(`${e.message}; "reset" restores the seed`)
          : new CliError(e instanceof Error ? e.message : String(e));
    output.err(`mock-api: ${error.message}`);
    return error.exitCode;
  }
}

// Run as a program (`tsx mock-api/main.ts`), not when a test imports it.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void main(process.argv.slice(2)).then((code) => {
    if (code !== 0) process.exitCode = code;
  });
}
