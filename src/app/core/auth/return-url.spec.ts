import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';

import { DEFAULT_RETURN_URL, loginUrl, safeReturnUrl } from './return-url';

describe('safeReturnUrl', () => {
  it('keeps paths inside the app, with their query and fragment', () => {
    expect(safeReturnUrl('/polls/3')).toBe('/polls/3');
    expect(safeReturnUrl('/polls/3/results?x=1#top')).toBe('/polls/3/results?x=1#top');
    expect(safeReturnUrl('/polls/a/../3')).toBe('/polls/3');
  });

  it('falls back to /polls when there is nothing to go back to', () => {
    expect(DEFAULT_RETURN_URL).toBe('/polls');
    expect(safeReturnUrl(undefined)).toBe('/polls');
    expect(safeReturnUrl(null)).toBe('/polls');
    expect(safeReturnUrl('')).toBe('/polls');
  });

  it('refuses anything that could leave the app (no open redirect)', () => {
    for (const url of [
      'https://evil.example',
      'https://evil.example/polls',
      '//evil.example',
      '//evil.example/polls',
      '/\\evil.example',
      '\\\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      'javascript:alert(1)',
      'polls',
      ' /polls',
      'http:/evil.example',
    ]) {
      expect(safeReturnUrl(url)).withContext(JSON.stringify(url)).toBe('/polls');
    }
  });

  it('refuses the login and logout pages, which would loop or end the new session', () => {
    expect(safeReturnUrl('/login')).toBe('/polls');
    expect(safeReturnUrl('/login?returnUrl=%2Fpolls')).toBe('/polls');
    expect(safeReturnUrl('/logout')).toBe('/polls');
    expect(safeReturnUrl('/polls/../logout')).toBe('/polls');
  });
});

describe('loginUrl', () => {
  let router: Router;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    router = TestBed.inject(Router);
  });

  it('asks to come back to the given page', () => {
    expect(router.serializeUrl(loginUrl(router, '/polls/3?x=1'))).toBe(
      '/login?returnUrl=%2Fpolls%2F3%3Fx%3D1',
    );
  });

  it('leaves returnUrl out when there is no page worth coming back to', () => {
    expect(router.serializeUrl(loginUrl(router, '/'))).toBe('/login');
    expect(router.serializeUrl(loginUrl(router, '/login?returnUrl=%2Fpolls'))).toBe('/login');
    expect(router.serializeUrl(loginUrl(router, '/logout'))).toBe('/login');
  });
});
