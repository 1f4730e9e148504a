import { HttpClient, HttpContext, HttpErrorResponse } from '@angular/common/http';
import {
  DOCUMENT,
  DestroyRef,
  Injectable,
  PendingTasks,
  computed,
  inject,
  signal,
} from '@angular/core';
import { Router } from '@angular/router';
import { Observable, firstValueFrom, map } from 'rxjs';

import { injectApiUrl } from '../api-config';
import { AppMessages } from '../app-messages';
import { UNAUTHORIZED } from '../http-status';
import { SILENT_ERRORS, SKIP_AUTH } from './auth-context';
import { AUTH_FLAVOR } from './auth-flavor';
import { loginUrl, safeReturnUrl } from './return-url';
import { TokenStorage, type StoredSession } from './token-storage';

/** Shown after a logout whose server call failed: the token may still be valid there. */
export const LOGOUT_NOT_REVOKED_MESSAGE =
  'You are logged out on this device, but the server could not be reached to revoke your ' +
  'token. It stays valid until you log in and out again.';

/** The same, for a backend with a new token per login (knox): that one lives until it expires. */
export const EXPIRING_TOKEN_NOT_REVOKED_MESSAGE =
  'You are logged out on this device, but the server could not be reached to revoke your ' +
  'token. It stays valid until it expires, unless you log in and choose Log out on all devices.';

/** Shown after "Log out on all devices" that did not reach the other devices' tokens. */
export const NOT_LOGGED_OUT_EVERYWHERE_MESSAGE =
  'You are logged out on this device, but your other devices could not be logged out. Log ' +
  'in again and choose Log out on all devices.';

/** Shown on the login page after the API refused the token. */
export const SESSION_ENDED_MESSAGE = 'Your session has ended. Please log in again.';

/** Shown from a minute before a token that expires (knox's) does, until it does. */
export const SESSION_ENDING_MESSAGE =
  'Your session ends within a minute. You will then be asked to log in again.';

/** Shown on the login page once the token has expired. */
export const SESSION_EXPIRED_MESSAGE = 'Your session has expired.';

/** How long before the token expires the user is told. */
export const EXPIRY_WARNING_MS = 60_000;
// setTimeout runs at once for a longer delay; a later expiry is looked at again then.
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

// Other tabs share the cookies; a message on this channel only tells them to look again.
const CHANNEL_NAME = 'polls-auth';
type SessionChange = 'logged-in' | 'logged-out';
// The sender writes the cookie before it posts, but another tab's renderer may read its
// copy of the cookies a moment later than the message arrives; look again a few times.
const RECHECK_MS = 50;
const RECHECKS = 20;

/**
 * The user's session. The `token` cookie is the source of truth (see {@link TokenStorage});
 * the signals mirror it and follow changes made by other tabs within a moment, through a
 * `BroadcastChannel` and a fresh look at the cookie whenever the tab regains focus. A
 * token that expires (knox's) ends the session at its expiry, after a warning.
 */
@Injectable({ providedIn: 'root' })
export class Auth {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly storage = inject(TokenStorage);
  private readonly messages = inject(AppMessages);
  private readonly apiUrl = injectApiUrl();
  private readonly flavor = inject(AUTH_FLAVOR);
  private readonly document = inject(DOCUMENT);
  private readonly pendingTasks = inject(PendingTasks);

