import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SEED_ADMIN } from '../../scripts/servers';
import { answer, login, startTestServer } from '../testing';
import { LoginThrottle } from './login-throttle';

describe('LoginThrottle', () => {
  it('lets 10 failures per username through in a minute, then makes it wait for the oldest', () => {
    let now = 1_000_000;
    const throttle = new LoginThrottle(10, 60_000, () => now);
    for (let i = 0; i < 10; i++) {
      assert.equal(throttle.waitSeconds('alice'), null);
      throttle.recordFailure('alice');
      now += 1000;
    }
    assert.equal(throttle.waitSeconds('alice'), 50);
    assert.equal(throttle.waitSeconds('bob'), null);
    now += 50_000;
    assert.equal(throttle.waitSeconds('alice'), null);
  });
});

describe('login throttling over HTTP', () => {
  it("answers the 11th attempt within a minute with DRF's 429 and Retry-After", async () => {
    const api = await startTestServer();
    try {
      const firstFailure = Date.now();
      for (let i = 0; i < 10; i++)
        assert.equal(
          (await login(api.url, { username: 'admin', password: `guess-${i}` })).status,
          400,
        );
      // Even the right password waits: the throttle comes before the password check.
      const response = await login(api.url, SEED_ADMIN);
      const { status, body, allow } = await answer(response);
      assert.equal(status, 429);
      const retryAfter = Number(response.headers.get('retry-after'));
      // A minute from the oldest failure, rounded up: 60, or less on a slow machine.
      const elapsed = Math.ceil((Date.now() - firstFailure) / 1000);
      assert.ok(retryAfter <= 60 && retryAfter >= 60 - elapsed, `Retry-After ${retryAfter}`);
      assert.equal(
        body,
        `{"detail":"Request was throttled. Expected available in ${retryAfter} seconds."}`,
      );
      assert.equal(allow, 'POST, OPTIONS');
      // Another username is not affected.
      assert.equal((await login(api.url, { username: 'someone-else', password: 'x' })).status, 400);
    } finally {
      await api.stop();
    }
  });
});
