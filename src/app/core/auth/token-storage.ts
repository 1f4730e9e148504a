import { DOCUMENT, Injectable, InjectionToken, inject } from '@angular/core';
import { CookieService } from 'ngx-cookie-service';

/** Whether the session cookies get `Secure`: whenever the page itself is served over https. */
export const SECURE_COOKIES = new InjectionToken<boolean>('SECURE_COOKIES', {
  providedIn: 'root',
  factory: () => inject(DOCUMENT).location.protocol === 'https:',
});

/** How long "Keep me signed in" keeps the cookies, in days. */
export const REMEMBER_ME_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

const TOKEN_COOKIE = 'token';
// Not secret: only lets the header greet the user after a reload or in a new tab.
const USERNAME_COOKIE = 'username';
// Not secret either: when a token that expires (knox's) does, in ms since 1970.
const EXPIRES_COOKIE = 'token_expires';
const PATH = '/';

/** What the cookies hold between page loads. */
export interface StoredSession {
  readonly token: string;
  readonly username: string;
  /** When the token expires, in ms since 1970; absent for a token that does not. */
  readonly expiresAt?: number;
}

/**
 * The `token` cookie, the only place the API token is ever kept (never localStorage, a URL
 * or a log), plus the non-secret `username` cookie beside it. Both are written with
 * `path=/`, `SameSite=Strict`, `Secure` on https, and deleted with the same attributes so
 * a logout really removes them.
 */
@Injectable({ providedIn: 'root' })
export class TokenStorage {
  private readonly cookies = inject(CookieService);
  private readonly secure = inject(SECURE_COOKIES);

  /** The token to send to the API, or null when there is none. */
  token(): string | null {
    return this.cookies.get(TOKEN_COOKIE) || null;
  }

  /** The stored session, or null when there is no token. */
  read(): StoredSession | null {
    const token = this.token();
    if (token === null) return null;
    const username = this.cookies.get(USERNAME_COOKIE);
    const expiresAt = Number.parseInt(this.cookies.get(EXPIRES_COOKIE), 10);
    return Number.isFinite(expiresAt) ? { token, username, expiresAt } : { token, username };
  }

  /**
   * Stores a session: for {@link REMEMBER_ME_DAYS} days when `remember` is true, but not
   * beyond the token's `expiresAt`; otherwise until the browser closes (session cookies,
   * even for a token that expires: the app ends that session at its expiry itself).
   */
  save(session: StoredSession, remember: boolean): void {
    const { expiresAt } = session;
    const remembered = Date.now() + REMEMBER_ME_DAYS * DAY_MS;
    const until = remember ? Math.min(remembered, expiresAt ?? Infinity) : Infinity;
    const options = {
      path: PATH,
      sameSite: 'Strict',
      secure: this.secure,
      // Expires has whole seconds: rounded up, the cookie is still there when the app's
      // timer ends the session, rather than gone a moment before it.
      ...(until === Infinity ? {} : { expires: new Date(Math.ceil(until / 1000) * 1000) }),
    } as const;
    this.cookies.set(TOKEN_COOKIE, session.token, options);
    this.cookies.set(USERNAME_COOKIE, session.username, options);
    if (expiresAt !== undefined) this.cookies.set(EXPIRES_COOKIE, String(expiresAt), options);
    else if (this.cookies.check(EXPIRES_COOKIE)) this.deleteCookie(EXPIRES_COOKIE);
  }

  /** Deletes the cookies. */
  clear(): void {
    for (const name of [TOKEN_COOKIE, USERNAME_COOKIE, EXPIRES_COOKIE]) this.deleteCookie(name);
  }

  private deleteCookie(name: string): void {
    this.cookies.delete(name, PATH, undefined, this.secure, 'Strict');
  }
}
