import { HttpClient, HttpContext } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';

import { TOKEN, TestPage, endAppTest, send, startAppTest } from '../../testing/app-testing';
import { AppMessages } from './app-messages';
import { SILENT_ERRORS } from './auth/auth-context';
import { TokenStorage } from './auth/token-storage';
import { ERRORS_SHOWN_BY_PAGE, FORBIDDEN_MESSAGE, UNREACHABLE_MESSAGE } from './banner-interceptor';

describe('bannerInterceptor', () => {
  let http: HttpClient;
  let httpTesting: HttpTestingController;
  let storage: TokenStorage;
  let router: Router;

  beforeEach(() => {
    httpTesting = startAppTest([{ path: 'polls/:id', component: TestPage }]);
    http = TestBed.inject(HttpClient);
    storage = TestBed.inject(TokenStorage);
    router = TestBed.inject(Router);
  });

  afterEach(endAppTest);

  function logIn(): void {
    storage.save({ token: TOKEN, username: 'alice' }, false);
  }

  /** The user is still on the page, with the same session. */
  function expectSessionKept(): void {
    expect(router.url).toBe('/polls/3');
    expect(storage.token()).toBe(TOKEN);
  }

  describe('shows a banner, and leaves the session alone,', () => {
    it('for a 403: the user lacks permission', async () => {
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
      expectSessionKept();
    });

    it('for a network failure (status 0): the server cannot be reached', async () => {
      logIn();
      const harness = await RouterTestingHarness.create('/polls/3');
      const outcome = send(http.get('/polls/api/questions/3/'));
      httpTesting.expectOne('/polls/api/questions/3/').error(new ProgressEvent('error'));
      await harness.fixture.whenStable();

      expect(TestBed.inject(AppMessages).current()).toEqual({
        kind: 'error',
        text: UNREACHABLE_MESSAGE,
      });
      expect(outcome.error?.status).toBe(0);
      expectSessionKept();
    });

    it("for a proxy's 502: the proxy cannot reach the API", async () => {
      logIn();
      const harness = await RouterTestingHarness.create('/polls/3');
      send(http.get('/polls/api/questions/3/'));
      httpTesting
        .expectOne('/polls/api/questions/3/')
        .flush(
          { detail: 'The API server is not reachable.' },
          { status: 502, statusText: 'Bad Gateway' },
        );
      await harness.fixture.whenStable();

      expect(TestBed.inject(AppMessages).current()?.text).toBe(UNREACHABLE_MESSAGE);
      expectSessionKept();
    });
  });

  describe('shows nothing app-wide', () => {
    it('for SILENT_ERRORS requests, as login and logout send', () => {
      logIn();
      const context = new HttpContext().set(SILENT_ERRORS, true);
      send(http.get('/polls/api/questions/3/', { context }));
      httpTesting.expectOne('/polls/api/questions/3/').error(new ProgressEvent('error'));

      expect(TestBed.inject(AppMessages).current()).toBeNull();
      expect(storage.token()).toBe(TOKEN);
    });

    it('for a request whose page shows its errors itself (ERRORS_SHOWN_BY_PAGE)', () => {
      logIn();
      const context = new HttpContext().set(ERRORS_SHOWN_BY_PAGE, true);
      const outcomes = [
        send(http.get('/polls/api/questions/3/', { context })),
        send(http.get('/polls/api/questions/4/', { context })),
      ];
      httpTesting.expectOne('/polls/api/questions/3/').error(new ProgressEvent('error'));
      httpTesting
        .expectOne('/polls/api/questions/4/')
        .flush({ detail: 'Forbidden.' }, { status: 403, statusText: 'Forbidden' });

      expect(TestBed.inject(AppMessages).current()).toBeNull();
      expect(outcomes.map((outcome) => outcome.error?.status)).toEqual([0, 403]);
    });

    it('for a request to another origin', () => {
      send(http.get('https://elsewhere.example/data'));
      httpTesting.expectOne('https://elsewhere.example/data').error(new ProgressEvent('error'));

      expect(TestBed.inject(AppMessages).current()).toBeNull();
    });
  });
});
