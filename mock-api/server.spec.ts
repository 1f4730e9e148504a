import assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { API_PATHS } from '../api/paths';
import type { Question } from '../api/types';
import { auth, rawRequest, startTestServer, startWithToken, type TestServer } from './testing';

let api: TestServer;
let token: string;
before(async () => ({ api, token } = await startWithToken()));
after(() => api.stop());

const raw = (bytes: string) => rawRequest(api.url, bytes);

describe('listenMockApi', () => {
  it('listens on a free port with port 0 and stops cleanly', async () => {
    const server = await startTestServer();
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(server.port, 0);
    await server.stop();
    await assert.rejects(fetch(`${server.url}${API_PATHS.questions}`));
  });
});

// Every other URL's 404 is the contract suite's (contract/errors.ts), HEAD too (contract/polls.ts).

describe('a failure on the server', () => {
  it("is DRF's 500, reported on stderr, and the server goes on answering", async () => {
    const broken = await startWithToken();
    try {
      // A data file that cannot be replaced: the vote's write fails.
      const pollsFile = join(broken.api.dataDir, 'polls.json');
      rmSync(pollsFile);
      mkdirSync(pollsFile);
      const vote = await fetch(`${broken.api.url}${API_PATHS.vote(1)}`, {
        method: 'POST',
        headers: { ...auth(broken.token), 'Content-Type': 'application/json' },
        body: '{"choice": 1}',
      });
      assert.equal(vote.status, 500);
      assert.equal(vote.headers.get('content-type'), 'application/json');
      assert.equal(await vote.text(), '{"detail":"A server error occurred."}');
      const unexpected = broken.api.reports.filter((r) => r.includes('unexpected error'));
      assert.equal(unexpected.length, 1);
      assert.match(
        unexpected[0] ?? '',
        /^mock-api: unexpected error on POST \/polls\/api\/questions\/1\/vote\/: /,
      );
      assert.ok(!unexpected[0]?.includes(broken.token));
      const next = await fetch(`${broken.api.url}${API_PATHS.question(1)}`, {
        headers: auth(broken.token),
      });
      assert.equal(next.status, 200);
      // The vote that could not be saved was not counted.
      const { choices } = (await next.json()) as Question;
      assert.deepEqual(
        choices.map((c) => c.votes),
        [0, 0, 0],
      );
    } finally {
      await broken.api.stop();
    }
  });
});

describe('hostile input', () => {
  it('never answers 500, and reports no unexpected error', async () => {
    const json = { 'Content-Type': 'application/json' };
    const requests: [string, RequestInit][] = [
      ['/polls/api/questions/%E0%A4%A/', { headers: auth(token) }],
      [
        '/polls/api/questions/%ff%fe/vote/',
        { method: 'POST', headers: { ...auth(token), ...json }, body: '{"choice":1}' },
      ],
      ['/polls/api/questions/99999999999999999999999/', { headers: auth(token) }],
      [
        API_PATHS.vote(1),
        { method: 'POST', headers: { ...auth(token), ...json }, body: '{"choice": 1e999}' },
      ],
      [
        API_PATHS.vote(1),
        {
          method: 'POST',
          headers: { ...auth(token), ...json },
          body: '{"choice": 123456789012345678901234567890}',
        },
      ],
      [
        API_PATHS.vote(1),
        { method: 'POST', headers: { ...auth(token), ...json }, body: '['.repeat(50_000) },
      ],
      [
        API_PATHS.vote(1),
        { method: 'POST', headers: { ...auth(token), ...json }, body: '{"choice": "\\ud800"}' },
      ],
      [API_PATHS.login, { method: 'POST', headers: json, body: 'x'.repeat(2 * 1024 * 1024) }],
      [API_PATHS.login, { method: 'POST', body: 'x'.repeat(2 * 1024 * 1024) }],
      [
        API_PATHS.login,
        {
          method: 'POST',
          headers: json,
          body: '{"username": {"$gt": ""}, "password": {"$ne": 1}}',
        },
      ],
      [
        API_PATHS.login,
        { method: 'POST', headers: json, body: '{"username": ["admin"], "password": 0}' },
      ],
      [
        API_PATHS.login,
        { method: 'POST', headers: json, body: '{"username": "admin", "password": "\\u0000"}' },
      ],
      [
        API_PATHS.login,
        {
          method: 'POST',
          headers: { 'Content-Type': 'multipart/form-data; boundary=x' },
          body: '--x\r\ngarbage',
        },
      ],
      [
        API_PATHS.login,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: 'username=%&password=%%%',
        },
      ],
      [API_PATHS.login, { method: 'POST', headers: { 'Content-Type': ';;;=;"' }, body: 'x' }],
      [
        API_PATHS.login,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json; charset=utf-16' },
          body: 'x',
        },
      ],
      [`${API_PATHS.login}?format=xml&format=`, { method: 'POST' }],
      [`${API_PATHS.questions}?${'a&'.repeat(2000)}`, { headers: auth(token) }],
      [API_PATHS.questions, { headers: { ...auth(token), Accept: ';;;' } }],
      [API_PATHS.questions, { headers: { Authorization: 'Token ' + 'a'.repeat(10_000) } }],
    ];
    for (const [path, init] of requests) {
      const response = await fetch(`${api.url}${path}`, init);
      const body = await response.text();
      assert.ok(response.status < 500, `${path} answered ${response.status}`);
      assert.ok(response.status === 200 || body.startsWith('{'), `${path}: ${body.slice(0, 80)}`);
    }
    const nonUtf8 = await raw(
      `GET ${API_PATHS.questions} HTTP/1.1\r\nHost: x\r\nAuthorization: Token \xc3\x28\r\nConnection: close\r\n\r\n`,
    );
    assert.equal(nonUtf8.status, 401);
    const chunked = await raw(
      'POST /accounts/get_auth_token/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        'Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\n{"a":\r\n0\r\n\r\n',
    );
    // DRF reads no body without a Content-Length, whatever was sent.
    assert.equal(
      chunked.body,
      '{"username":["This field is required."],"password":["This field is required."]}',
    );
    const badLength = await raw(
      'POST /accounts/get_auth_token/ HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n',
    );
    assert.equal(badLength.status, 400);
    assert.deepEqual(api.reports, []);
  });
});
