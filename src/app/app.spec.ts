import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { Router } from '@angular/router';

import { TOKEN, deleteCookies } from '../testing/app-testing';
import { QUESTION } from '../testing/polls-testing';
import { App } from './app';
import { appConfig } from './app.config';
import { AppMessages } from './core/app-messages';
import { LOGOUT_NOT_REVOKED_MESSAGE, SESSION_ENDING_MESSAGE } from './core/auth/auth';
import { AUTH_FLAVOR, authFlavorMapping } from './core/auth/auth-flavor';
import { TokenStorage } from './core/auth/token-storage';

describe('App', () => {
  let fixture: ComponentFixture<App>;
  let shell: HTMLElement;
  let router: Router;
  let httpTesting: HttpTestingController;

  beforeEach(() => {
    deleteCookies();
    TestBed.configureTestingModule({
      providers: [...appConfig.providers, provideHttpClientTesting()],
    });
    router = TestBed.inject(Router);
    httpTesting = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    httpTesting.verify();
    deleteCookies();
  });

  async function start(url: string, loggedInAs?: string): Promise<void> {
    if (loggedInAs)
      TestBed.inject(TokenStorage).save({ token: TOKEN, username: loggedInAs }, false);
    fixture = TestBed.createComponent(App);
    shell = fixture.nativeElement as HTMLElement;
    await navigate(url);
  }

  async function navigate(url: string): Promise<void> {
    await router.navigateByUrl(url);
    await fixture.whenStable();
  }

  function button(name: string): HTMLButtonElement | undefined {
    return [...shell.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
  }

  function heading(): string | undefined {
    return shell.querySelector('main h1')?.textContent?.trim();
  }

  describe('header', () => {
    it('names the app with a link to the polls', async () => {
      await start('/nowhere');
      const brand = shell.querySelector<HTMLAnchorElement>('header a');
      expect(brand?.textContent?.trim()).toBe('Polls');
      expect(brand?.getAttribute('href')).toBe('/polls');
    });

    it('shows the signed-in user and a Log out button', async () => {
      await start('/nowhere', 'alice');
      expect(shell.querySelector('header')?.textContent).toContain('Signed in as');
      expect(shell.querySelector('header')?.textContent).toContain('alice');
      expect(button('Log out')).toBeDefined();
      expect(button('Log out on all devices')).withContext('authtoken cannot').toBeUndefined();
    });

    it('shows no session when logged out', async () => {
      await start('/nowhere');
      expect(shell.querySelector('header')?.textContent).not.toContain('Signed in as');
      expect(button('Log out')).toBeUndefined();
    });

    it('logs out with the button: the server revokes the token, then the login page', async () => {
      await start('/nowhere', 'alice');
      button('Log out')?.click();
      // Not whenStable(): the app is busy until the server answers.
      TestBed.tick();
      expect(button('Log out')?.disabled).toBeTrue();
      expect(button('Log out')?.getAttribute('aria-busy')).toBe('true');

      const request = httpTesting.expectOne('/accounts/logout/');
      expect(request.request.headers.get('Authorization')).toBe(`Token ${TOKEN}`);
      request.flush(null, { status: 204, statusText: 'No Content' });
      await fixture.whenStable();

      expect(router.url).toBe('/login');
      expect(heading()).toBe('Log in');
      expect(button('Log out')).toBeUndefined();
      expect(document.cookie).not.toContain('token=');
    });

    it('says so when the server could not revoke the token on logout', async () => {
      await start('/nowhere', 'alice');
      button('Log out')?.click();
      httpTesting.expectOne('/accounts/logout/').error(new ProgressEvent('error'));
      await fixture.whenStable();

      expect(router.url).toBe('/login');
      expect(shell.querySelector('[role="alert"]')?.textContent).toContain(
        LOGOUT_NOT_REVOKED_MESSAGE,
      );
    });
  });

  describe('routes', () => {
    it('sends a logged-out visitor from / to login, asking to come back to the polls', async () => {
      await start('/');
      expect(router.url).toBe('/login?returnUrl=%2Fpolls');
      expect(heading()).toBe('Log in');
      expect(TestBed.inject(Title).getTitle()).toBe('Log in · Polls');
    });

    it('keeps a logged-out visitor out of every polls page', async () => {
      await start('/polls/7/results');
      expect(router.url).toBe('/login?returnUrl=%2Fpolls%2F7%2Fresults');
    });

    it('shows a not-found page for unknown addresses', async () => {
      await start('/no/such/page');
      expect(heading()).toBe('Page not found');
      expect(TestBed.inject(Title).getTitle()).toBe('Page not found · Polls');
    });

    it('logs out at /logout, as the tutorial link does', async () => {
      await start('/nowhere', 'alice');
      // Not whenStable(): the app is busy until the server answers.
      await router.navigateByUrl('/logout');
      TestBed.tick();
      httpTesting.expectOne('/accounts/logout/').flush(null, { status: 204, statusText: '' });
      await fixture.whenStable();

      expect(router.url).toBe('/login');
      expect(TestBed.inject(TokenStorage).token()).toBeNull();
    });
  });

  describe('messages and focus', () => {
    it('shows errors as an alert and notices as a status, until the next navigation', async () => {
      await start('/nowhere');
      const messages = TestBed.inject(AppMessages);

      messages.error('You do not have permission to do that.');
      await fixture.whenStable();
      expect(shell.querySelector('main [role="alert"]')?.textContent).toContain(
        'You do not have permission to do that.',
      );

      messages.notice('Your session has ended. Please log in again.');
      await fixture.whenStable();
      expect(shell.querySelector('[role="alert"]')).toBeNull();
      expect(shell.querySelector('main [role="status"]')?.textContent).toContain(
        'Your session has ended.',
      );

      await navigate('/login');
      expect(shell.querySelector('[role="status"]')).toBeNull();
    });

    it('puts each message into a polite live region that is there before it', async () => {
      await start('/nowhere');
      const region = shell.querySelector('main [aria-live="polite"]');
      expect(region).not.toBeNull();
      expect(region?.textContent?.trim()).toBe('');

      TestBed.inject(AppMessages).notice('Your session ends in a minute.');
      await fixture.whenStable();
      expect(shell.querySelector('main [aria-live="polite"]')).toBe(region);
      expect(region?.querySelector('[role="status"]')?.textContent).toContain(
        'Your session ends in a minute.',
      );
    });

    /** The one alert on screen, in the shell or the page; no app-wide banner besides it. */
    function expectOnlyAlert(text: string): void {
      const alerts = [...shell.querySelectorAll('[role="alert"]')];
      expect(alerts.map((alert) => alert.textContent?.trim())).toEqual([text]);
      expect(TestBed.inject(AppMessages).current()).toBeNull();
      expect(button('Dismiss')).toBeUndefined();
    }

    /** Logged in, opens `url` and leaves its load for the test to answer. */
    async function startOnPollsPage(url: string): Promise<void> {
      await start('/nowhere', 'alice');
      // Not whenStable(): the page is busy until the server answers.
      await router.navigateByUrl(url);
      TestBed.tick();
    }

    for (const [url, request] of [
      ['/polls', '/polls/api/questions/'],
      ['/polls/1', '/polls/api/questions/1/'],
      ['/polls/1/results', '/polls/api/questions/1/'],
    ]) {
      it(`shows one message when ${url} loses the connection: the page's, with Retry`, async () => {
        await startOnPollsPage(url);
        httpTesting.expectOne(request).error(new ProgressEvent('error'));
        await fixture.whenStable();

        expectOnlyAlert('Cannot reach the server. Check your connection and try again.');
        expect(button('Retry')).toBeDefined();
      });
    }

    it('shows one message when a vote loses the connection: beside the form', async () => {
      await startOnPollsPage('/polls/1');
      httpTesting.expectOne('/polls/api/questions/1/').flush(QUESTION);
      await fixture.whenStable();
      shell.querySelector<HTMLInputElement>('input[type="radio"]')?.click();
      await fixture.whenStable();
      button('Vote')?.click();
      TestBed.tick();
      httpTesting.expectOne('/polls/api/questions/1/vote/').error(new ProgressEvent('error'));
      await fixture.whenStable();

      expectOnlyAlert(
        'Your vote could not be sent. Cannot reach the server. Check your connection and try again.',
      );
      expect(router.url).toBe('/polls/1');
    });

    it('lets the user dismiss a message', async () => {
      await start('/nowhere');
      TestBed.inject(AppMessages).error('Cannot reach the server.');
      await fixture.whenStable();

      button('Dismiss')?.click();
      await fixture.whenStable();
      expect(shell.querySelector('[role="alert"]')).toBeNull();
    });

    it("moves focus to the new page's heading after a navigation", async () => {
      await start('/nowhere');
      await navigate('/login');
      expect(document.activeElement?.textContent?.trim()).toBe('Log in');
      expect(document.activeElement?.tagName).toBe('H1');
    });

    it('has a skip link to the page content', async () => {
      await start('/nowhere');
      button('Skip to main content')?.click();
      expect(document.activeElement?.textContent?.trim()).toBe('Page not found');
    });
  });
});

describe('App with knox', () => {
  beforeEach(() => {
    deleteCookies();
    TestBed.configureTestingModule({
      providers: [
        ...appConfig.providers,
        provideHttpClientTesting(),
        { provide: AUTH_FLAVOR, useValue: authFlavorMapping('knox') },
      ],
    });
  });

  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    deleteCookies();
  });

  it('keeps the warning of a session about to end on every page, with "Log in again"', async () => {
    const session = { token: TOKEN, username: 'alice', expiresAt: Date.now() + 30_000 };
    TestBed.inject(TokenStorage).save(session, false);
    const fixture = TestBed.createComponent(App);
    const router = TestBed.inject(Router);
    const shell = fixture.nativeElement as HTMLElement;
    const region = () => shell.querySelector('[aria-live="polite"]');
    await router.navigateByUrl('/nowhere');
    await fixture.whenStable();
    expect(region()?.querySelector('[role="status"]')?.textContent).toContain(
      SESSION_ENDING_MESSAGE,
    );

    // A navigation clears the app's messages, not this one.
    await router.navigateByUrl('/elsewhere');
    await fixture.whenStable();
    expect(region()?.textContent).toContain(SESSION_ENDING_MESSAGE);
    // The skip link lands before the notice, so that Log in again is the next Tab.
    shell.querySelector<HTMLButtonElement>('.skip-link')?.click();
    expect(document.activeElement).toBe(shell.querySelector('main'));

    [...(region()?.querySelectorAll('button') ?? [])]
      .find((b) => b.textContent?.trim() === 'Log in again')
      ?.click();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/auth/logout/')
      .flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();

    expect(router.url).toBe('/login?returnUrl=%2Felsewhere');
    expect(region()?.textContent).not.toContain(SESSION_ENDING_MESSAGE);
  });

  it('offers "Log out on all devices", which ends every token of the user', async () => {
    TestBed.inject(TokenStorage).save({ token: TOKEN, username: 'alice' }, false);
    const fixture = TestBed.createComponent(App);
    const router = TestBed.inject(Router);
    await router.navigateByUrl('/nowhere');
    await fixture.whenStable();
    const shell = fixture.nativeElement as HTMLElement;
    const everywhere = [...shell.querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === 'Log out on all devices',
    );

    everywhere?.click();
    const request = TestBed.inject(HttpTestingController).expectOne('/api/auth/logoutall/');
    expect(request.request.headers.get('Authorization')).toBe(`Token ${TOKEN}`);
    request.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();

    expect(router.url).toBe('/login');
    expect(TestBed.inject(TokenStorage).token()).toBeNull();
  });
});
