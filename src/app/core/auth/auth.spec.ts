import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { firstValueFrom } from 'rxjs';

import {
  TOKEN,
  TestPage,
  deleteCookies,
  endAppTest,
  rejectAsInvalidToken,
  startAppTest,
} from '../../../testing/app-testing';
import { AppMessages } from '../app-messages';
import {
  Auth,
  EXPIRING_TOKEN_NOT_REVOKED_MESSAGE,
  LOGOUT_NOT_REVOKED_MESSAGE,
  NOT_LOGGED_OUT_EVERYWHERE_MESSAGE,
  SESSION_EXPIRED_MESSAGE,
} from './auth';
import { AUTH_FLAVORS, type AuthFlavor } from '../../../../api/paths';
import { AUTH_FLAVOR, authFlavorMapping } from './auth-flavor';
import { TokenStorage } from './token-storage';

const STALE = '0000000000000000000000000000000000000000';

/** Waits (up to a second, the most another tab may take) for `check` to hold. */
async function eventually(check: () => boolean): Promise<void> {
  for (let tries = 0; tries < 100 && !check(); tries++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(check()).withContext('condition within a second').toBeTrue();
}

describe('Auth', () => {
  let httpTesting: HttpTestingController;
  let storage: TokenStorage;
  let router: Router;
  let otherTab: BroadcastChannel;

  beforeEach(() => {
    httpTesting = startAppTest([
      { path: 'polls/:id', component: TestPage },
      { path: 'login', component: TestPage },
    ]);
    storage = TestBed.inject(TokenStorage);
    router = TestBed.inject(Router);
    otherTab = new BroadcastChannel('polls-auth');
  });

  afterEach(() => {
    otherTab.close();
    endAppTest();
  });

  it('restores the session from the cookies at start-up', () => {
    storage.save({ token: TOKEN, username: 'alice' }, false);
    const auth = TestBed.inject(Auth);
    expect(auth.isLoggedIn()).toBeTrue();
    expect(auth.username()).toBe('alice');
  });

  it('starts logged out without a token cookie', () => {
    const auth = TestBed.inject(Auth);
    expect(auth.isLoggedIn()).toBeFalse();
    expect(auth.username()).toBe('');
  });

  describe('login', () => {
    it('posts the credentials without any stale token and stores the new one', async () => {
      storage.save({ token: STALE, username: 'old' }, false);
      const auth = TestBed.inject(Auth);

      const done = firstValueFrom(auth.login('alice', 'wonderland', false));
      const request = httpTesting.expectOne('/accounts/get_auth_token/');
      expect(request.request.method).toBe('POST');
      expect(request.request.body).toEqual({ username: 'alice', password: 'wonderland' });
      expect(request.request.headers.has('Authorization')).toBeFalse();
      request.flush({ token: TOKEN });
      await done;

      expect(auth.isLoggedIn()).toBeTrue();
      expect(auth.username()).toBe('alice');
      expect(storage.read()).toEqual({ token: TOKEN, username: 'alice' });
    });

    it('makes the cookie last 30 days only with "Keep me signed in"', async () => {
      const auth = TestBed.inject(Auth);
      const setter = spyOnProperty(document, 'cookie', 'set').and.callThrough();
      const tokenWrite = () =>
        setter.calls
          .allArgs()
          .map(([value]) => String(value))
          .filter((value) => value.startsWith('token='))
          .pop() ?? '';

      let done = firstValueFrom(auth.login('alice', 'wonderland', false));
      httpTesting.expectOne('/accounts/get_auth_token/').flush({ token: TOKEN });
      await done;
      expect(tokenWrite()).not.toContain('Expires=');

      done = firstValueFrom(auth.login('alice', 'wonderland', true));
      httpTesting.expectOne('/accounts/get_auth_token/').flush({ token: TOKEN });
      await done;
      expect(tokenWrite()).toContain('Expires=');
    });

    it('leaves the session and the app-wide messages alone when it fails', async () => {
      const auth = TestBed.inject(Auth);
      const done = firstValueFrom(auth.login('alice', 'nope', false));
      httpTesting
        .expectOne('/accounts/get_auth_token/')
        .flush(
          { non_field_errors: ['Unable to log in with provided credentials.'] },
          { status: 400, statusText: 'Bad Request' },
        );

      await expectAsync(done).toBeRejected();
      expect(auth.isLoggedIn()).toBeFalse();
      expect(storage.token()).toBeNull();
      expect(TestBed.inject(AppMessages).current()).toBeNull();
    });

    it('is a plain login error on 401, without a redirect', async () => {
      const auth = TestBed.inject(Auth);
      const harness = await RouterTestingHarness.create('/login');
      const done = firstValueFrom(auth.login('alice', 'wonderland', false));
      rejectAsInvalidToken(httpTesting.expectOne('/accounts/get_auth_token/'));

      await expectAsync(done).toBeRejected();
      await harness.fixture.whenStable();
      expect(router.url).toBe('/login');
    });
  });

  describe('logout', () => {
    async function loggedInOn(url: string): Promise<{ auth: Auth; harness: RouterTestingHarness }> {
      storage.save({ token: TOKEN, username: 'alice' }, false);
      const auth = TestBed.inject(Auth);
      return { auth, harness: await RouterTestingHarness.create(url) };
    }

    it('revokes the token on the server, deletes the cookie and goes to login', async () => {
      const { auth, harness } = await loggedInOn('/polls/3');

      const done = auth.logout();
      const request = httpTesting.expectOne('/accounts/logout/');
      expect(request.request.method).toBe('POST');
      expect(request.request.headers.get('Authorization')).toBe(`Token ${TOKEN}`);
      expect(storage.token()).withContext('kept until the server answers').toBe(TOKEN);
      request.flush(null, { status: 204, statusText: 'No Content' });
      await done;
      await harness.fixture.whenStable();

      expect(auth.isLoggedIn()).toBeFalse();
      expect(document.cookie).not.toContain('token=');
      expect(router.url).toBe('/login');
      expect(TestBed.inject(AppMessages).current()).toBeNull();
    });

    for (const [label, fail] of [
      [
        'a server error',
        (r: ReturnType<HttpTestingController['expectOne']>) =>
          r.flush({ detail: 'Server error' }, { status: 500, statusText: 'Server Error' }),
      ],
      [
        'no connection',
        (r: ReturnType<HttpTestingController['expectOne']>) => r.error(new ProgressEvent('error')),
      ],
    ] as const) {
      it(`still ends the local session after ${label}, and says so`, async () => {
        const { auth, harness } = await loggedInOn('/polls/3');

        const done = auth.logout();
        fail(httpTesting.expectOne('/accounts/logout/'));
        await done;
        await harness.fixture.whenStable();

        expect(auth.isLoggedIn()).toBeFalse();
        expect(storage.token()).toBeNull();
        expect(router.url).toBe('/login');
        expect(TestBed.inject(AppMessages).current()).toEqual({
          kind: 'error',
          text: LOGOUT_NOT_REVOKED_MESSAGE,
        });
      });
    }

    it('counts a 401 as done: the server already forgot the token', async () => {
      const { auth, harness } = await loggedInOn('/polls/3');

      const done = auth.logout();
      rejectAsInvalidToken(httpTesting.expectOne('/accounts/logout/'));
      await done;
      await harness.fixture.whenStable();

      expect(router.url).toBe('/login');
      expect(TestBed.inject(AppMessages).current()).toBeNull();
    });

    it('sends one request when asked twice', async () => {
      const { auth } = await loggedInOn('/polls/3');

      const first = auth.logout();
      const second = auth.logout();
      httpTesting.expectOne('/accounts/logout/').flush(null, { status: 204, statusText: '' });
      await Promise.all([first, second]);

      expect(router.url).toBe('/login');
    });

    it('just goes to login when there is no token to revoke', async () => {
      const auth = TestBed.inject(Auth);
      const harness = await RouterTestingHarness.create('/polls/3');

      await auth.logout();
      await harness.fixture.whenStable();

      httpTesting.expectNone('/accounts/logout/');
      expect(router.url).toBe('/login');
    });
  });

  describe('other tabs', () => {
    it('follows a logout in another tab', async () => {
      storage.save({ token: TOKEN, username: 'alice' }, false);
      const auth = TestBed.inject(Auth);
      await RouterTestingHarness.create('/polls/3');

      deleteCookies();
      otherTab.postMessage('logged-out');

      await eventually(() => router.url === '/login?returnUrl=%2Fpolls%2F3');
      expect(auth.isLoggedIn()).toBeFalse();
    });

    it('follows a login in another tab, leaving the login page for its returnUrl', async () => {
      const auth = TestBed.inject(Auth);
      await RouterTestingHarness.create('/login?returnUrl=%2Fpolls%2F3');

      storage.save({ token: TOKEN, username: 'bob' }, false);
      otherTab.postMessage('logged-in');

      await eventually(() => router.url === '/polls/3');
      expect(auth.username()).toBe('bob');
    });

    it('follows a logout announced before this tab sees the cookie gone', async () => {
      storage.save({ token: TOKEN, username: 'alice' }, false);
      const auth = TestBed.inject(Auth);
      await RouterTestingHarness.create('/polls/3');

      otherTab.postMessage('logged-out');
      await new Promise((resolve) => setTimeout(resolve, 120));
      expect(router.url).withContext('the cookie still holds the token').toBe('/polls/3');
      deleteCookies();

      await eventually(() => router.url === '/login?returnUrl=%2Fpolls%2F3');
      expect(auth.isLoggedIn()).toBeFalse();
    });

    it('follows a login announced before this tab sees the new cookie', async () => {
      const auth = TestBed.inject(Auth);
      await RouterTestingHarness.create('/login?returnUrl=%2Fpolls%2F3');

      otherTab.postMessage('logged-in');
      await new Promise((resolve) => setTimeout(resolve, 120));
      storage.save({ token: TOKEN, username: 'bob' }, false);

      await eventually(() => router.url === '/polls/3');
      expect(auth.username()).toBe('bob');
    });

    it('tells other tabs when this one logs in or out', async () => {
      const heard: unknown[] = [];
      otherTab.onmessage = (event) => heard.push(event.data);
      const auth = TestBed.inject(Auth);
      await RouterTestingHarness.create('/login');

      const done = firstValueFrom(auth.login('alice', 'wonderland', false));
      httpTesting.expectOne('/accounts/get_auth_token/').flush({ token: TOKEN });
      await done;
      await eventually(() => heard.length === 1);

      const loggedOut = auth.logout();
      httpTesting.expectOne('/accounts/logout/').flush(null, { status: 204, statusText: '' });
      await loggedOut;
      await eventually(() => heard.length === 2);
      expect(heard).toEqual(['logged-in', 'logged-out']);
    });

    const returns: [string, () => EventTarget, string][] = [
      ['regains focus', () => window, 'focus'],
      ['becomes visible', () => document, 'visibilitychange'],
    ];
    for (const [when, target, event] of returns) {
      it(`notices a cookie removed elsewhere when the tab ${when}`, async () => {
        storage.save({ token: TOKEN, username: 'alice' }, false);
        const auth = TestBed.inject(Auth);
        const harness = await RouterTestingHarness.create('/polls/3');

        deleteCookies();
        target().dispatchEvent(new Event(event));
        await harness.fixture.whenStable();

        expect(auth.isLoggedIn()).toBeFalse();
        expect(router.url).toBe('/login?returnUrl=%2Fpolls%2F3');
      });
    }
  });
});

describe('Auth with each token backend', () => {
  // What each backend's successful logout answers.
  const LOGOUT_ANSWERS: Record<AuthFlavor, { body: object | null; status: number }> = {
    authtoken: { body: null, status: 204 },
    djoser: { body: null, status: 204 },
    'dj-rest-auth': { body: { detail: 'Successfully logged out.' }, status: 200 },
    knox: { body: null, status: 204 },
  };
  // What each backend's login answers, around the key.
  const LOGIN_ANSWERS: Record<AuthFlavor, Record<string, unknown>> = {
    authtoken: { token: TOKEN },
    djoser: { auth_token: TOKEN },
    'dj-rest-auth': { key: TOKEN },
    // Ten hours from the run, as knox's TOKEN_TTL makes it: a fixed date would pass one day.
    knox: { expiry: new Date(Date.now() + 10 * 3600_000).toISOString(), token: TOKEN },
  };

  let httpTesting: HttpTestingController;
  let storage: TokenStorage;

  function start(name: AuthFlavor): Auth {
    httpTesting = startAppTest(
      [{ path: 'login', component: TestPage }],
      [{ provide: AUTH_FLAVOR, useValue: authFlavorMapping(name) }],
    );
    storage = TestBed.inject(TokenStorage);
    return TestBed.inject(Auth);
  }

  afterEach(endAppTest);

  for (const name of AUTH_FLAVORS) {
    const { loginPath, logoutPath, tokenField } = authFlavorMapping(name);

    it(`${name}: logs in at ${loginPath}, keeps the key of its answer, logs out at ${logoutPath}`, async () => {
      const auth = start(name);
      const harness = await RouterTestingHarness.create('/login');

      const loggedIn = firstValueFrom(auth.login('alice', 'wonderland', false));
      const login = httpTesting.expectOne(loginPath);
      expect(login.request.method).toBe('POST');
      expect(login.request.body).toEqual({ username: 'alice', password: 'wonderland' });
      expect(login.request.headers.has('Authorization')).toBeFalse();
      login.flush(LOGIN_ANSWERS[name]);
      await loggedIn;
      expect(storage.token()).toBe(TOKEN);
      expect(auth.username()).toBe('alice');

      const loggedOut = auth.logout();
      const logout = httpTesting.expectOne(logoutPath);
      expect(logout.request.method).toBe('POST');
      expect(logout.request.headers.get('Authorization')).toBe(`Token ${TOKEN}`);
      const { body, status } = LOGOUT_ANSWERS[name];
      logout.flush(body, { status, statusText: '' });
      await loggedOut;
      await harness.fixture.whenStable();

      expect(storage.token()).toBeNull();
      expect(TestBed.inject(Router).url).toBe('/login');
      expect(TestBed.inject(AppMessages).current()).withContext('revoked').toBeNull();
    });

    it(`${name}: a login answer without its key field stores nothing and fails`, async () => {
      const auth = start(name);
      // Another backend's answer: the key under a field this one does not use.
      const other = Object.values(LOGIN_ANSWERS).find((answer) => !(tokenField in answer)) ?? {};

      const loggedIn = firstValueFrom(auth.login('alice', 'wonderland', false));
      httpTesting.expectOne(loginPath).flush(other);

      await expectAsync(loggedIn).toBeRejectedWithError(`The login answer has no "${tokenField}".`);
      expect(auth.isLoggedIn()).toBeFalse();
      expect(storage.token()).toBeNull();
    });
  }

  for (const [name, status] of [
    ['authtoken', 200],
    ['dj-rest-auth', 204],
  ] as const) {
    it(`${name}: says the token may live on when the logout answers ${status}, not its own success`, async () => {
      const auth = start(name);
      storage.save({ token: TOKEN, username: 'alice' }, false);
      const harness = await RouterTestingHarness.create('/login');

      const loggedOut = auth.logout();
      // A page served in place of the API, or another backend's answer.
      const body = status === 200 ? '<!doctype html><title>Polls</title>' : null;
      httpTesting
        .expectOne(authFlavorMapping(name).logoutPath)
        .flush(body, { status, statusText: '' });
      await loggedOut;
      await harness.fixture.whenStable();

      expect(storage.token()).toBeNull();
      expect(TestBed.inject(AppMessages).current()).toEqual({
        kind: 'error',
        text: LOGOUT_NOT_REVOKED_MESSAGE,
      });
    });
  }
});

describe('Auth with knox: tokens that expire, and logging out everywhere', () => {
  // The browser drops cookies by its own clock, so the fake one starts at the real time.
  const NOW = Math.floor(Date.now() / 1000) * 1000;
  const MINUTE = 60_000;
  let httpTesting: HttpTestingController;
  let storage: TokenStorage;
  let router: Router;
  let messages: AppMessages;

  function start(name: AuthFlavor = 'knox'): Auth {
    configure(name);
    return TestBed.inject(Auth);
  }

  function configure(name: AuthFlavor = 'knox'): void {
    httpTesting = startAppTest(
      [
        { path: 'polls/:id', component: TestPage },
        { path: 'login', component: TestPage },
      ],
      [{ provide: AUTH_FLAVOR, useValue: authFlavorMapping(name) }],
    );
    storage = TestBed.inject(TokenStorage);
    router = TestBed.inject(Router);
    messages = TestBed.inject(AppMessages);
  }

  beforeEach(() => {
    jasmine.clock().install();
    jasmine.clock().mockDate(new Date(NOW));
  });

  afterEach(() => {
    jasmine.clock().uninstall();
    endAppTest();
  });

  /** A knox login whose token lives `ttlMs` by the server's clock, `serverAhead` ms ahead of this one. */
  async function logInFor(auth: Auth, ttlMs: number, serverAhead?: number): Promise<void> {
    const loggedIn = firstValueFrom(auth.login('alice', 'wonderland', false));
    const serverNow = NOW + (serverAhead ?? 0);
    const expiry = new Date(serverNow + ttlMs).toISOString().replace('Z', '123Z');
    const headers: Record<string, string> =
      serverAhead === undefined ? {} : { Date: new Date(serverNow).toUTCString() };
    httpTesting.expectOne('/api/auth/login/').flush({ expiry, token: TOKEN }, { headers });
    await loggedIn;
  }

  /** Logged in with a token of five minutes, on /polls/3. */
  async function loggedInOnAQuestion(): Promise<{ auth: Auth; harness: RouterTestingHarness }> {
    const auth = start();
    const harness = await RouterTestingHarness.create('/polls/3');
    await logInFor(auth, 5 * MINUTE);
    return { auth, harness };
  }

  it('keeps the expiry next to the token, warns a minute before, and ends the session at it', async () => {
    const { auth, harness } = await loggedInOnAQuestion();
    expect(storage.read()).toEqual({
      token: TOKEN,
      username: 'alice',
      expiresAt: NOW + 5 * MINUTE,
    });

    jasmine.clock().tick(4 * MINUTE - 1);
    expect(auth.sessionEndsSoon()).toBeFalse();
    jasmine.clock().tick(1);
    expect(auth.sessionEndsSoon()).toBeTrue();
    expect(auth.isLoggedIn()).toBeTrue();

    jasmine.clock().tick(MINUTE - 1);
    expect(auth.isLoggedIn()).toBeTrue();
    jasmine.clock().tick(1);
    expect(auth.isLoggedIn()).toBeFalse();
    expect(auth.sessionEndsSoon()).toBeFalse();
    expect(storage.token()).toBeNull();
    // No request: the session ends without waiting for the API's 401 (verify() checks).
    await harness.fixture.whenStable();
    expect(router.url).toBe('/login?returnUrl=%2Fpolls%2F3');
    expect(messages.current()).toEqual({ kind: 'notice', text: SESSION_EXPIRED_MESSAGE });
  });

  it('follows the expiry of a session restored from the cookies', async () => {
    configure();
    storage.save({ token: TOKEN, username: 'alice', expiresAt: NOW + 30_000 }, true);
    const auth = TestBed.inject(Auth);
    const harness = await RouterTestingHarness.create('/polls/3');
    expect(auth.isLoggedIn()).toBeTrue();
    expect(auth.sessionEndsSoon()).toBeTrue();

    jasmine.clock().tick(30_000);
    await harness.fixture.whenStable();
    expect(auth.isLoggedIn()).toBeFalse();
    expect(router.url).toBe('/login?returnUrl=%2Fpolls%2F3');
  });

  it('forgets the expiry of a session logged out before it', async () => {
    const { auth, harness } = await loggedInOnAQuestion();
    const loggedOut = auth.logout();
    httpTesting.expectOne('/api/auth/logout/').flush(null, { status: 204, statusText: '' });
    await loggedOut;
    await harness.fixture.whenStable();

    jasmine.clock().tick(10 * MINUTE);
    expect(auth.sessionEndsSoon()).toBeFalse();
    expect(messages.current()).toBeNull();
    expect(router.url).toBe('/login');
  });

  it("follows the expiry by the server's clock, from the answer's Date", async () => {
    const auth = start();
    await RouterTestingHarness.create('/polls/3');
    // This browser's clock runs 10 minutes fast: the server's is 10 minutes behind.
    await logInFor(auth, 5 * MINUTE, -10 * MINUTE);

    // A second early at most: the Date has whole seconds.
    expect(storage.read()?.expiresAt).toBe(NOW + 5 * MINUTE - 1000);
    jasmine.clock().tick(MINUTE);
    expect(auth.isLoggedIn()).toBeTrue();
  });

  it("leaves an expiry this clock already sees past to the server's 401", async () => {
    const auth = start();
    await RouterTestingHarness.create('/polls/3');
    // No Date to compare with (an API on another origin that does not expose it).
    const loggedIn = firstValueFrom(auth.login('alice', 'wonderland', false));
    const expiry = new Date(NOW - MINUTE).toISOString();
    httpTesting.expectOne('/api/auth/login/').flush({ expiry, token: TOKEN });
    await loggedIn;

    jasmine.clock().tick(MINUTE);
    expect(auth.isLoggedIn()).toBeTrue();
    expect(storage.read()).toEqual({ token: TOKEN, username: 'alice' });
  });

  it('leaves an expiry that names no timezone to the server: the browser would read it as local', async () => {
    const auth = start();
    await RouterTestingHarness.create('/polls/3');
    const loggedIn = firstValueFrom(auth.login('alice', 'wonderland', false));
    // DRF's answer with USE_TZ off: no Z, no offset.
    const expiry = new Date(NOW + 5 * MINUTE).toISOString().replace('Z', '');
    httpTesting.expectOne('/api/auth/login/').flush({ expiry, token: TOKEN });
    await loggedIn;

    expect(storage.read()).toEqual({ token: TOKEN, username: 'alice' });
    expect(auth.isLoggedIn()).toBeTrue();
  });

  it('ends a session whose expiry passed while the machine slept, when the tab is back', async () => {
    const { auth, harness } = await loggedInOnAQuestion();

    // Asleep: the clock moves on, the timers do not run.
    jasmine.clock().mockDate(new Date(NOW + 6 * MINUTE));
    window.dispatchEvent(new Event('focus'));
    await harness.fixture.whenStable();

    expect(auth.isLoggedIn()).toBeFalse();
    expect(router.url).toBe('/login?returnUrl=%2Fpolls%2F3');
    expect(messages.current()).toEqual({ kind: 'notice', text: SESSION_EXPIRED_MESSAGE });
  });

  it('asks for the login again before the token expires: the token is revoked, the page kept', async () => {
    const { auth, harness } = await loggedInOnAQuestion();
    jasmine.clock().tick(4 * MINUTE);
    expect(auth.sessionEndsSoon()).toBeTrue();

    const renewed = auth.logInAgain();
    const logout = httpTesting.expectOne('/api/auth/logout/');
    expect(logout.request.headers.get('Authorization')).toBe(`Token ${TOKEN}`);
    logout.flush(null, { status: 204, statusText: '' });
    await renewed;
    await harness.fixture.whenStable();

    expect(storage.token()).toBeNull();
    expect(auth.sessionEndsSoon()).toBeFalse();
    expect(router.url).toBe('/login?returnUrl=%2Fpolls%2F3');
    expect(messages.current()).toBeNull();
  });

  it('says the token lives on until it expires when its logout cannot reach the server', async () => {
    const { auth, harness } = await loggedInOnAQuestion();

    const loggedOut = auth.logout();
    httpTesting.expectOne('/api/auth/logout/').error(new ProgressEvent('error'));
    await loggedOut;
    await harness.fixture.whenStable();

    expect(messages.current()).toEqual({ kind: 'error', text: EXPIRING_TOKEN_NOT_REVOKED_MESSAGE });
  });

  it('says the other devices are still logged in when logoutall answers 401', async () => {
    const { auth, harness } = await loggedInOnAQuestion();

    const loggedOut = auth.logoutEverywhere();
    // The token died on the server first: knox cannot tell whose other tokens to end.
    rejectAsInvalidToken(httpTesting.expectOne('/api/auth/logoutall/'));
    await loggedOut;
    await harness.fixture.whenStable();

    expect(storage.token()).toBeNull();
    expect(router.url).toBe('/login');
    expect(messages.current()).toEqual({ kind: 'error', text: NOT_LOGGED_OUT_EVERYWHERE_MESSAGE });
  });

  it('logs out on all devices at logoutall, with the token', async () => {
    const auth = start();
    expect(auth.canLogOutEverywhere).toBeTrue();
    const harness = await RouterTestingHarness.create('/polls/3');
    await logInFor(auth, 5 * MINUTE);

    const loggedOut = auth.logoutEverywhere();
    const request = httpTesting.expectOne('/api/auth/logoutall/');
    expect(request.request.method).toBe('POST');
    expect(request.request.headers.get('Authorization')).toBe(`Token ${TOKEN}`);
    request.flush(null, { status: 204, statusText: '' });
    await loggedOut;
    await harness.fixture.whenStable();

    expect(storage.token()).toBeNull();
    expect(router.url).toBe('/login');
    expect(messages.current()).toBeNull();
  });

  for (const name of AUTH_FLAVORS.filter((flavor) => flavor !== 'knox')) {
    it(`${name}: offers no logging out everywhere, which only knox can`, () => {
      expect(start(name).canLogOutEverywhere).toBeFalse();
    });
  }
});
