import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { API_PATHS } from '../../api/paths';
import { fetchToken } from '../../scripts/servers';
import { auth, startTestServer, type TestServer } from '../testing';

let api: TestServer;
before(async () => (api = await startTestServer()));
after(() => api.stop());

describe('Django-level behaviour', () => {
  it('redirects a path missing its slash like CommonMiddleware, before authentication', async () => {
    const response = await fetch(`${api.url}/polls/api/questions/1?x=1`, { redirect: 'manual' });
    assert.equal(response.status, 301);
    assert.equal(response.headers.get('location'), '/polls/api/questions/1/?x=1');
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(response.headers.get('x-frame-options'), null);
    assert.equal(await response.text(), '');
    const post = await fetch(`${api.url}/accounts/get_auth_token`, {
      method: 'POST',
      redirect: 'manual',
    });
    assert.equal(post.status, 301);
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
