import { HttpClient, HttpContext } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { NavigationStart, Router, Routes } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { filter } from 'rxjs';

import {
  TOKEN,
  TestPage,
  endAppTest,
  rejectAsInvalidToken,
  send,
  startAppTest,
} from '../../../testing/app-testing';
import { API_ORIGIN } from '../api-config';
import { ERRORS_SHOWN_BY_PAGE } from '../banner-interceptor';
import { SILENT_ERRORS, SKIP_AUTH } from './auth-context';
import { TokenStorage } from './token-storage';

const API = 'https://api.example';
const PAGES: Routes = [
  { path: 'polls/:id', component: TestPage },
  { path: 'login', component: TestPage },
];

describe('authInterceptor', () => {
  let http: HttpClient;
  let httpTesting: HttpTestingController;
  let storage: TokenStorage;
  let router: Router;

  /** The app with its API on its own origin (API_ORIGIN set), or on the app's (''). */
  function start(apiOrigin: string): void {
    TestBed.resetTestingModule();
    httpTesting = startAppTest(PAGES, [{ provide: API_ORIGIN, useValue: apiOrigin }]);
    http = TestBed.inject(HttpClient);
    storage = TestBed.inject(TokenStorage);
    router = TestBed.inject(Router);
  }

  beforeEach(() => start(''));

  afterEach(endAppTest);

  function logIn(token = TOKEN): void {
    storage.save({ token, username: 'alice' }, false);
  }

  /** The user is still on the page, with the same session. */
  function expectSessionKept(): void {
    expect(router.url).toBe('/polls/3');
    expect(storage.token()).toBe(TOKEN);
  }

  /** Answers the request to `url` as DRF does to a token it does not know. */
  function rejectToken(url: string): void {
    rejectAsInvalidToken(httpTesting.expectOne(url));
  }

  describe('the Authorization header', () => {
    it('goes on relative API requests', () => {
      logIn();
      send(http.get('/polls/api/questions/'));
      const request = httpTesting.expectOne('/polls/api/questions/').request;
      expect(request.headers.get('Authorization')).toBe(`Token ${TOKEN}`);
    });

    it('goes on requests to the configured API origin, and then only there', () => {
      start(API);
      logIn();
      send(http.post(`${API}/polls/api/questions/1/vote/`, { choice: 1 }));
      send(http.get('/polls/api/questions/'));
      const request = httpTesting.expectOne(`${API}/polls/api/questions/1/vote/`).request;
      expect(request.headers.get('Authorization')).toBe(`Token ${TOKEN}`);
      const appOrigin = httpTesting.expectOne('/polls/api/questions/').request;
      expect(appOrigin.headers.has('Authorization')).toBeFalse();
    });

    it('never goes to another origin', () => {
      start(API);
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
        rejectAsInvalidToken(httpTesting.expectOne(`/polls/api/questions/${id}/`));
      }
      await harness.fixture.whenStable();

      expect(navigations).toEqual(['/login?returnUrl=%2Fpolls%2F3%3Ftab%3Dresults']);
      expect(router.url).toBe('/login?returnUrl=%2Fpolls%2F3%3Ftab%3Dresults');
      expect(storage.token()).toBeNull();
      expect(document.cookie).not.toContain('token=');
      // The callers still see their error.
      expect(outcomes.map((outcome) => outcome.error?.status)).toEqual([401, 401, 401]);
    });

    it('ends the session too when the page shows its errors itself (ERRORS_SHOWN_BY_PAGE)', async () => {
      logIn();
      const harness = await RouterTestingHarness.create('/polls/3');
      const context = new HttpContext().set(ERRORS_SHOWN_BY_PAGE, true);
      const outcome = send(http.get('/polls/api/questions/3/', { context }));
      rejectToken('/polls/api/questions/3/');
      await harness.fixture.whenStable();

      expect(router.url).toBe('/login?returnUrl=%2Fpolls%2F3');
      expect(storage.token()).toBeNull();
      expect(outcome.error?.status).toBe(401);
    });

    it('does not end a newer session when an old request fails late', async () => {
      logIn('1111111111111111111111111111111111111111');
      const harness = await RouterTestingHarness.create('/polls/3');
      send(http.get('/polls/api/questions/'));
      const request = httpTesting.expectOne('/polls/api/questions/');
      logIn(TOKEN);

      rejectAsInvalidToken(request);
      await harness.fixture.whenStable();

      expectSessionKept();
    });

    it('is left to the caller when the request went out without the token (SKIP_AUTH)', async () => {
      logIn();
      const harness = await RouterTestingHarness.create('/polls/3');
      const context = new HttpContext().set(SKIP_AUTH, true);
      const outcome = send(http.post('/accounts/get_auth_token/', {}, { context }));
      rejectToken('/accounts/get_auth_token/');
      await harness.fixture.whenStable();

      expect(outcome.error?.status).toBe(401);
      expectSessionKept();
    });

    it('is left to the caller with SILENT_ERRORS', async () => {
      logIn();
      const harness = await RouterTestingHarness.create('/polls/3');
      const context = new HttpContext().set(SILENT_ERRORS, true);
      send(http.post('/accounts/logout/', null, { context }));
      rejectToken('/accounts/logout/');
      await harness.fixture.whenStable();

      expectSessionKept();
    });

    it('from another origin leaves the session alone', async () => {
      logIn();
      const harness = await RouterTestingHarness.create('/polls/3');
      send(http.get('https://elsewhere.example/data'));
      httpTesting
        .expectOne('https://elsewhere.example/data')
        .flush(null, { status: 401, statusText: 'Unauthorized' });
      await harness.fixture.whenStable();

      expectSessionKept();
    });
  });
});
