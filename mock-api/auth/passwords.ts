import { pbkdf2, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashes in Django's own formats, so a hash can move between the mock and a
 * real Django project: new hashes use Django 4's ScryptPasswordHasher
 * (`scrypt$N$salt$r$p$base64`), and Django's default PBKDF2 hashes verify too.
 * scrypt runs on libuv's thread pool, so a login never blocks the event loop.
 */

export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** Django's defaults: about 40 ms per hash here, which is the point of a password hash. */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = { N: 2 ** 14, r: 8, p: 1 };

const KEY_LENGTH = 64;
const SALT_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
// Django's salts carry 128 bits of entropy: 22 characters of this alphabet.
const SALT_LENGTH = 22;
// Parameters from a data file are honoured, within reason.
const MAX_MEMORY = 256 * 1024 * 1024;

function scryptAsync(password: string, salt: string, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: MAX_MEMORY };
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

function pbkdf2Async(password: string, salt: string, iterations: number, length: number) {
  return new Promise<Buffer>((resolve, reject) =>
    pbkdf2(password, salt, iterations, length, 'sha256', (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

function randomSalt(): string {
  let salt = '';
  for (let i = 0; i < SALT_LENGTH; i++) salt += SALT_ALPHABET[randomInt(SALT_ALPHABET.length)];
  return salt;
}

/** Hashes with a fresh random salt; the result holds algorithm, parameters, salt and hash. */
export async function hashPassword(
  password: string,
  params: ScryptParams = DEFAULT_SCRYPT_PARAMS,
): Promise<string> {
  const salt = randomSalt();
  const key = await scryptAsync(password, salt, params);
  return `scrypt$${params.N}$${salt}$${params.r}$${params.p}$${key.toString('base64')}`;
}

/** Whether `password` matches `encoded`; always spends the hashing time, even on garbage. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parts = encoded.split('$');
  try {
    if (parts[0] === 'scrypt' && parts.length === 6) {
      const [, n, salt = '', r, p, hash = ''] = parts;
      const key = await scryptAsync(password, salt, { N: Number(n), r: Number(r), p: Number(p) });
      return safeEqual(key, Buffer.from(hash, 'base64'));
    }
    if (parts[0] === 'pbkdf2_sha256' && parts.length === 4) {
      const [, iterations, salt = '', hash = ''] = parts;
      const expected = Buffer.from(hash, 'base64');
      const key = await pbkdf2Async(password, salt, Number(iterations), 32);
      return safeEqual(key, expected);
    }
  } catch {
    // Unusable parameters in the data file: the password cannot match.
  }
  await spendHashingTime(password);
  return false;
}

function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Hashes and discards, like Django's ModelBackend does for an unknown username,
 * so that response times do not reveal which usernames exist.
 */
export async function spendHashingTime(password: string): Promise<void> {
  await scryptAsync(password, 'mock-api-no-such-user', DEFAULT_SCRYPT_PARAMS);
}
