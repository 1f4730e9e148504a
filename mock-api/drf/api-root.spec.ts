import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { API_PATHS } from '../../api/paths';
import { rawRequest, startWithToken, type TestServer } from '../testing';

// The root view's answers are the contract suite's (contract/polls.ts); this is the Host,
// which the suite's server may check its own way (ALLOWED_HOSTS).

let api: TestServer;
let token: string;
before(async () => ({ api, token } = await startWithToken()));
after(() => api.stop());

describe(`GET ${API_PATHS.apiRoot}`, () => {
  it("builds the questions' absolute URL from the Host the client sent", async () => {
    const proxied = await rawRequest(
      api.url,
      `GET ${API_PATHS.apiRoot} HTTP/1.1\r\nHost: Polls.Example:8443\r\n` +
        `Authorization: Token ${token}\r\nConnection: close\r\n\r\n`,
    );
    assert.equal(proxied.body, '{"questions":"http://Polls.Example:8443/polls/api/questions/"}');
  });
});
