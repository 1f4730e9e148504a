import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertBareAppComplete } from './bare-app';

describe('assertBareAppComplete', () => {
  it('accepts scripts with the router outlet and the XHR backend', () => {
    assert.doesNotThrow(() =>
      assertBareAppComplete('selectors:[["router-outlet"]] … new XMLHttpRequest()'),
    );
  });

  it('names what a build without them lacks, so a too-small floor is never reported', () => {
    assert.throws(() => assertBareAppComplete('new XMLHttpRequest()'), /lack the router outlet$/);
    assert.throws(
      () => assertBareAppComplete(''),
      /lack the router outlet and HttpClient's XMLHttpRequest backend$/,
    );
  });
});