  // The username of the stored session ('' when unknown), or null when logged out.
  private readonly user = signal<string | null>(this.storage.read()?.username ?? null);
  // Null once the app is destroyed: a closed channel throws on postMessage.
  private channel =
    typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL_NAME) : null;
  private loggingOut: Promise<void> | null = null;
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;
  // When the timer is due: a timer does not run while the machine sleeps.
  private expiryCheckAt: number | undefined;
  private watched: StoredSession | null = null;
  private readonly endsSoon = signal(false);

  /** Whether a token is stored. */
  readonly isLoggedIn = computed(() => this.user() !== null);

  /** The name the user logged in with, or '' when logged out. */
  readonly username = computed(() => this.user() ?? '');

  /** Whether the backend can end every session of the user at once (knox's logoutall). */
  readonly canLogOutEverywhere = this.flavor.logoutAllPath !== undefined;

  /**
   * Whether the token expires within {@link EXPIRY_WARNING_MS}: the shell says so until it
   * does, whatever page the user goes to (see {@link SESSION_ENDING_MESSAGE}).
   */
  readonly sessionEndsSoon = this.endsSoon.asReadonly();

  constructor() {
    const follow = () => this.followOtherTabs();
    const followMessage = (event: MessageEvent) => this.followOtherTabs(event.data);
    const followWhenVisible = () => {
      if (this.document.visibilityState === 'visible') follow();
    };
    const view = this.document.defaultView;
    this.channel?.addEventListener('message', followMessage);
    view?.addEventListener('focus', follow);
    this.document.addEventListener('visibilitychange', followWhenVisible);
    this.watchExpiry(this.storage.read());
    inject(DestroyRef).onDestroy(() => {
      clearTimeout(this.expiryTimer);
      this.channel?.close();
      this.channel = null;
      view?.removeEventListener('focus', follow);
      this.document.removeEventListener('visibilitychange', followWhenVisible);
    });
  }

  /**
   * Exchanges a username and password for a token at the backend's login path and stores
   * it: for 30 days when `remember` is true, else for the browser session, and never
   * beyond the expiry the answer gives (knox's). Errors are the caller's to show: the
   * request goes out without any stale token and without app-wide error handling. An
   * answer without the key in the backend's field is an error too.
   */
  login(username: string, password: string, remember: boolean): Observable<void> {
    const context = new HttpContext().set(SKIP_AUTH, true).set(SILENT_ERRORS, true);
    const { loginPath, tokenField, expiryField } = this.flavor;
    const askedAt = Date.now();
    return this.http
      .post<unknown>(
        this.apiUrl(loginPath),
        { username, password },
        { context, observe: 'response' },
      )
      .pipe(
        map(({ body: answer, headers }) => {
          const token = fieldOf(answer, tokenField);
          if (typeof token !== 'string' || token === '') {
            throw new Error(`The login answer has no "${tokenField}".`);
          }
          const expiresAt = expiryField
            ? localExpiry(
                zonedTimeOf(fieldOf(answer, expiryField)),
                timeOf(headers.get('Date')),
                askedAt,
              )
            : undefined;
          const session =
            expiresAt === undefined ? { token, username } : { token, username, expiresAt };
          this.storage.save(session, remember);
          this.user.set(username);
          this.watchExpiry(session);
          this.tellOtherTabs('logged-in');
        }),
      );
  }

  /**
   * Revokes the token on the server, then forgets it here and goes to the login page.
   * If the server could not revoke it, the local session still ends and a message says so.
   * Calls made while a logout is running share it.
   */
  logout(): Promise<void> {
    return this.runLogout(this.flavor.logoutPath, false);
  }

  /**
   * As {@link logout}, but the server revokes every token of the user, ending the session
   * on all devices (only where {@link canLogOutEverywhere}).
   */
  logoutEverywhere(): Promise<void> {
    const { logoutAllPath } = this.flavor;
    return logoutAllPath === undefined ? this.logout() : this.runLogout(logoutAllPath, true);
  }

  /**
   * Logs out as {@link logout} does, then asks for the login with the current page as
   * `returnUrl`: the way to go on when the token is about to expire.
   */
  logInAgain(): Promise<void> {
    return this.runLogout(this.flavor.logoutPath, false, this.currentUrl());
  }

  private runLogout(path: string, everywhere: boolean, returnUrl?: string): Promise<void> {
    if (this.loggingOut === null) {
      // The app is not stable (for tests and tooling) until the logout has finished.
      const done = this.pendingTasks.add();
      this.loggingOut = this.revokeAndEnd(path, everywhere, returnUrl).finally(() => {
        this.loggingOut = null;
        done();
      });
    }
    return this.loggingOut;
  }

  /**
   * Whether a token is stored, read afresh from the cookie (another tab may have changed
   * it); the session signals are brought in line on the way.
   */
  hasStoredToken(): boolean {
    const stored = this.storage.read();
    this.user.set(stored === null ? null : stored.username);
    this.watchExpiry(stored);
    return stored !== null;
  }

  /**
   * Ends the session after the API answered 401 to a request sent with `sentToken` (null:
   * sent without one), and goes to the login page with the current page as `returnUrl`.
   * Only the first of several failures acts: once the cookie no longer holds `sentToken`
   * the session it belonged to is over, and a newer session must not be ended by an old
   * request.
   */
  endRejectedSession(sentToken: string | null): void {
    const current = this.storage.token();
    const alreadyEnded = sentToken === null ? this.user() === null : current !== sentToken;
    if (alreadyEnded) return;
    const returnUrl = this.currentUrl();
    this.endLocalSession();
    void this.router.navigateByUrl(loginUrl(this.router, returnUrl)).then((navigated) => {
      if (navigated) this.messages.notice(SESSION_ENDED_MESSAGE);
    });
  }

  private async revokeAndEnd(path: string, everywhere: boolean, returnUrl?: string): Promise<void> {
    // Without a token of its own, a logout everywhere cannot name the user to the server.
    let revoked = !everywhere;
    if (this.storage.token() !== null) {
      const context = new HttpContext().set(SILENT_ERRORS, true);
      const { logoutStatus } = this.flavor;
      revoked = await firstValueFrom(
        this.http.post(this.apiUrl(path), null, { context, observe: 'response' }),
      ).then(
        // A success other than the backend's own is not its logout: a page served in its place.
        (response) => response.status === logoutStatus,
        // 401: the server no longer knows this token, which is what logging out here is
        // for; but then it revoked none of the user's other tokens either.
        (error: unknown) =>
          !everywhere && error instanceof HttpErrorResponse && error.status === UNAUTHORIZED,
      );
    }
    this.endLocalSession();
    await this.router.navigateByUrl(
      returnUrl === undefined ? '/login' : loginUrl(this.router, returnUrl),
    );
    if (!revoked) this.messages.error(this.notRevokedMessage(everywhere));
  }

  private notRevokedMessage(everywhere: boolean): string {
    if (everywhere) return NOT_LOGGED_OUT_EVERYWHERE_MESSAGE;
    return this.flavor.expiryField === undefined
      ? LOGOUT_NOT_REVOKED_MESSAGE
      : EXPIRING_TOKEN_NOT_REVOKED_MESSAGE;
  }

  private endLocalSession(): void {
    this.storage.clear();
    this.user.set(null);
    this.watchExpiry(null);
    this.tellOtherTabs('logged-out');
  }

  /**
   * Follows the stored session's expiry, if its token has one: a notice
   * {@link EXPIRY_WARNING_MS} before, and at the expiry the session ends here without
   * waiting for the API's 401, on the login page with the page as `returnUrl`. Each call
   * replaces the last; null stops it.
   */
  private watchExpiry(session: StoredSession | null): void {
    const same = (a: StoredSession | null, b: StoredSession | null) =>
      a?.token === b?.token && a?.expiresAt === b?.expiresAt;
    // The guard and a tab's focus look at the cookie again: an unchanged session keeps its
    // timer, unless that is overdue (the machine slept), when the clock is read at once.
    if (same(session, this.watched)) {
      if (this.expiryCheckAt !== undefined && Date.now() >= this.expiryCheckAt) this.checkExpiry();
      return;
    }
    this.watched = session;
    this.endsSoon.set(false);
    this.checkExpiry();
  }

  private checkExpiry(): void {
    clearTimeout(this.expiryTimer);
    this.expiryCheckAt = undefined;
    const session = this.watched;
    const expiresAt = session?.expiresAt;
    if (session === null || expiresAt === undefined) return;
    const left = expiresAt - Date.now();
    if (left <= 0) return this.endExpiredSession(session.token);
    if (left <= EXPIRY_WARNING_MS) this.endsSoon.set(true);
    const wait = this.endsSoon() ? left : left - EXPIRY_WARNING_MS;
    this.expiryCheckAt = Date.now() + wait;
    this.expiryTimer = setTimeout(() => this.checkExpiry(), Math.min(wait, MAX_TIMEOUT_MS));
  }

  private endExpiredSession(token: string): void {
    // The browser may have dropped the cookie a moment before; but a session that has
    // ended, or another tab's newer one, is not this one's to end.
    const current = this.storage.token();
    if (this.user() === null || (current !== null && current !== token)) return;
    const returnUrl = this.currentUrl();
    this.endLocalSession();
    void this.router.navigateByUrl(loginUrl(this.router, returnUrl)).then((navigated) => {
      if (navigated) this.messages.notice(SESSION_EXPIRED_MESSAGE);
    });
  }

  private tellOtherTabs(change: SessionChange): void {
    this.channel?.postMessage(change);
  }

  /**
   * Follows a login or logout that happened in another tab. The cookie decides; when a
   * message announced a change the cookie does not show yet, it is read again shortly.
   */
  private followOtherTabs(announced?: unknown, recheck = 0): void {
    const wasLoggedIn = this.isLoggedIn();
    const isLoggedIn = this.hasStoredToken();
    const expected =
      announced === 'logged-in' ? true : announced === 'logged-out' ? false : isLoggedIn;
    if (isLoggedIn !== expected && recheck < RECHECKS) {
      setTimeout(() => this.followOtherTabs(announced, recheck + 1), RECHECK_MS);
    }
    if (wasLoggedIn && !isLoggedIn) {
      void this.router.navigateByUrl(loginUrl(this.router, this.currentUrl()));
    } else if (!wasLoggedIn && isLoggedIn) {
      const url = this.router.parseUrl(this.router.url);
      if (url.root.children['primary']?.segments[0]?.path === 'login') {
        void this.router.navigateByUrl(safeReturnUrl(url.queryParamMap.get('returnUrl')));
      }
    }
  }

  /** The page the user is on, or is on the way to. */
  private currentUrl(): string {
    const navigation = this.router.currentNavigation();
    const target = navigation?.finalUrl ?? navigation?.extractedUrl;
    return target ? this.router.serializeUrl(target) : this.router.url;
  }
}

