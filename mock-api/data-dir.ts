import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { authFile, generateKey, type AuthData, type User } from './auth/auth-store';
import { DataFileError, JsonFile } from './json-file';
import type { PollsData } from './polls/polls-store';

/** The mock-api folder, wherever the process was started from. */
export const MOCK_API_DIR = fileURLToPath(new URL('.', import.meta.url));
export const DEFAULT_DATA_DIR = join(MOCK_API_DIR, 'data');
export const SEED_FILE = join(MOCK_API_DIR, 'seed.json');

/**
 * The two files of a data directory. json-server's router is given the polls file
 * only; users and tokens live apart, where no route can reach them.
 */
export interface DataFiles {
  readonly dir: string;
  readonly polls: string;
  readonly auth: string;
}

export function dataFiles(dir: string): DataFiles {
  return { dir, polls: join(dir, 'polls.json'), auth: join(dir, 'auth.json') };
}

interface Seed extends PollsData {
  readonly users: readonly User[];
}

function readSeed(seedFile: string): Seed {
  const seed = new JsonFile(seedFile).read() as Partial<Seed>;
  if (
    !Array.isArray(seed.users) ||
    !Array.isArray(seed.questions) ||
    !Array.isArray(seed.choices)
  ) {
    throw new DataFileError(seedFile, 'expected "users", "questions" and "choices" arrays');
  }
  return seed as Seed;
}

/** The seed's users, each with a freshly generated token (the post_save receiver's work). */
function authDataFromSeed(seed: Seed): AuthData {
  const created = new Date().toISOString();
  return {
    users: seed.users,
    tokens: seed.users.map((user) => ({ key: generateKey(), user: user.id, created })),
  };
}

/**
 * Creates the data directory from the seed when it is missing (and any missing file
 * in it), leaving existing files alone. Returns whether anything was written.
 */
export function ensureDataDir(dir: string, seedFile = SEED_FILE): boolean {
  const files = dataFiles(dir);
  const missingPolls = !existsSync(files.polls);
  const missingAuth = !existsSync(files.auth);
  if (!missingPolls && !missingAuth) return false;
  const seed = readSeed(seedFile);
  // A new folder is its owner's alone: the auth file in it holds every live key.
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (missingPolls)
    new JsonFile(files.polls).write({ questions: seed.questions, choices: seed.choices });
  if (missingAuth) authFile(files.auth).write(authDataFromSeed(seed));
  return true;
}

/** Restores both files to the seed: votes back to zero, extra users gone, new tokens. */
export function resetDataDir(dir: string, seedFile = SEED_FILE): void {
  const files = dataFiles(dir);
  const seed = readSeed(seedFile);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  new JsonFile(files.polls).write({ questions: seed.questions, choices: seed.choices });
  authFile(files.auth).write(authDataFromSeed(seed));
}
