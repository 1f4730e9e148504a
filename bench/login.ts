import { scrypt, pbkdf2, type BinaryLike } from 'node:crypto';
import { promisify } from 'node:util';
import type { Credentials } from './browser';
import { expectJson } from './http';
import { since } from './stats';

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

export function describeHash(hash: HashParams): string {
  return hash.algorithm === 'scrypt'
    ? `scrypt N=${hash.N} r=${hash.r} p=${hash.p}`
    : `pbkdf2-${hash.digest} ${hash.iterations} iterations`;
}

/** Sequential logins against the token endpoint; milliseconds each, after a short warm-up. */
export async function timeLogins(
  apiUrl: string,
  user: Credentials,
  count: number,
): Promise<number[]> {
  const url = `${apiUrl}/accounts/get_auth_token/`;
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
export async function timeHashes(
  password: string,
  hash: HashParams,
  count: number,
): Promise<number[]> {
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
