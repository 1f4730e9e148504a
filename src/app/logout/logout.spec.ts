import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';

import { TOKEN, TestPage, endAppTest, startAppTest } from '../../testing/app-testing';
import { TokenStorage } from '../core/auth/token-storage';
import { Logout } from './logout';

describe('Logout', () => {
  let httpTesting: HttpTestingController;

  beforeEach(() => {
    httpTesting = startAppTest([
      { path: 'logout', component: Logout },
      { path: 'login', component: TestPage, data: { heading: 'Log in' } },
    ]);
  });

  afterEach(endAppTest);

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
