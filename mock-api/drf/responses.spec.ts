import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { drfErrors, renderJson } from './responses';

describe('responses', () => {
  it("renders compact UTF-8 JSON with U+2028/U+2029 escaped, like DRF's JSONRenderer", () => {
    assert.equal(
      renderJson({ detail: 'Not found.', é: ['\u2028\u2029'] }).toString(),
      '{"detail":"Not found.","é":["\\u2028\\u2029"]}',
    );
    assert.equal(renderJson({ a: [1] }, 2).toString(), '{\n  "a": [\n    1\n  ]\n}');
  });

  it('words throttling as DRF 3.14 does, rounding the wait up', () => {
    const plural = drfErrors.throttled(41.2);
    assert.deepEqual(plural.data, {
      detail: 'Request was throttled. Expected available in 42 seconds.',
    });
    assert.deepEqual(plural.headers, { 'Retry-After': '42' });
    assert.deepEqual(drfErrors.throttled(0.5).data, {
      detail: 'Request was throttled. Expected available in 1 second.',
    });
    assert.deepEqual(drfErrors.throttled(0).headers, {});
  });

  it('challenges with WWW-Authenticate: Token on every 401', () => {
    assert.deepEqual(drfErrors.notAuthenticated().headers, { 'WWW-Authenticate': 'Token' });
    assert.deepEqual(drfErrors.authenticationFailed('Invalid token.').headers, {
      'WWW-Authenticate': 'Token',
    });
    assert.deepEqual(drfErrors.methodNotAllowed('GET').data, {
      detail: 'Method "GET" not allowed.',
    });
    assert.deepEqual(drfErrors.unsupportedMediaType('text/plain').data, {
      detail: 'Unsupported media type "text/plain" in request.',
    });
  });
});
