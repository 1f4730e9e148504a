import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { API_PATHS } from '../../api/paths';
import { rawRequest, startWithToken, type TestServer } from '../testing';
import { splitDomainPort } from './hosts';

let api: TestServer;
let token: string;
before(async () => ({ api, token } = await startWithToken()));
after(() => api.stop());

/** The API root as a client with this request line and Host header(s) gets it. */
function rootWith(version: string, hostLines: string) {
  return rawRequest(
    api.url,
    `GET ${API_PATHS.apiRoot} ${version}\r\n${hostLines}` +
      `Authorization: Token ${token}\r\nConnection: close\r\n\r\n`,
  );
}

describe('the Host of a request', () => {
  it("is split and validated as Django's split_domain_port does", () => {
    // Expected values are what django.http.request.split_domain_port returns.
    assert.deepEqual(splitDomainPort('Example.COM:8000'), ['example.com', '8000']);
    assert.deepEqual(splitDomainPort('example.com.'), ['example.com', '']);
    assert.deepEqual(splitDomainPort('[::1]:3000'), ['[::1]', '3000']);
    assert.deepEqual(splitDomainPort('[::1]'), ['[::1]', '']);
    for (const invalid of ['', 'a b', 'a,b', 'exa_mple.com', 'é.com', ':80', 'host:port']) {
      assert.deepEqual(splitDomainPort(invalid), ['', ''], invalid);
    }
  });

  it("is the server's own address when the client sent none, as in PEP 333", async () => {
    const expected = `{"questions":"${api.url}${API_PATHS.questions}"}`;
    assert.equal((await rootWith('HTTP/1.0', '')).body, expected);
    assert.equal((await rootWith('HTTP/1.1', '')).body, expected);
  });

  it('is refused with a 400 on any URL when it is not a valid domain name', async () => {
    const badHost = await rootWith('HTTP/1.1', 'Host: a b\r\n');
    assert.equal(badHost.status, 400);
    assert.equal(
      badHost.body,
      `{"detail":"Invalid HTTP_HOST header: 'a b'. ` +
        'The domain name provided is not valid according to RFC 1034/1035."}',
    );
    assert.match(badHost.head, /\r\nContent-Type: application\/json\r\n/i);
    // CommonMiddleware refuses it before XFrameOptionsMiddleware could add its header.
    assert.doesNotMatch(badHost.head, /X-Frame-Options/i);
    const twoHosts = await rootWith('HTTP/1.1', 'Host: a\r\nHost: b\r\n');
    assert.equal(twoHosts.status, 400);
    assert.match(twoHosts.body, /Invalid HTTP_HOST header: 'a,b'\./);
    // Before the slash redirect, and before authentication.
    const login = await rawRequest(
      api.url,
      `POST /accounts/get_auth_token HTTP/1.1\r\nHost: \r\nConnection: close\r\n\r\n`,
    );
    assert.equal(login.status, 400);
    assert.deepEqual(api.reports, []);
  });
});
