import { scrypt, pbkdf2, type BinaryLike } from 'node:crypto';
import { promisify } from 'node:util';
import { API_PATHS } from '../api/paths';
import type { Credentials, RunningServer } from '../scripts/servers';
import { TARGETS, type BenchConfig } from './config';
import { expectJson } from './http';
import { row, type Section } from './report';
import { median, percentile, since } from './stats';

/** How a password hash was made, as read from the stored hash. */
export type HashParams =
  | {
      readonly algorithm: 'scrypt';
      readonly N: number;
      readonly r: number;
      readonly p: number;
      readonly keylen: number;
      readonly salt: Buffer;
    }
  | {
      readonly algorithm: 'pbkdf2';
      readonly digest: string;
      readonly iterations: number;
      readonly keylen: number;
      readonly salt: Buffer;
    };

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

function describeHash(hash: HashParams): string {
  return hash.algorithm === 'scrypt'
    ? `scrypt N=${hash.N} r=${hash.r} p=${hash.p}`
    : `pbkdf2-${hash.digest} ${hash.iterations} iterations`;
}

/** Sequential logins against the token endpoint; milliseconds each, after a short warm-up. */
async function timeLogins(apiUrl: string, user: Credentials, count: number): Promise<number[]> {
  const url = `${apiUrl}${API_PATHS.login}`;
  const once = async () => {
    const start = performance.now();
    const body = await expectJson(200, 'POST', url, { json: user });
    const elapsed = since(start);
    if (typeof body !== 'object' || body === null || !('token' in body)) {
      throw new Error(`login answered without a token: ${JSON.stringify(body)}`);
    }
    return elapsed;
  };
  for (let i = 0; i < 3; i++) await once();
  const samples: number[] = [];
  for (let i = 0; i < count; i++) samples.push(await once());
  return samples;
}

const scryptAsync = promisify(
  (
    password: BinaryLike,
    salt: BinaryLike,
    keylen: number,
    options: object,
    done: (error: Error | null, key: Buffer) => void,
  ) => scrypt(password, salt, keylen, options, done),
);
const pbkdf2Async = promisify(pbkdf2);

/**
 * The same hash computed bare in this process, as many times: the floor a login cannot
 * go below. Login time over this shows what HTTP, parsing and the store add.
 */
async function timeHashes(password: string, hash: HashParams, count: number): Promise<number[]> {
  const once = async () => {
    const start = performance.now();
    if (hash.algorithm === 'scrypt') {
      const { N, r, p, keylen, salt } = hash;
      // Node refuses scrypt above 32 MiB by default; allow what these parameters need.
      await scryptAsync(password, salt, keylen, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 });
    } else {
      await pbkdf2Async(password, hash.salt, hash.iterations, hash.keylen, hash.digest);
    }
    return since(start);
  };
  for (let i = 0; i < 3; i++) await once();
  const samples: number[] = [];
  for (let i = 0; i < count; i++) samples.push(await once());
  return samples;
}

/**
 * Sequential logins on one keep-alive connection, against the same hash computed bare
 * in this process as many times: the ratio is what HTTP, parsing and the store add.
 */
export async function measureLogin(
  config: BenchConfig,
  api: RunningServer,
  user: Credentials,
  hash: HashParams,
): Promise<Section> {
  const logins = await timeLogins(api.url, user, config.logins);
  const hashes = await timeHashes(user.password, hash, config.logins);
  const described = describeHash(hash);
  const bare = `bare ${hash.algorithm}`;
  return {
    details: { hash: described, loginsMs: logins, hashesMs: hashes },
    rows: [
      row(
        `login p50 (${described})`,
        median(logins),
        'ms',
        { label: bare, value: median(hashes) },
        { on: 'value', op: '<', limit: TARGETS.loginP50Ms },
      ),
      row('login p99', percentile(logins, 99), 'ms', {
        label: bare,
        value: percentile(hashes, 99),
      }),
    ],
  };
}
