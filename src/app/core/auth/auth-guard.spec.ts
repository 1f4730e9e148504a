import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import {
  ActivatedRouteSnapshot,
  Router,
  RouterStateSnapshot,
  Routes,
  UrlTree,
  provideRouter,
} from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';

import { TOKEN, TestPage, deleteCookies } from '../../../testing/app-testing';
import { authGuard, authMatchGuard, guestGuard } from './auth-guard';
import { TokenStorage } from './token-storage';

let protectedPagesCreated = 0;

@Component({
  selector: 'app-guard-test-protected',
  template: '<h1 tabindex="-1">Protected</h1>',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class ProtectedPage {
  constructor() {
    protectedPagesCreated++;
  }
}

describe('auth guards', () => {
  let loadChildren: jasmine.Spy<() => Promise<Routes>>;
  let storage: TokenStorage;
  let router: Router;

  beforeEach(() => {
    deleteCookies();
    protectedPagesCreated = 0;
    loadChildren = jasmine.createSpy('loadChildren').and.resolveTo([
      { path: '', component: ProtectedPage },
      { path: ':id', component: ProtectedPage },
    ]);
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'login', component: TestPage, canActivate: [guestGuard] },
          {
            path: 'polls',
            canMatch: [authMatchGuard],
            canActivate: [authGuard],
            canActivateChild: [authGuard],
            loadChildren,
          },
        ]),
      ],
    });
    storage = TestBed.inject(TokenStorage);
    router = TestBed.inject(Router);
  });

  afterEach(deleteCookies);

  function logIn(): void {
    storage.save({ token: TOKEN, username: 'alice' }, false);
  }

  describe('authGuard', () => {
    function runGuard(url: string): ReturnType<typeof authGuard> {
      const state = { url } as RouterStateSnapshot;
      return TestBed.runInInjectionContext(() => authGuard(new ActivatedRouteSnapshot(), state));
    }

    it('returns a UrlTree to login with the requested page as returnUrl', () => {
      const result = runGuard('/polls/3?tab=results');
      expect(result).toBeInstanceOf(UrlTree);
      expect(router.serializeUrl(result as UrlTree)).toBe(
        '/login?returnUrl=%2Fpolls%2F3%3Ftab%3Dresults',
      );
    });

    it('returns true with a token', () => {
      logIn();
      expect(runGuard('/polls/3')).toBeTrue();
    });
  });

  describe('on the polls routes', () => {
    it('sends a logged-out visitor to login without rendering or even loading the page', async () => {
      const harness = await RouterTestingHarness.create();
      await harness.navigateByUrl('/polls/3?tab=results#votes');

      expect(router.url).toBe('/login?returnUrl=%2Fpolls%2F3%3Ftab%3Dresults%23votes');
      expect(protectedPagesCreated).toBe(0);
      expect(loadChildren).not.toHaveBeenCalled();
      expect(harness.routeNativeElement?.textContent).toContain('Page');
    });

    it('lets a logged-in user through', async () => {
      logIn();
      const harness = await RouterTestingHarness.create();
      await harness.navigateByUrl('/polls/3');

      expect(router.url).toBe('/polls/3');
      expect(harness.routeNativeElement?.textContent).toContain('Protected');
    });

    it('guards every polls page, not just the first one', async () => {
      logIn();
      const harness = await RouterTestingHarness.create('/polls/3');
      const created = protectedPagesCreated;

      deleteCookies();
      await harness.navigateByUrl('/polls/4');

      expect(router.url).toBe('/login?returnUrl=%2Fpolls%2F4');
      expect(protectedPagesCreated).toBe(created);
    });
  });

  describe('guestGuard', () => {
    it('shows the login page to a logged-out visitor', async () => {
      const harness = await RouterTestingHarness.create('/login');
      expect(router.url).toBe('/login');
      expect(harness.routeNativeElement?.textContent).toContain('Page');
    });

    it('sends a logged-in user from the login page to the polls', async () => {
      logIn();
      await RouterTestingHarness.create('/login?returnUrl=%2Fpolls%2F3');
      expect(router.url).toBe('/polls');
    });
  });
});
