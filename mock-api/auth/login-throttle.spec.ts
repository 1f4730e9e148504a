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

  it('gives the place back when a counted attempt is withdrawn, and only that one', () => {
    let now = 1_000_000;
    const throttle = new LoginThrottle(10, 60_000, () => now);
    const times = Array.from({ length: 10 }, () => {
      now += 1000;
      return throttle.recordFailure('alice');
    });
    assert.equal(throttle.waitSeconds('alice'), 51);
    throttle.withdrawFailure('alice', times[9] ?? 0);
    assert.equal(throttle.waitSeconds('alice'), null);
    throttle.withdrawFailure('bob', times[0] ?? 0);
    throttle.recordFailure('alice');
    // The oldest failure still holds the window: withdrawing left the others alone.
    assert.equal(throttle.waitSeconds('alice'), 51);
  });
});

// The 429 a client sees is the contract suite's (contract/errors.ts), for a made-up
// username; locking out the seed's admin is for a server of the test's own.
describe('login throttling over HTTP', () => {
  it('makes even the right password wait: the throttle comes before the password check', async () => {
    const api = await startTestServer();
    try {
      for (let i = 0; i < 10; i++)
        assert.equal(
          (await login(api.url, { username: 'admin', password: `guess-${i}` })).status,
          400,
        );
      const { status, body } = await answer(await login(api.url, SEED_ADMIN));
      assert.equal(status, 429);
      assert.match(
        body,
        /^\{"detail":"Request was throttled\. Expected available in \d+ seconds\."\}$/,
      );
    } finally {
      await api.stop();
    }
  });
});
