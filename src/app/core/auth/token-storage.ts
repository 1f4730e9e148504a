import { DOCUMENT, Injectable, InjectionToken, inject } from '@angular/core';
import { CookieService } from 'ngx-cookie-service';

/** Whether the session cookies get `Secure`: whenever the page itself is served over https. */
export const SECURE_COOKIES = new InjectionToken<boolean>('SECURE_COOKIES', {
  providedIn: 'root',
  factory: () => inject(DOCUMENT).location.protocol === 'https:',
});

/** How long "Keep me signed in" keeps the cookies, in days. */
export const REMEMBER_ME_DAYS = 30;

const TOKEN_COOKIE = 'token';
// Not secret: only lets the header greet the user after a reload or in a new tab.
const USERNAME_COOKIE = 'username';
const PATH = '/';

/** What the cookies hold between page loads. */
export interface StoredSession {
  readonly token: string;
  readonly username: string;
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
    return token === null ? null : { token, username: this.cookies.get(USERNAME_COOKIE) };
  }

  /**
   * Stores a session: for {@link REMEMBER_ME_DAYS} days when `remember` is true, otherwise
   * until the browser closes (a session cookie).
   */
  save(session: StoredSession, remember: boolean): void {
    const options = {
      path: PATH,
      sameSite: 'Strict',
      secure: this.secure,
      ...(remember ? { expires: REMEMBER_ME_DAYS } : {}),
    } as const;
    this.cookies.set(TOKEN_COOKIE, session.token, options);
    this.cookies.set(USERNAME_COOKIE, session.username, options);
  }

  /** Deletes both cookies. */
  clear(): void {
    this.cookies.delete(TOKEN_COOKIE, PATH, undefined, this.secure, 'Strict');
    this.cookies.delete(USERNAME_COOKIE, PATH, undefined, this.secure, 'Strict');
  }
}
