import { TestBed } from '@angular/core/testing';

import { AUTH_FLAVORS } from '../../../../api/paths';
import { AUTH_FLAVOR, authFlavorMapping } from './auth-flavor';

describe('authFlavorMapping', () => {
  it("gives each backend's login path, its answer's key field, its logout path and status", () => {
    const mappings = AUTH_FLAVORS.map((name) => {
      const { loginPath, tokenField, logoutPath, logoutStatus } = authFlavorMapping(name);
      return [name, loginPath, tokenField, logoutPath, logoutStatus];
    });
    expect(mappings).toEqual([
      ['authtoken', '/accounts/get_auth_token/', 'token', '/accounts/logout/', 204],
      ['djoser', '/auth/token/login/', 'auth_token', '/auth/token/logout/', 204],
      ['dj-rest-auth', '/dj-rest-auth/login/', 'key', '/dj-rest-auth/logout/', 200],
      ['knox', '/api/auth/login/', 'token', '/api/auth/logout/', 204],
    ]);
  });

  it("is DRF's own authtoken where nothing provides another", () => {
    expect(TestBed.inject(AUTH_FLAVOR)).toEqual(authFlavorMapping('authtoken'));
  });
});
