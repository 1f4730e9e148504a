import { createHash, randomBytes } from 'node:crypto';
import { JsonFile, recordArrays } from '../json-file';

/** A row of Django's auth_user, with the fields the mock uses. */
export interface User {
  readonly id: number;
  readonly username: string;
  /** A Django-format hash (see passwords.ts); never the password itself. */
  readonly password: string;
  readonly is_active: boolean;
  readonly is_staff: boolean;
  readonly is_superuser: boolean;
  readonly date_joined: string;
}

/** A row of DRF's authtoken_token: one per user at most. */
export interface Token {
  readonly key: string;
  readonly user: number;
  readonly created: string;
}

/**
 * A row of knox's AuthToken: many per user, each with its expiry. The key itself is not
 * kept, only its SHA-512 `digest` and its first 8 characters (`token_key`), as knox keeps.
 */
export interface KnoxToken {
  readonly digest: string;
  readonly token_key: string;
  readonly user: number;
  readonly created: string;
  /** ISO 8601; null: never expires (knox's TOKEN_TTL = None). */
  readonly expiry: string | null;
}

export interface AuthData {
  readonly users: readonly User[];
  readonly tokens: readonly Token[];
  /** Absent in a data directory that never had a knox login. */
  readonly knox_tokens?: readonly KnoxToken[];
}

export interface NewUser {
  readonly username: string;
  readonly password: string;
  readonly isActive?: boolean;
  readonly isSuperuser?: boolean;
}

/** DRF's `Token.generate_key()`: 20 random bytes as 40 lowercase hex characters. */
export function generateKey(): string {
  return randomBytes(20).toString('hex');
}

/**
 * knox's `create_token_string()`: AUTH_TOKEN_CHARACTER_LENGTH (64) lowercase hex
 * characters, from 32 random bytes.
 */
export function generateKnoxKey(): string {
  return randomBytes(32).toString('hex');
}

/** knox's `hash_token()`: the SHA-512 hex digest of the key's UTF-8 bytes. */
export function knoxDigest(key: string): string {
  return createHash('sha512').update(key, 'utf8').digest('hex');
}

/**
 * The users and tokens file. DRF keeps token keys as they are, so this file holds every
 * live key: it is its owner's alone (0600), whatever folder it is in.
 */
export function authFile(path: string): JsonFile {
  return new JsonFile(path, 0o600);
}

/**
 * Users and tokens, in a file json-server never sees. Everything is indexed in Maps,
 * so a token lookup costs the same with one user or a hundred thousand, and loading
 * hashes nothing. Every change is written to disk before the caller goes on.
 */
export class AuthStore {
  private usersById = new Map<number, User>();
  private usersByName = new Map<string, User>();
  private tokensByKey = new Map<string, Token>();
  private tokensByUser = new Map<number, Token>();
  private knoxByDigest = new Map<string, KnoxToken>();

  constructor(private readonly file: JsonFile) {
    this.load(file.read());
  }

  static open(path: string): AuthStore {
    return new AuthStore(authFile(path));
  }

  /** Picks up a file replaced behind the server's back (CLI, reset). */
  reloadIfChanged(): void {
    if (this.file.changedOnDisk()) this.load(this.file.read());
  }

  private load(data: unknown): void {
    const { users, tokens, knox_tokens: knoxTokens = [] } = parseAuthData(data, this.file.path);
    this.usersById = new Map();
    this.usersByName = new Map();
    this.tokensByKey = new Map();
    this.tokensByUser = new Map();
    this.knoxByDigest = new Map(knoxTokens.map((token) => [token.digest, token]));
    for (const user of users) {
      this.usersById.set(user.id, user);
      this.usersByName.set(user.username, user);
    }
    for (const token of tokens) {
      this.tokensByKey.set(token.key, token);
      this.tokensByUser.set(token.user, token);
    }
  }

  private save(): void {
    this.file.write({
      users: [...this.usersById.values()],
      tokens: [...this.tokensByKey.values()],
      // Only where knox has been used, so the tutorial's data file keeps its shape.
      ...(this.knoxByDigest.size > 0 ? { knox_tokens: [...this.knoxByDigest.values()] } : {}),
    });
  }

  users(): readonly User[] {
    return [...this.usersById.values()];
  }

  findUser(username: string): User | undefined {
    return this.usersByName.get(username);
  }

  /** The token with this key and its user, if both exist. */
  findToken(key: string): { token: Token; user: User } | undefined {
    const token = this.tokensByKey.get(key);
    const user = token && this.usersById.get(token.user);
    return token && user ? { token, user } : undefined;
  }

