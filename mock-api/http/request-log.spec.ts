import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { API_PATHS } from '../../api/paths';
import { fetchToken } from '../../scripts/servers';
import { auth, startTestServer, type TestServer } from '../testing';

let api: TestServer;
before(async () => (api = await startTestServer()));
after(() => api.stop());

describe('request log', () => {
  it('writes METHOD path status ms, never the query, a token or a password', async () => {
    const token = await fetchToken(api.url);
    await fetch(`${api.url}${API_PATHS.questions}?secret=${token}`, { headers: auth(token) });
    // Logged as sent, still escaped: a path cannot forge a second log line.
    await fetch(`${api.url}/nope%0Aforged%20200%201ms`);
    const lines = api.logLines.join('\n');
    assert.match(api.logLines[0] ?? '', /^POST \/accounts\/get_auth_token\/ 200 \d+ms$/);
    assert.match(api.logLines[1] ?? '', /^GET \/polls\/api\/questions\/ 200 \d+ms$/);
    assert.match(api.logLines[2] ?? '', /^GET \/nope%0Aforged%20200%201ms 404 \d+ms$/);
    assert.equal(api.logLines.length, 3);
    assert.ok(!lines.includes(token));
    assert.ok(!lines.includes('admin'));
  });

  it('is silent without a log function (--quiet)', async () => {
    const quiet = await startTestServer({ log: undefined });
    try {
      await fetch(`${quiet.url}/db`);
      assert.deepEqual(quiet.logLines, []);
    } finally {
      await quiet.stop();
    }
  });
});
