import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { API_PATHS } from '../../api/paths';
import { fetchToken } from '../../scripts/servers';
import { auth, startTestServer, type TestServer } from '../testing';

let api: TestServer;
before(async () => (api = await startTestServer()));
after(() => api.stop());

describe('Django-level behaviour', () => {
  // The redirect itself is the contract suite's (contract/errors.ts).
  it('answers the slash redirect in CommonMiddleware, which XFrameOptionsMiddleware comes after', async () => {
    const response = await fetch(`${api.url}/polls/api/questions/1`, { redirect: 'manual' });
    assert.equal(response.status, 301);
    assert.equal(response.headers.get('x-frame-options'), null);
  });

  it('reduces a leading // to / as the development server does', async () => {
    const token = await fetchToken(api.url);
    const response = await fetch(`${api.url}//polls/api/questions/`, { headers: auth(token) });
    assert.equal(response.status, 200);
  });

  it("adds Django's security headers to every response", async () => {
    for (const path of [API_PATHS.questions, '/nope']) {
      const response = await fetch(`${api.url}${path}`);
      assert.equal(response.headers.get('x-frame-options'), 'DENY');
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(response.headers.get('referrer-policy'), 'same-origin');
      assert.equal(response.headers.get('x-powered-by'), null);
      assert.equal(response.headers.get('etag'), null);
    }
  });
});
