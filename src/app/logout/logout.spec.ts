import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';

import { authInterceptor } from '../core/auth/auth-interceptor';
import { TokenStorage } from '../core/auth/token-storage';
import { Logout } from './logout';

const TOKEN = '9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b';

@Component({
  selector: 'app-logout-test-page',
  template: '<h1 tabindex="-1">Log in</h1>',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class LoginPage {}

function deleteCookies(): void {
  for (const name of ['token', 'username']) document.cookie = `${name}=; Path=/; Max-Age=0`;
}

describe('Logout', () => {
  let httpTesting: HttpTestingController;

  beforeEach(() => {
    deleteCookies();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'logout', component: Logout },
          { path: 'login', component: LoginPage },
        ]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    httpTesting = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    httpTesting.verify();
    deleteCookies();
  });

  it('revokes the token, deletes the cookie and lands on login', async () => {
    TestBed.inject(TokenStorage).save({ token: TOKEN, username: 'alice' }, false);
    const harness = await RouterTestingHarness.create('/logout');
    expect(harness.routeNativeElement?.textContent).toContain('Logging out');

    const request = httpTesting.expectOne('/accounts/logout/');
    expect(request.request.method).toBe('POST');
    expect(request.request.headers.get('Authorization')).toBe(`Token ${TOKEN}`);
    request.flush(null, { status: 204, statusText: 'No Content' });
    await harness.fixture.whenStable();

    expect(TestBed.inject(Router).url).toBe('/login');
    expect(TestBed.inject(TokenStorage).token()).toBeNull();
  });

  it('just lands on login when nobody is logged in', async () => {
    const harness = await RouterTestingHarness.create('/logout');
    await harness.fixture.whenStable();

    httpTesting.expectNone('/accounts/logout/');
    expect(TestBed.inject(Router).url).toBe('/login');
  });
});
