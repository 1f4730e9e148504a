import { randomBytes } from 'node:crypto';
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

export interface AuthData {
  readonly users: readonly User[];
  readonly tokens: readonly Token[];
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
 * Users and tokens, in a file json-server never sees. Everything is indexed in Maps,
 * so a token lookup costs the same with one user or a hundred thousand, and loading
 * hashes nothing. Every change is written to disk before the caller goes on.
 */
export class AuthStore {
  private usersById = new Map<number, User>();
  private usersByName = new Map<string, User>();
  private tokensByKey = new Map<string, Token>();
  private tokensByUser = new Map<number, Token>();

  constructor(private readonly file: JsonFile) {
    this.load(file.read());
  }

  static open(path: string): AuthStore {
    return new AuthStore(new JsonFile(path));
  }

  /** Picks up a file replaced behind the server's back (CLI, reset). */
  reloadIfChanged(): void {
    if (this.file.changedOnDisk()) this.load(this.file.read());
  }

  private load(data: unknown): void {
    const { users, tokens } = parseAuthData(data, this.file.path);
    this.usersById = new Map();
    this.usersByName = new Map();
    this.tokensByKey = new Map();
    this.tokensByUser = new Map();
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
  return { users: users as User[], tokens: tokens as Token[] };
}
