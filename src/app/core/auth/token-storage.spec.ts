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

  it('deletes the cookies with the same path and SameSite, so they are really gone', () => {
    const storage = setUp();
    storage.save({ token: TOKEN, username: 'alice', expiresAt: Date.now() + DAY_MS }, true);
    const writes = cookieWrites();

    storage.clear();

    expect(writes().length).toBe(3);
    for (const attributes of writes()) {
      expect(attributes).toContain('Path=/');
      expect(attributes).toContain('SameSite=Strict');
      expect(expiresOf(attributes)).toBeLessThan(Date.now());
    }
    expect(document.cookie).not.toContain('token=');
    expect(document.cookie).not.toContain('username=');
    expect(document.cookie).not.toContain('token_expires=');
    expect(storage.read()).toBeNull();
  });

  it("keeps an expiring token's expiry beside it: remembered, until then; else for the browser session", () => {
    const storage = setUp();
    // knox's default TTL, 10 hours; whole seconds, as a cookie's Expires has them.
    const expiresAt = Math.floor((Date.now() + 10 * 60 * 60 * 1000) / 1000) * 1000;
    const writes = cookieWrites();
    for (const remember of [false, true]) {
      const before = writes().length;
      storage.save({ token: TOKEN, username: 'alice', expiresAt }, remember);
      const written = writes().slice(before);
      expect(written.length).withContext(`remember ${remember}`).toBe(3);
      // Unticked, closing the browser ends the session, as it does for any other token; a
      // 30-day cookie would outlive the token.
      for (const attributes of written) {
        expect(expiresOf(attributes))
          .withContext(`remember ${remember}`)
          .toBe(remember ? expiresAt : null);
      }
      expect(storage.read()).toEqual({ token: TOKEN, username: 'alice', expiresAt });
    }
  });

  it('rounds an expiry up to the second, so the cookie is still there when the session ends', () => {
    const storage = setUp();
    const whole = Math.floor((Date.now() + 60 * 60 * 1000) / 1000) * 1000;
    const writes = cookieWrites();
    storage.save({ token: TOKEN, username: 'alice', expiresAt: whole + 400 }, true);
    for (const attributes of writes()) expect(expiresOf(attributes)).toBe(whole + 1000);
  });

  it('keeps a remembered token that expires after 30 days for 30 days only', () => {
    const storage = setUp();
    const writes = cookieWrites();
    storage.save({ token: TOKEN, username: 'alice', expiresAt: Date.now() + 90 * DAY_MS }, true);
    for (const attributes of writes()) {
      expect(Math.abs((expiresOf(attributes) ?? 0) - (Date.now() + 30 * DAY_MS))).toBeLessThan(
        60_000,
      );
    }
  });

  it("drops the last session's expiry when the next token does not expire", () => {
    const storage = setUp();
    storage.save({ token: TOKEN, username: 'alice', expiresAt: Date.now() + DAY_MS }, false);
    storage.save({ token: TOKEN, username: 'alice' }, false);
    expect(storage.read()).toEqual({ token: TOKEN, username: 'alice' });
    expect(document.cookie).not.toContain('token_expires=');
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
