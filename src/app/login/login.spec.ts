import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';

import { TOKEN, TestPage, endAppTest, startAppTest } from '../../testing/app-testing';
import { TokenStorage } from '../core/auth/token-storage';
import { Login } from './login';

describe('Login', () => {
  let httpTesting: HttpTestingController;
  let router: Router;
  let harness: RouterTestingHarness;
  let page: HTMLElement;

  beforeEach(() => {
    httpTesting = startAppTest([
      { path: 'login', component: Login },
      { path: 'polls', component: TestPage },
      { path: 'polls/:id', component: TestPage },
    ]);
    router = TestBed.inject(Router);
  });

  afterEach(endAppTest);

  async function open(url = '/login'): Promise<void> {
    harness = await RouterTestingHarness.create(url);
    page = harness.fixture.nativeElement as HTMLElement;
  }

  function field(label: string): HTMLInputElement {
    const labelElement = [...page.querySelectorAll('label')].find(
      (element) => element.textContent?.trim() === label,
    );
    const input = labelElement?.htmlFor
      ? page.querySelector<HTMLInputElement>(`#${labelElement.htmlFor}`)
      : labelElement?.querySelector('input');
    if (!input) throw new Error(`No field labelled "${label}"`);
    return input;
  }

  function submitButton(): HTMLButtonElement {
    const button = page.querySelector<HTMLButtonElement>('button[type="submit"]');
    if (!button) throw new Error('No submit button');
    return button;
  }

  function alertText(): string | undefined {
    return page.querySelector('[role="alert"]')?.textContent?.trim();
  }

  function describedBy(input: HTMLInputElement): string {
    const ids = input.getAttribute('aria-describedby')?.split(' ') ?? [];
    return ids.map((id) => page.querySelector(`#${id}`)?.textContent?.trim()).join(' ');
  }

  async function type(label: string, value: string): Promise<void> {
    const input = field(label);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await harness.fixture.whenStable();
  }

  /** Answers the login request as the server would, and waits for the page to show it. */
  async function answer(...response: Parameters<TestRequest['flush']>): Promise<void> {
    httpTesting.expectOne('/accounts/get_auth_token/').flush(...response);
    await harness.fixture.whenStable();
  }

  /** What the app last wrote to the token cookie, with its attributes. */
  function tokenCookieWrite(setter: jasmine.Spy): string | undefined {
    return setter.calls
      .allArgs()
      .map(([value]) => String(value))
      .find((value) => value.startsWith('token='));
  }

  async function submit(username = 'alice', password = 'wonderland'): Promise<void> {
    await type('Username', username);
    await type('Password', password);
    submitButton().click();
    await harness.fixture.whenStable();
  }

  /** Logs in with a wrong password; the server refuses it as DRF does. */
  async function submitWrongPassword(): Promise<void> {
    await submit('alice', 'wrong');
    await answer(
      { non_field_errors: ['Unable to log in with provided credentials.'] },
      { status: 400, statusText: 'Bad Request' },
    );
  }

  it('has a labelled form with a heading, a remember-me box and a submit button', async () => {
    await open();
    expect(page.querySelector('h1')?.textContent?.trim()).toBe('Log in');
    expect(page.querySelector('h1')?.getAttribute('tabindex')).toBe('-1');
    expect(field('Username').type).toBe('text');
    expect(field('Username').autocomplete).toBe('username');
    expect(field('Password').type).toBe('password');
    expect(field('Password').autocomplete).toBe('current-password');
    expect(field('Keep me signed in').type).toBe('checkbox');
    expect(submitButton().textContent?.trim()).toBe('Log in');
    expect(page.querySelector('[role="alert"]')).toBeNull();
  });

  it('asks for both fields before sending anything', async () => {
    await open();
    submitButton().click();
    await harness.fixture.whenStable();

    for (const [label, message] of [
      ['Username', 'Enter your username.'],
      ['Password', 'Enter your password.'],
    ]) {
      expect(field(label).getAttribute('aria-invalid')).toBe('true');
      expect(describedBy(field(label))).toBe(message);
    }
    expect(document.activeElement).toBe(field('Username'));
    httpTesting.expectNone('/accounts/get_auth_token/');

    await type('Username', 'alice');
    expect(field('Username').getAttribute('aria-invalid')).toBe('false');
    expect(field('Username').hasAttribute('aria-describedby')).toBeFalse();
  });

  it('asks only for the field that is still empty, and focuses it', async () => {
    await open();
    await type('Username', 'alice');
    submitButton().click();
    await harness.fixture.whenStable();

    expect(field('Username').getAttribute('aria-invalid')).toBe('false');
    expect(field('Username').hasAttribute('aria-describedby')).toBeFalse();
    expect(field('Password').getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(field('Password'))).toBe('Enter your password.');
    expect(document.activeElement).toBe(field('Password'));
    httpTesting.expectNone('/accounts/get_auth_token/');
  });

  it('sends the form through the API only: the browser never posts it itself', async () => {
    await open();
    const form = page.querySelector('form');
    if (!form) throw new Error('No form');
    const event = new SubmitEvent('submit', { cancelable: true, submitter: submitButton() });
    form.dispatchEvent(event);
    await harness.fixture.whenStable();

    expect(event.defaultPrevented).toBeTrue();
    expect(form.noValidate).toBeTrue();
    httpTesting.expectNone('/accounts/get_auth_token/');
  });

  it('shows progress on a disabled button while the request is in flight, then goes back', async () => {
    await open('/login?returnUrl=%2Fpolls%2F3');
    await submit();

    const request = httpTesting.expectOne('/accounts/get_auth_token/');
    expect(request.request.body).toEqual({ username: 'alice', password: 'wonderland' });
    expect(submitButton().disabled).toBeTrue();
    expect(submitButton().getAttribute('aria-busy')).toBe('true');
    expect(submitButton().textContent?.trim()).toBe('Logging in…');

    request.flush({ token: TOKEN });
    await harness.fixture.whenStable();

    expect(router.url).toBe('/polls/3');
    expect(TestBed.inject(TokenStorage).read()).toEqual({ token: TOKEN, username: 'alice' });
  });

  it('goes to the returnUrl of the address the page shows now, after the router reused it', async () => {
    await open('/login?returnUrl=%2Fpolls%2F3');
    const login = page.querySelector('app-login');
    await harness.navigateByUrl('/login?returnUrl=%2Fpolls%2F5');
    expect(page.querySelector('app-login')).toBe(login);

    await submit();
    await answer({ token: TOKEN });

    expect(router.url).toBe('/polls/5');
  });

  for (const [label, url] of [
    ['without a returnUrl', '/login'],
    ['for an absolute returnUrl', '/login?returnUrl=https%3A%2F%2Fevil.example'],
    ['for a scheme-relative returnUrl', '/login?returnUrl=%2F%2Fevil.example'],
    ['for a backslash returnUrl', '/login?returnUrl=%2F%5Cevil.example'],
  ]) {
    it(`goes to /polls ${label}`, async () => {
      await open(url);
      await submit();
      await answer({ token: TOKEN });

      expect(router.url).toBe('/polls');
    });
  }

  it('keeps the cookie for 30 days only when "Keep me signed in" is checked', async () => {
    const setter = spyOnProperty(document, 'cookie', 'set').and.callThrough();
    await open();
    field('Keep me signed in').click();
    await submit();
    await answer({ token: TOKEN });

    const tokenWrite = tokenCookieWrite(setter);
    expect(tokenWrite).toContain('Expires=');
  });

  it('keeps the cookie for the browser session only when "Keep me signed in" is not checked', async () => {
    const setter = spyOnProperty(document, 'cookie', 'set').and.callThrough();
    await open();
    await submit();
    await answer({ token: TOKEN });

    const tokenWrite = tokenCookieWrite(setter);
    expect(tokenWrite).toBeDefined();
    expect(tokenWrite).not.toContain('Expires=');
  });

  it("shows the server's non_field_errors in an alert and lets the user retry", async () => {
    await open();
    await submitWrongPassword();

    expect(alertText()).toBe('Unable to log in with provided credentials.');
    expect(router.url).toBe('/login');
    expect(submitButton().disabled).toBeFalse();
    expect(submitButton().getAttribute('aria-busy')).toBe('false');
    expect(document.activeElement).toBe(field('Password'));
    expect(TestBed.inject(TokenStorage).token()).toBeNull();
  });

  it("shows the server's field errors beside their field until it changes", async () => {
    await open();
    await submit('alice', 'x');
    await answer(
      { password: ['This field may not be blank.'] },
      { status: 400, statusText: 'Bad Request' },
    );

    expect(describedBy(field('Password'))).toBe('This field may not be blank.');
    expect(field('Password').getAttribute('aria-invalid')).toBe('true');
    expect(alertText()).toBe('Please correct the highlighted fields.');

    await type('Password', 'wonderland');
    expect(field('Password').getAttribute('aria-invalid')).toBe('false');
    expect(describedBy(field('Password'))).toBe('');
  });

  it('clears a server error only from the field the user changes', async () => {
    await open();
    await submit(' ', ' ');
    await answer(
      {
        username: ['This field may not be blank.'],
        password: ['This field may not be blank.'],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    expect(document.activeElement).toBe(field('Username'));

    await type('Username', 'alice');
    expect(field('Username').getAttribute('aria-invalid')).toBe('false');
    expect(field('Password').getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(field('Password'))).toBe('This field may not be blank.');
  });

  it('says so when the server cannot be reached', async () => {
    await open();
    await submit();
    httpTesting.expectOne('/accounts/get_auth_token/').error(new ProgressEvent('error'));
    await harness.fixture.whenStable();

    expect(alertText()).toBe('Cannot reach the server. Check your connection and try again.');
  });

  it('says how long to wait when logins are throttled', async () => {
    await open();
    await submit();
    await answer(
      { detail: 'Request was throttled. Expected available in 42 seconds.' },
      { status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': '42' } },
    );

    expect(alertText()).toBe('Too many failed login attempts. Try again in 42 seconds.');
  });

  it('sends one login at a time, and cancels the one in flight when the user leaves', async () => {
    await open();
    await submitWrongPassword();
    await submit('alice', 'wonderland');
    const request = httpTesting.expectOne('/accounts/get_auth_token/');

    // Enter pressed again while it runs: the form is not sent twice.
    page.querySelector('form')?.dispatchEvent(new SubmitEvent('submit', { cancelable: true }));
    await harness.fixture.whenStable();
    httpTesting.expectNone('/accounts/get_auth_token/');

    await harness.navigateByUrl('/polls/3');
    expect(request.cancelled).toBeTrue();
    expect(router.url).toBe('/polls/3');
    expect(TestBed.inject(TokenStorage).token()).toBeNull();
  });

  it('clears an old error when the user tries again', async () => {
    await open();
    await submit();
    httpTesting.expectOne('/accounts/get_auth_token/').error(new ProgressEvent('error'));
    await harness.fixture.whenStable();

    submitButton().click();
    await harness.fixture.whenStable();
    expect(alertText()).toBeUndefined();
    httpTesting.expectOne('/accounts/get_auth_token/').flush({ token: TOKEN });
  });
});
