import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { API_PATHS } from '../../api/paths';
import { answer, auth, rawRequest, startWithToken, type TestServer } from '../testing';

let api: TestServer;
let token: string;
before(async () => ({ api, token } = await startWithToken()));
after(() => api.stop());

const root = (init: RequestInit = {}) => fetch(`${api.url}${API_PATHS.apiRoot}`, init);

describe(`GET ${API_PATHS.apiRoot}`, () => {
  it("lists the questions' absolute URL, built from the Host the client sent", async () => {
    const response = await root({ headers: auth(token) });
    assert.deepEqual(await answer(response), {
      status: 200,
      body: `{"questions":"${api.url}${API_PATHS.questions}"}`,
      contentType: 'application/json',
      allow: 'GET, HEAD, OPTIONS',
      wwwAuthenticate: null,
    });
    assert.equal(response.headers.get('vary'), 'Accept, Origin');
    const proxied = await rawRequest(
      api.url,
      `GET ${API_PATHS.apiRoot} HTTP/1.1\r\nHost: Polls.Example:8443\r\n` +
        `Authorization: Token ${token}\r\nConnection: close\r\n\r\n`,
    );
    assert.equal(proxied.body, '{"questions":"http://Polls.Example:8443/polls/api/questions/"}');
  });

  it('answers like every other endpoint without a valid token', async () => {
    assert.deepEqual(await answer(await root()), {
      status: 401,
      body: '{"detail":"Authentication credentials were not provided."}',
      contentType: 'application/json',
      allow: 'GET, HEAD, OPTIONS',
      wwwAuthenticate: 'Token',
    });
    const invalid = await answer(await root({ headers: auth('0'.repeat(40)) }));
    assert.equal(invalid.status, 401);
    assert.equal(invalid.body, '{"detail":"Invalid token."}');
    assert.equal(invalid.wwwAuthenticate, 'Token');
  });

  it('is GET-only, as APIRootView is: HEAD, OPTIONS and 405 for the rest', async () => {
    const head = await root({ method: 'HEAD', headers: auth(token) });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
    assert.equal(
      (await answer(await root({ method: 'OPTIONS', headers: auth(token) }))).body,
      '{"name":"Api Root","description":"The default basic root view for DefaultRouter",' +
        '"renders":["application/json","text/html"],' +
        '"parses":["application/json","application/x-www-form-urlencoded","multipart/form-data"]}',
    );
    for (const method of ['POST', 'PUT', 'DELETE']) {
      assert.deepEqual(await answer(await root({ method, headers: auth(token) })), {
        status: 405,
        body: `{"detail":"Method \\"${method}\\" not allowed."}`,
        contentType: 'application/json',
        allow: 'GET, HEAD, OPTIONS',
        wwwAuthenticate: null,
      });
    }
  });

  it('negotiates like the other views, and redirects a missing slash', async () => {
    const pretty = await root({
      headers: { ...auth(token), Accept: 'application/json; indent=2' },
    });
    assert.equal(await pretty.text(), `{\n  "questions": "${api.url}${API_PATHS.questions}"\n}`);
    const missingSlash = await fetch(`${api.url}/polls/api`, { redirect: 'manual' });
    assert.equal(missingSlash.status, 301);
    assert.equal(missingSlash.headers.get('location'), API_PATHS.apiRoot);
  });
});
