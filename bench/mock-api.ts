import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AuthStore } from '../mock-api/auth/auth-store';
import type { Credentials } from './browser';
import { expectJson } from './http';
import type { HashParams } from './login';
import { freePort, runCommand, startServer, type RunningServer } from './processes';
import { median, since } from './stats';

/** A question as GET /polls/api/questions/ returns it. */
export interface SeedQuestion {
  readonly id: number;
  readonly question_text: string;
  readonly pub_date: string;
  readonly choices: readonly {
    readonly id: number;
    readonly choice_text: string;
    readonly votes: number;
  }[];
}

/** A data directory with a token store of a given size. */
export interface Store {
  readonly dir: string;
  /** The users-and-tokens file. */
  readonly file: string;
  readonly users: number;
  /** A user of the store the benchmark logs in as. */
  readonly user: Credentials;
  /** A token from the middle of the store, so a scan would pay for half of it. */
  readonly token: string;
  readonly hash: HashParams;
  /** Milliseconds spent writing the store file. */
  readonly writeMs: number;
}

const PASSWORD = 'bench-password';

function mockApi(repo: string, args: readonly string[]): string[] {
  // node with tsx loaded, not the tsx CLI: one process, so stopping it stops the server.
  return ['--import', 'tsx', join(repo, 'mock-api', 'main.ts'), ...args];
}

/** Starts `mock-api/main.ts serve` on a free port; ready when it prints its URL. */
export async function startMockApi(repo: string, dir: string): Promise<RunningServer> {
  const port = await freePort();
  return startServer({
    name: 'mock API',
    command: process.execPath,
    args: mockApi(repo, [
      'serve',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--data',
      dir,
      '--quiet',
    ]),
    cwd: repo,
    ready: { stdout: new RegExp(`http://127\\.0\\.0\\.1:${port}`) },
    url: `http://127.0.0.1:${port}`,
  });
}

/** The questions as the API serves them. */
export async function fetchQuestions(apiUrl: string, token: string): Promise<SeedQuestion[]> {
  const body = await expectJson(200, 'GET', `${apiUrl}/polls/api/questions/`, {
    headers: { Authorization: `Token ${token}` },
  });
  if (!Array.isArray(body) || body.length === 0) {
    throw new Error(`GET /polls/api/questions/ returned no questions: ${JSON.stringify(body)}`);
  }
  return body as SeedQuestion[];
}

/**
 * Creates a data directory from the seed with `users` users in total, each with a token.
 * One user is made by the real `createuser` command, so its hash has the API's real
 * parameters; the rest reuse that hash (at about 40 ms a hash, 100,000 would take most of an hour) and
 * get their own random 40-hex keys, written straight into the users-and-tokens file.
 */
export async function prepareStore(repo: string, dir: string, users: number): Promise<Store> {
  await runCommand(
    process.execPath,
    mockApi(repo, ['createuser', 'bench-0', '--password', PASSWORD, '--data', dir]),
    { cwd: repo },
  );
  const start = performance.now();
  const { file, auth } = await findAuthFile(dir);
  const template = auth.users.find((u) => u.username === 'bench-0');
  const templateToken = auth.tokens.find((t) => t.user === template?.id);
  if (!template || !templateToken)
    throw new Error(`createuser left no bench-0 with a token in ${file}`);
  let id = Math.max(...auth.users.map((u) => u.id));
  for (let n = 1; auth.users.length < users; n++) {
    id++;
    auth.users.push({ ...template, id, username: `bench-${n}` });
    auth.tokens.push({ ...templateToken, key: randomBytes(20).toString('hex'), user: id });
  }
  await writeFile(file, JSON.stringify(auth));
  const writeMs = performance.now() - start;
  // A token from the middle of the store: a lookup that scanned would pay for half of it.
  const middle = auth.users[Math.floor(auth.users.length / 2)] ?? template;
  const token = auth.tokens.find((t) => t.user === middle.id)?.key;
  if (!token) throw new Error(`no token for ${middle.username} in ${file}`);
  return {
    dir,
    file,
    users: auth.users.length,
    user: { username: template.username, password: PASSWORD },
    token,
    hash: parseHash(template.password),
    writeMs,
  };
}

/** The mock API's users-and-tokens file, whatever its name: `{"users": [...], "tokens": [...]}`. */
interface AuthFile {
  users: { id: number; username: string; password: string }[];
  tokens: { key: string; user: number }[];
}

async function findAuthFile(dir: string): Promise<{ file: string; auth: AuthFile }> {
  for (const name of (await readdir(dir)).filter((n) => n.endsWith('.json'))) {
    const file = join(dir, name);
    const data: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (typeof data === 'object' && data !== null && 'users' in data && 'tokens' in data) {
      const { users, tokens } = data;
      if (Array.isArray(users) && Array.isArray(tokens)) return { file, auth: data as AuthFile };
    }
  }
  throw new Error(`no users-and-tokens file in ${dir}`);
}

/**
 * Reads the algorithm and parameters out of a stored hash, in Django's formats as the
 * mock API writes them: `scrypt$N$salt$r$p$key` and `pbkdf2_sha256$iterations$salt$key`
 * (salt used as text, key in base64).
 */
export function parseHash(stored: string): HashParams {
  const parts = stored.split('$');
  if (parts[0] === 'scrypt' && parts.length === 6) {
    const [, N, salt = '', r, p, key = ''] = parts;
    return {
      algorithm: 'scrypt',
      N: Number(N),
      r: Number(r),
      p: Number(p),
      salt: Buffer.from(salt, 'utf8'),
      keylen: Buffer.from(key, 'base64').length,
    };
  }
  if (parts[0] === 'pbkdf2_sha256' && parts.length === 4) {
    const [, iterations, salt = '', key = ''] = parts;
    return {
      algorithm: 'pbkdf2',
      digest: 'sha256',
      iterations: Number(iterations),
      salt: Buffer.from(salt, 'utf8'),
      keylen: Buffer.from(key, 'base64').length,
    };
  }
  throw new Error(`unknown password hash format "${parts[0] ?? ''}"`);
}

/**
 * Median times, in this process, for the mock API's own AuthStore to load the
 * users-and-tokens file (read, parse, validate, index), and for a bare read and
 * JSON.parse of the same file: the least any loader must do. The server's start-up
 * time holds the same work, buried in the noise of starting node and compiling
 * TypeScript.
 */
export function timeStoreLoad(file: string, runs: number): { storeMs: number; parseMs: number } {
  const store: number[] = [];
  const parse: number[] = [];
  for (let i = 0; i < runs; i++) {
    let start = performance.now();
    const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
    parse.push(since(start));
    start = performance.now();
    const loaded = AuthStore.open(file);
    store.push(since(start));
    if (loaded.users().length === 0 || data === null) throw new Error(`${file} loaded no users`);
  }
  return { storeMs: median(store), parseMs: median(parse) };
}