  tokenOf(user: User): Token | undefined {
    return this.tokensByUser.get(user.id);
  }

  /** DRF's `Token.objects.get_or_create(user=user)`. */
  getOrCreateToken(user: User): Token {
    return this.tokensByUser.get(user.id) ?? this.createToken(user);
  }

  /** A new key for the user, replacing any old one. */
  createToken(user: User): Token {
    const old = this.tokensByUser.get(user.id);
    if (old) this.tokensByKey.delete(old.key);
    const token: Token = { key: generateKey(), user: user.id, created: new Date().toISOString() };
    this.tokensByKey.set(token.key, token);
    this.tokensByUser.set(user.id, token);
    this.save();
    return token;
  }

  deleteToken(key: string): void {
    const token = this.tokensByKey.get(key);
    if (!token) return;
    this.tokensByKey.delete(key);
    this.tokensByUser.delete(token.user);
    this.save();
  }

  /**
   * knox's `AuthToken.objects.create(user, expiry)`: one more token for the user, which
   * expires `ttlSeconds` from now (never when null). The key is returned only here.
   */
  createKnoxToken(user: User, ttlSeconds: number | null): { key: string; token: KnoxToken } {
    const key = generateKnoxKey();
    const now = Date.now();
    const token: KnoxToken = {
      digest: knoxDigest(key),
      token_key: key.slice(0, 8),
      user: user.id,
      created: new Date(now).toISOString(),
      expiry: ttlSeconds === null ? null : new Date(now + ttlSeconds * 1000).toISOString(),
    };
    this.knoxByDigest.set(token.digest, token);
    this.save();
    return { key, token };
  }

  /** The knox token with this key and its user, if both exist. */
  findKnoxToken(key: string): { token: KnoxToken; user: User } | undefined {
    const token = this.knoxByDigest.get(knoxDigest(key));
    const user = token && this.usersById.get(token.user);
    return token && user ? { token, user } : undefined;
  }

  knoxTokensOf(user: User): readonly KnoxToken[] {
    return [...this.knoxByDigest.values()].filter((token) => token.user === user.id);
  }

  /** Deletes the knox tokens `which` picks. */
  deleteKnoxTokens(which: (token: KnoxToken) => boolean): void {
    let deleted = false;
    for (const token of this.knoxByDigest.values()) {
      if (!which(token)) continue;
      this.knoxByDigest.delete(token.digest);
      deleted = true;
    }
    if (deleted) this.save();
  }

  private nextUserId(): number {
    let max = 0;
    for (const id of this.usersById.keys()) if (id > max) max = id;
    return max + 1;
  }

  /** Adds a user (with an already hashed password) and, like the post_save receiver, a token. */
  addUser(fields: NewUser): User {
    if (this.usersByName.has(fields.username)) {
      throw new Error(`a user named "${fields.username}" already exists`);
    }
    const superuser = fields.isSuperuser ?? false;
    const user: User = {
      id: this.nextUserId(),
      username: fields.username,
      password: fields.password,
      is_active: fields.isActive ?? true,
      is_staff: superuser,
      is_superuser: superuser,
      date_joined: new Date().toISOString(),
    };
    this.usersById.set(user.id, user);
    this.usersByName.set(user.username, user);
    this.createToken(user);
    return user;
  }
}

/** Checks the shape of the auth file and says what is wrong. */
function parseAuthData(data: unknown, path: string): AuthData {
  const { users, tokens } = recordArrays(data, path, {
    users: (user) => {
      if (typeof user['id'] !== 'number' || typeof user['username'] !== 'string') {
        return 'a user without a numeric "id" and a "username"';
      }
      if (typeof user['password'] !== 'string') return 'a user without a password hash';
      if (typeof user['is_active'] !== 'boolean') return 'a user without an is_active flag';
      return null;
    },
    tokens: (token) =>
      typeof token['key'] !== 'string' || typeof token['user'] !== 'number'
        ? 'a token without a "key" and a numeric "user"'
        : null,
  });
  const knox = Object.getOwnPropertyDescriptor(data, 'knox_tokens')?.value as unknown;
  if (knox === undefined) return { users: users as User[], tokens: tokens as Token[] };
  const { knox_tokens: knoxTokens } = recordArrays({ knox_tokens: knox }, path, {
    knox_tokens: (token) =>
      typeof token['digest'] !== 'string' || typeof token['user'] !== 'number'
        ? 'a knox token without a "digest" and a numeric "user"'
        : null,
  });
  return {
    users: users as User[],
    tokens: tokens as Token[],
    knox_tokens: knoxTokens as KnoxToken[],
  };
}
