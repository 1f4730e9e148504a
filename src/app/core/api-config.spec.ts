import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';

import { TOKEN, TestPage, endAppTest, startAppTest } from '../../testing/app-testing';
import { API_ORIGIN, injectApiUrl, isApiUrl } from './api-config';
import { Auth } from './auth/auth';

describe('isApiUrl', () => {
  const page = 'https://app.example/polls/3';

  it('without an API origin, accepts URLs on the app origin, relative or absolute', () => {
    expect(isApiUrl('/polls/api/questions/', '', page)).toBeTrue();
    expect(isApiUrl('polls/api/questions/', '', page)).toBeTrue();
    expect(isApiUrl('https://app.example/polls/api/questions/', '', page)).toBeTrue();
  });

  it('with an API origin, accepts exactly that origin and no longer the app origin', () => {
    expect(
      isApiUrl('https://api.example/polls/api/questions/', 'https://api.example', page),
    ).toBeTrue();
    expect(isApiUrl('https://api.example/x', 'https://api.example/', page)).toBeTrue();
    // The API is not behind the app's server then: its token stays off requests there.
    expect(isApiUrl('/accounts/logout/', 'https://api.example', page)).toBeFalse();
    expect(isApiUrl('https://app.example/polls/api/', 'https://api.example', page)).toBeFalse();
  });

  it('refuses every other origin, including look-alikes', () => {
    const api = 'https://api.example';
    for (const url of [
      'https://evil.example/polls/api/questions/',
      '//evil.example/polls/api/questions/',
      'https://api.example.evil.example/polls/api/questions/',
      'https://api.example@evil.example/polls/api/questions/',
      'http://api.example/polls/api/questions/',
      'https://api.example:8443/polls/api/questions/',
      'http://app.example/polls/api/questions/',
      'data:text/plain,hello',
    ]) {
      expect(isApiUrl(url, api, page))
        .withContext(url)
        .toBeFalse();
    }
  });

  it('treats a malformed API origin as no API origin', () => {
    expect(isApiUrl('data:text/plain,x', 'data:text/plain,y', page)).toBeFalse();
    expect(isApiUrl('https://api.example/x', 'not a url', page)).toBeFalse();
    expect(isApiUrl('/polls/api/questions/', 'not a url', page)).toBeFalse();
  });
});

describe('injectApiUrl', () => {
  function urlWith(origin: string | undefined, path: string): string {
    const providers = origin === undefined ? [] : [{ provide: API_ORIGIN, useValue: origin }];
    TestBed.configureTestingModule({ providers });
    return TestBed.runInInjectionContext(injectApiUrl)(path);
  }

  it('keeps API paths relative by default, for the proxy in front of the app', () => {
    expect(urlWith(undefined, '/polls/api/questions/')).toBe('/polls/api/questions/');
  });

  it('puts API paths on the configured origin, with or without a trailing slash', () => {
    for (const origin of ['https://api.example', 'https://api.example/']) {
      TestBed.resetTestingModule();
      expect(urlWith(origin, '/polls/api/questions/'))
        .withContext(origin)
        .toBe('https://api.example/polls/api/questions/');
    }
  });
});

describe('API_ORIGIN', () => {
  afterEach(endAppTest);

  it('is where the login and the logout go', async () => {
    const http = startAppTest(
      [{ path: 'login', component: TestPage }],
      [{ provide: API_ORIGIN, useValue: 'https://api.example' }],
    );
    const auth = TestBed.inject(Auth);

    const loggedIn = firstValueFrom(auth.login('alice', 'wonderland', false));
    http.expectOne('https://api.example/accounts/get_auth_token/').flush({ token: TOKEN });
    await loggedIn;

    const loggedOut = auth.logout();
    const logout = http.expectOne('https://api.example/accounts/logout/');
    expect(logout.request.headers.get('Authorization')).toBe(`Token ${TOKEN}`);
    logout.flush(null, { status: 204, statusText: 'No Content' });
    await loggedOut;
  });
});
