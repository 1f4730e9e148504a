import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Credentials } from './browser';
import { expectJson } from './http';
import type { HashParams } from './login';
import { freePort, runCommand, startServer, type RunningServer } from './processes';

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
 * parameters; the rest copy that hash (hashing 100,000 passwords would take minutes) and
 * get their own random 40-hex keys, written straight into the store file.
 */
export async function prepareStore(repo: string, dir: string, users: number): Promise<Store> {
  await runCommand(
    process.execPath,
    mockApi(repo, ['createuser', 'bench-0', '--password', PASSWORD, '--data', dir]),
    {
      cwd: repo,
    },
  );
  const start = performance.now();
  const file = join(dir, 'auth.json');
  const auth = JSON.parse(await readFile(file, 'utf8')) as AuthFile;
  const template = auth.users.find((u) => u.username === 'bench-0');
  if (!template) throw new Error(`createuser did not add bench-0 to ${file}`);
  let id = Math.max(...auth.users.map((u) => u.id));
  for (let n = 1; auth.users.length < users; n++) {
    id++;
    auth.users.push({ ...template, id, username: `bench-${n}` });
    auth.tokens.push({ key: randomBytes(20).toString('hex'), user: id });
  }
  await writeFile(file, JSON.stringify(auth));
  const writeMs = performance.now() - start;
  const middle = auth.users[Math.floor(auth.users.length / 2)] ?? template;
  const token = auth.tokens.find((t) => t.user === middle.id)?.key;
  if (!token) throw new Error(`no token for ${middle.username}`);
  return {
    dir,
    users: auth.users.length,
    user: { username: template.username, password: PASSWORD },
    token,
    hash: parseHash(template.password),
    writeMs,
  };
}

interface AuthFile {
  users: { id: number; username: string; password: string }[];
  tokens: { key: string; user: number }[];
}

/** Reads the parameters out of a stored hash. */
export function parseHash(stored: string): HashParams {
  const [algorithm, N, r, p, salt, key] = stored.split('$');
  if (algorithm !== 'scrypt' || salt === undefined || key === undefined) {
    throw new Error(`unknown password hash format: ${stored.split('$')[0]}`);
  }
  return {
    algorithm: 'scrypt',
    N: Number(N),
    r: Number(r),
    p: Number(p),
    salt: Buffer.from(salt, 'base64'),
    keylen: Buffer.from(key, 'base64').length,
  };
}
