import { DOCUMENT } from '@angular/core';
import { TestBed } from '@angular/core/testing';

import { TOKEN, deleteCookies } from '../../../testing/app-testing';
import { REMEMBER_ME_DAYS, SECURE_COOKIES, TokenStorage } from './token-storage';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Records the strings written to document.cookie (still storing them), split into attributes. */
function cookieWrites(): () => string[][] {
  const setter = spyOnProperty(document, 'cookie', 'set').and.callThrough();
  return () =>
    setter.calls.allArgs().map(([value]) =>
      String(value)
        .split(';')
        .filter((part) => part !== ''),
    );
}

function expiresOf(attributes: string[]): number | null {
  const expires = attributes.find((part) => part.startsWith('Expires='));
  return expires ? Date.parse(expires.slice('Expires='.length)) : null;
}

describe('TokenStorage', () => {
  beforeEach(deleteCookies);
  afterEach(deleteCookies);

  function setUp(secure = false): TokenStorage {
    TestBed.configureTestingModule({ providers: [{ provide: SECURE_COOKIES, useValue: secure }] });
    return TestBed.inject(TokenStorage);
  }

  it('reads nothing when there is no token cookie', () => {
    const storage = setUp();
    expect(storage.token()).toBeNull();
    expect(storage.read()).toBeNull();
  });

  it('writes a session cookie with path=/ and SameSite=Strict when not remembered', () => {
    const storage = setUp();
    const writes = cookieWrites();

    storage.save({ token: TOKEN, username: 'alice' }, false);

    expect(writes()).toEqual([
      [`token=${TOKEN}`, 'Path=/', 'SameSite=Strict'],
      ['username=alice', 'Path=/', 'SameSite=Strict'],
    ]);
    expect(document.cookie).toContain(`token=${TOKEN}`);
    expect(storage.read()).toEqual({ token: TOKEN, username: 'alice' });
  });

  it('keeps the cookies for 30 days when remembered', () => {
    const storage = setUp();
    const writes = cookieWrites();

    storage.save({ token: TOKEN, username: 'alice' }, true);

    expect(REMEMBER_ME_DAYS).toBe(30);
    for (const attributes of writes()) {
      expect(attributes).toContain('Path=/');
      expect(attributes).toContain('SameSite=Strict');
      const expires = expiresOf(attributes) ?? 0;
      expect(Math.abs(expires - (Date.now() + 30 * DAY_MS))).toBeLessThan(60_000);
    }
  });

  it('adds Secure when the page is served over https', () => {
    const storage = setUp(true);
    const writes = cookieWrites();

    storage.save({ token: TOKEN, username: 'alice' }, false);
    storage.clear();

    for (const attributes of writes()) expect(attributes).toContain('Secure');
  });

  it('never adds Secure over plain http, where the browser would drop the cookie', () => {
    const storage = setUp(false);
    const writes = cookieWrites();

    storage.save({ token: TOKEN, username: 'alice' }, true);

    for (const attributes of writes()) expect(attributes).not.toContain('Secure');
  });

  it('deletes both cookies with the same path and SameSite, so they are really gone', () => {
    const storage = setUp();
    storage.save({ token: TOKEN, username: 'alice' }, true);
    const writes = cookieWrites();

    storage.clear();

    expect(writes().length).toBe(2);
    for (const attributes of writes()) {
      expect(attributes).toContain('Path=/');
      expect(attributes).toContain('SameSite=Strict');
      expect(expiresOf(attributes)).toBeLessThan(Date.now());
    }
    expect(document.cookie).not.toContain('token=');
    expect(document.cookie).not.toContain('username=');
    expect(storage.read()).toBeNull();
  });

  it('round-trips usernames that need encoding', () => {
    const storage = setUp();
    storage.save({ token: TOKEN, username: 'ann; o=1 é' }, false);
    expect(storage.read()).toEqual({ token: TOKEN, username: 'ann; o=1 é' });
  });
});

describe('SECURE_COOKIES', () => {
  function secureFor(protocol: string): boolean {
    TestBed.configureTestingModule({
      providers: [{ provide: DOCUMENT, useValue: { location: { protocol } } }],
    });
    return TestBed.inject(SECURE_COOKIES);
  }

  it('is true on https pages', () => expect(secureFor('https:')).toBeTrue());
  it('is false on http pages', () => expect(secureFor('http:')).toBeFalse());
});
