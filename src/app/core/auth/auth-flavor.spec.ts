import { TestBed } from '@angular/core/testing';

import { AUTH_FLAVOR, AUTH_FLAVORS, AUTH_FLAVOR_NAMES, isAuthFlavorName } from './auth-flavor';

describe('AUTH_FLAVORS', () => {
  it("maps each backend to its login and logout paths, its answer's key field and its logout status", () => {
    expect(AUTH_FLAVORS).toEqual({
      authtoken: {
        loginPath: '/accounts/get_auth_token/',
        tokenField: 'token',
        logoutPath: '/accounts/logout/',
        logoutStatus: 204,
      },
      djoser: {
        loginPath: '/auth/token/login/',
        tokenField: 'auth_token',
        logoutPath: '/auth/token/logout/',
        logoutStatus: 204,
      },
      'dj-rest-auth': {
        loginPath: '/dj-rest-auth/login/',
        tokenField: 'key',
        logoutPath: '/dj-rest-auth/logout/',
        logoutStatus: 200,
      },
      knox: {
        loginPath: '/api/auth/login/',
        tokenField: 'token',
        logoutPath: '/api/auth/logout/',
        logoutStatus: 204,
      },
    });
  });

  it('knows the four names, and no other (not even an inherited property)', () => {
    expect(AUTH_FLAVOR_NAMES).toEqual(['authtoken', 'djoser', 'dj-rest-auth', 'knox']);
    for (const name of AUTH_FLAVOR_NAMES)
      expect(isAuthFlavorName(name)).withContext(name).toBeTrue();
    for (const name of ['', 'Knox', 'jwt', 'toString', '__proto__', 1, null, undefined]) {
      expect(isAuthFlavorName(name)).withContext(String(name)).toBeFalse();
    }
  });

  it("is DRF's own authtoken where nothing provides another", () => {
    expect(TestBed.inject(AUTH_FLAVOR)).toBe(AUTH_FLAVORS.authtoken);
  });
});
