import {
  HttpClient,
  HttpContext,
  HttpErrorResponse,
  provideHttpClient,
  withInterceptors,
} from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { NavigationStart, Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { Observable, filter } from 'rxjs';

import { API_ORIGIN } from '../api-config';
import { AppMessages } from '../app-messages';
import { SILENT_ERRORS, SKIP_AUTH } from './auth-context';
import { FORBIDDEN_MESSAGE, OFFLINE_MESSAGE, authInterceptor } from './auth-interceptor';
import { TokenStorage } from './token-storage';

const TOKEN = '9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b';
const API = 'https://api.example';

@Component({
  selector: 'app-interceptor-test-page',
  template: '<h1 tabindex="-1">Page</h1>',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Page {}

function deleteCookies(): void {
  for (const name of ['token', 'username']) document.cookie = `${name}=; Path=/; Max-Age=0`;
}

/** Subscribes and keeps what came back, as a caller would see it. */
function send(request: Observable<unknown>): { error?: HttpErrorResponse } {
  const outcome: { error?: HttpErrorResponse } = {};
  request.subscribe({ error: (error: HttpErrorResponse) => (outcome.error = error) });
  return outcome;
}

describe('authInterceptor', () => {
  let http: HttpClient;
  let httpTesting: HttpTestingController;
  let storage: TokenStorage;
  let router: Router;

  beforeEach(() => {
    deleteCookies();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'polls/:id', component: Page },
          { path: 'login', component: Page },
        ]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        { provide: API_ORIGIN, useValue: API },
      ],
    });
    http = TestBed.inject(HttpClient);
    httpTesting = TestBed.inject(HttpTestingController);
    storage = TestBed.inject(TokenStorage);
    router = TestBed.inject(Router);
  });

  afterEach(() => {
    httpTesting.verify();
    deleteCookies();
  });

  function logIn(token = TOKEN): void {
    storage.save({ token, username: 'alice' }, false);
  }

  describe('the Authorization header', () => {
    it('goes on relative API requests', () => {
      logIn();
      send(http.get('/polls/api/questions/'));
      const request = httpTesting.expectOne('/polls/api/questions/').request;
      expect(request.headers.get('Authorization')).toBe(`Token ${TOKEN}`);
    });

    it('goes on requests to the configured API origin', () => {
      logIn();
      send(http.post(`${API}/polls/api/questions/1/vote/`, { choice: 1 }));
      const request = httpTesting.expectOne(`${API}/polls/api/questions/1/vote/`).request;
      expect(request.headers.get('Authorization')).toBe(`Token ${TOKEN}`);
    });

    it('never goes to another origin', () => {
      logIn();
      const urls = [
        'https://evil.example/polls/api/questions/',
        '//evil.example/polls/api/questions/',
        'https://api.example.evil.example/polls/api/questions/',
        'http://api.example/polls/api/questions/',
      ];
      for (const url of urls) send(http.get(url));
      for (const url of urls) {
        const request = httpTesting.expectOne(url).request;
        expect(request.headers.has('Authorization')).withContext(url).toBeFalse();
      }
    });

    it('is left out when there is no token', () => {
      send(http.get('/polls/api/questions/'));
      const request = httpTesting.expectOne('/polls/api/questions/').request;
      expect(request.headers.has('Authorization')).toBeFalse();
    });

    it('is left out when the request opts out with SKIP_AUTH, as the login does', () => {
      logIn('0000000000000000000000000000000000000000');
      const context = new HttpContext().set(SKIP_AUTH, true);
      send(http.post('/accounts/get_auth_token/', {}, { context }));
      const request = httpTesting.expectOne('/accounts/get_auth_token/').request;
      expect(request.headers.has('Authorization')).toBeFalse();
    });

    it('reads the cookie on every request, so a login in another tab is picked up', () => {
      logIn('1111111111111111111111111111111111111111');
      logIn(TOKEN);
      send(http.get('/polls/api/questions/'));
      const request = httpTesting.expectOne('/polls/api/questions/').request;
      expect(request.headers.get('Authorization')).toBe(`Token ${TOKEN}`);
    });
  });

  describe('a 401 from the API', () => {
    it('ends the session and goes to login once, with the current page, however many fail', async () => {
      logIn();
      const harness = await RouterTestingHarness.create('/polls/3?tab=results');
      const navigations: string[] = [];
      router.events
        .pipe(filter((event) => event instanceof NavigationStart))
        .subscribe((event) => navigations.push(event.url));

      const outcomes = [1, 2, 3].map((id) => send(http.get(`/polls/api/questions/${id}/`)));
      for (const id of [1, 2, 3]) {
        httpTesting
          .expectOne(`/polls/api/questions/${id}/`)
          .flush({ detail: 'Invalid token.' }, { status: 401, statusText: 'Unauthorized' });
      }
      await harness.fixture.whenStable();

      expect(navigations).toEqual(['/login?returnUrl=%2Fpolls%2F3%3Ftab%3Dresults']);
      expect(router.url).toBe('/login?returnUrl=%2Fpolls%2F3%3Ftab%3Dresults');
      expect(storage.token()).toBeNull();
      expect(document.cookie).not.toContain('token=');
      // The callers still see their error.
      expect(outcomes.map((outcome) => outcome.error?.status)).toEqual([401, 401, 401]);
    });

    it('does not end a newer session when an old request fails late', async () => {
      logIn('1111111111111111111111111111111111111111');
      const harness = await RouterTestingHarness.create('/polls/3');
      send(http.get('/polls/api/questions/'));
      const request = httpTesting.expectOne('/polls/api/questions/');
      logIn(TOKEN);

      request.flush({ detail: 'Invalid token.' }, { status: 401, statusText: 'Unauthorized' });
      await harness.fixture.whenStable();

      expect(router.url).toBe('/polls/3');
      expect(storage.token()).toBe(TOKEN);
    });

    it('is left to the caller when the request went out without the token (SKIP_AUTH)', async () => {
      logIn();
      const harness = await RouterTestingHarness.create('/polls/3');
      const context = new HttpContext().set(SKIP_AUTH, true);
      const outcome = send(http.post('/accounts/get_auth_token/', {}, { context }));
      httpTesting
        .expectOne('/accounts/get_auth_token/')
        .flush({ detail: 'Invalid token.' }, { status: 401, statusText: 'Unauthorized' });
      await harness.fixture.whenStable();

      expect(outcome.error?.status).toBe(401);
      expect(router.url).toBe('/polls/3');
      expect(storage.token()).toBe(TOKEN);
    });

    it('is left to the caller with SILENT_ERRORS', async () => {
      logIn();
      const harness = await RouterTestingHarness.create('/polls/3');
      const context = new HttpContext().set(SILENT_ERRORS, true);
      send(http.post('/accounts/logout/', null, { context }));
      httpTesting
        .expectOne('/accounts/logout/')
        .flush({ detail: 'Invalid token.' }, { status: 401, statusText: 'Unauthorized' });
      await harness.fixture.whenStable();

      expect(router.url).toBe('/polls/3');
      expect(storage.token()).toBe(TOKEN);
    });

    it('from another origin leaves the session alone', async () => {
      logIn();
      const harness = await RouterTestingHarness.create('/polls/3');
      send(http.get('https://elsewhere.example/data'));
      httpTesting
        .expectOne('https://elsewhere.example/data')
        .flush(null, { status: 401, statusText: 'Unauthorized' });
      await harness.fixture.whenStable();

      expect(router.url).toBe('/polls/3');
      expect(storage.token()).toBe(TOKEN);
    });
  });

  describe('other failures leave the session alone', () => {
    it('a 403 shows that the user lacks permission', async () => {
      logIn();
      const harness = await RouterTestingHarness.create('/polls/3');
      const outcome = send(http.get('/polls/api/questions/3/'));
      httpTesting
        .expectOne('/polls/api/questions/3/')
        .flush(
          { detail: 'You do not have permission to perform this action.' },
          { status: 403, statusText: 'Forbidden' },
        );
      await harness.fixture.whenStable();

      expect(TestBed.inject(AppMessages).current()).toEqual({
        kind: 'error',
        text: FORBIDDEN_MESSAGE,
      });
      expect(FORBIDDEN_MESSAGE).toMatch(/^You do not have permission/);
      expect(outcome.error?.status).toBe(403);
      expect(router.url).toBe('/polls/3');
      expect(storage.token()).toBe(TOKEN);
    });

    it('a network failure (status 0) shows a connection message', async () => {
      logIn();
      const harness = await RouterTestingHarness.create('/polls/3');
      const outcome = send(http.get('/polls/api/questions/3/'));
      httpTesting.expectOne('/polls/api/questions/3/').error(new ProgressEvent('error'));
      await harness.fixture.whenStable();

      expect(TestBed.inject(AppMessages).current()).toEqual({
        kind: 'error',
        text: OFFLINE_MESSAGE,
      });
      expect(outcome.error?.status).toBe(0);
      expect(router.url).toBe('/polls/3');
      expect(storage.token()).toBe(TOKEN);
    });

    it('shows nothing app-wide for SILENT_ERRORS requests', () => {
      logIn();
      const context = new HttpContext().set(SILENT_ERRORS, true);
      send(http.get('/polls/api/questions/3/', { context }));
      httpTesting.expectOne('/polls/api/questions/3/').error(new ProgressEvent('error'));

      expect(TestBed.inject(AppMessages).current()).toBeNull();
      expect(storage.token()).toBe(TOKEN);
    });
  });
});