/**
 * When a token expires by this browser's clock: `expiry` as the server wrote it, moved by
 * how far the clocks differ when the answer's `Date` (`serverNow`) is readable (a
 * cross-origin API must expose it). `Date` has whole seconds and was stamped after the
 * login was asked for (`askedAt`), so the estimate errs early, by at most the round trip
 * and a second, never late. Undefined, leaving the end to the server's 401, for an expiry
 * that has already passed: a server clock this app cannot follow must not end a session
 * the moment it begins.
 */
function localExpiry(
  expiry: number | undefined,
  serverNow: number | undefined,
  askedAt: number,
): number | undefined {
  if (expiry === undefined) return undefined;
  const local = serverNow === undefined ? expiry : askedAt + (expiry - (serverNow + 1000));
  return local > Date.now() ? local : undefined;
}

/**
 * An ISO 8601 time that names its timezone (`Z` or an offset, as DRF writes it with
 * USE_TZ), in ms since 1970; undefined for one without, which a browser would read as its
 * own local time.
 */
function zonedTimeOf(value: unknown): number | undefined {
  return typeof value === 'string' && /(Z|[+-]\d\d:\d\d)$/.test(value) ? timeOf(value) : undefined;
}

/** The time a date string (ISO 8601, or HTTP's) names, in ms since 1970; undefined for anything else. */
function timeOf(value: unknown): number | undefined {
  const time = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isFinite(time) ? time : undefined;
}

/** A field of a JSON answer, if the answer is an object. */
function fieldOf(answer: unknown, field: string): unknown {
  return typeof answer === 'object' && answer !== null
    ? (answer as Record<string, unknown>)[field]
    : undefined;
}
