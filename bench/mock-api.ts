import { writeFile } from 'node:fs/promises';
import { API_PATHS } from '../api/paths';
import type { Question } from '../api/types';
import {
  AuthStore,
  generateKey,
  type AuthData,
  type Token,
  type User,
} from '../mock-api/auth/auth-store';
import { dataFiles } from '../mock-api/data-dir';
import { mockApiCommand, type Credentials } from '../scripts/servers';
import { expectJson } from './http';
import { parseHash, type HashParams } from './login';
import { since } from './stats';

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

/** The questions as the API serves them. */
export async function fetchQuestions(apiUrl: string, token: string): Promise<Question[]> {
  const body = await expectJson(200, 'GET', `${apiUrl}${API_PATHS.questions}`, {
    headers: { Authorization: `Token ${token}` },
  });
  if (!Array.isArray(body) || body.length === 0) {
    throw new Error(`GET ${API_PATHS.questions} returned no questions: ${JSON.stringify(body)}`);
  }
  return body as Question[];
}

/**
 * Creates a data directory from the seed with `users` users in total, each with a token.
 * One user is made by the real `createuser` command, so its hash has the API's real
 * parameters; the rest reuse that hash (at about 40 ms a hash, 100,000 would take most
 * of an hour) and get their own keys, written straight into the users-and-tokens file.
 */
export async function prepareStore(dir: string, users: number): Promise<Store> {
  await mockApiCommand(['createuser', 'bench-0', '--data', dir], { POLLS_PASSWORD: PASSWORD });
  const start = performance.now();
  const file = dataFiles(dir).auth;
  const store = AuthStore.open(file);
  const template = store.findUser('bench-0');
  const templateToken = template && store.tokenOf(template);
  if (!template || !templateToken) {
    throw new Error(`createuser left no bench-0 with a token in ${file}`);
  }
  const all: User[] = [...store.users()];
  const tokens: Token[] = all.flatMap((user) => store.tokenOf(user) ?? []);
  let id = Math.max(...all.map((u) => u.id));
  for (let n = 1; all.length < users; n++) {
    id++;
    all.push({ ...template, id, username: `bench-${n}` });
    tokens.push({ ...templateToken, key: generateKey(), user: id });
  }
  await writeFile(file, JSON.stringify({ users: all, tokens } satisfies AuthData));
  const writeMs = since(start);
  // A token from the middle of the store: a lookup that scanned would pay for half of it.
  const middle = all[Math.floor(all.length / 2)] ?? template;
  const token = tokens.find((t) => t.user === middle.id)?.key;
  if (!token) throw new Error(`no token for ${middle.username} in ${file}`);
  return {
    dir,
    file,
    users: all.length,
    user: { username: template.username, password: PASSWORD },
    token,
    hash: parseHash(template.password),
    writeMs,
  };
}
