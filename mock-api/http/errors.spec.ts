import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it, mock } from 'node:test';
import { create } from 'json-server';
import { SuspiciousOperation } from '../django/exceptions';
import { rawRequest } from '../testing';
import { answerClientError, finalErrorHandler, notFound } from './errors';

let server: Server;
let port: number;
const reports: string[] = [];

before(async () => {
  const app = create();
  // A bug whose message quotes the request's credentials, as a careless one might.
  app.use('/boom', (req) => {
    throw new Error(`a bug while handling ${req.headers.authorization}`);
  });
  // A bug that strikes once the answer's headers have gone out, quoting a key.
  app.get('/late', (req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('{"partial":');
    throw new Error(`stream broke for ${req.headers.authorization}`);
  });
  app.get('/refused', () => {
    throw new SuspiciousOperation('Invalid HTTP_HOST header.');
  });
  app.get('/ok', (_req, res) => res.end('ok'));
  app.use(notFound);
  app.use(finalErrorHandler((message) => reports.push(message)));
  server = createServer(app);
  server.on('clientError', answerClientError);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const raw = async (bytes: string) => (await rawRequest(`http://127.0.0.1:${port}`, bytes)).text;

const KEY = '9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b';
const SERVER_ERROR = '{"detail":"A server error occurred."}';

describe('error handling', () => {
  it("answers a bug with DRF's 500 and reports its stack, without the request's credentials or query", async () => {
    reports.length = 0;
    const response = await fetch(`http://127.0.0.1:${port}/boom?password=hunter2`, {
      method: 'POST',
      headers: { Authorization: `Token ${KEY}` },
    });
    assert.equal(response.status, 500);
    assert.equal(response.headers.get('content-type'), 'application/json');
    assert.equal(await response.text(), SERVER_ERROR);
    const basic = await fetch(`http://127.0.0.1:${port}/boom`, {
      headers: { Authorization: `Basic ${Buffer.from('admin:hunter2').toString('base64')}` },
    });
    assert.equal(basic.status, 500);
    assert.equal(reports.length, 2);
    assert.match(
      reports[0] ?? '',
      /^mock-api: unexpected error on POST \/boom: Error: a bug while/,
    );
    assert.match(reports[0] ?? '', /\n {4}at /);
    // The bug quoted both headers: the key and the Basic credentials are blanked out.
    assert.match(reports[0] ?? '', /a bug while handling Token \[token\]\n/);
    assert.match(reports[1] ?? '', /a bug while handling Basic \[credentials\]\n/);
    // The query is not reported at all.
    for (const report of reports) {
      for (const secret of [KEY, 'YWRtaW46aHVudGVyMg', 'hunter2', 'password']) {
        assert.ok(!report.includes(secret), `${secret} in ${report}`);
      }
    }
  });

  it('keeps serving after a bug', async () => {
    assert.equal((await fetch(`http://127.0.0.1:${port}/boom`)).status, 500);
    const next = await fetch(`http://127.0.0.1:${port}/ok`);
    assert.equal(next.status, 200);
    assert.equal(await next.text(), 'ok');
  });

  it('cuts off an answer a bug broke after its headers, and reports it without the key', async () => {
    reports.length = 0;
    const stderr: string[] = [];
    // Whatever reaches stderr, through console.error or not, is caught here.
    const write = mock.method(process.stderr, 'write', (chunk: unknown) => {
      stderr.push(String(chunk));
      return true;
    });
    try {
      const response = await fetch(`http://127.0.0.1:${port}/late`, {
        headers: { Authorization: `Token ${KEY}` },
      });
      assert.equal(response.status, 200);
      // The client must not take the half-written body for a whole one.
      await assert.rejects(response.text(), { message: 'terminated' });
    } finally {
      write.mock.restore();
    }
    assert.equal(reports.length, 1);
    assert.match(
      reports[0] ?? '',
      /^mock-api: unexpected error on GET \/late: Error: stream broke for Token \[token\]\n {4}at /,
    );
    assert.ok(!stderr.join('').includes(KEY), `the key on stderr: ${stderr.join('')}`);
    const next = await fetch(`http://127.0.0.1:${port}/ok`);
    assert.equal(await next.text(), 'ok');
  });

  it("answers Django's SuspiciousOperation with a 400, as an error of the client", async () => {
    reports.length = 0;
    const response = await fetch(`http://127.0.0.1:${port}/refused`);
    assert.equal(response.status, 400);
    assert.equal(await response.text(), '{"detail":"Invalid HTTP_HOST header."}');
    assert.deepEqual(reports, []);
  });

  it("answers what nothing else answered with DRF's 404", async () => {
    const response = await fetch(`http://127.0.0.1:${port}/nothing-here`);
    assert.equal(response.status, 404);
    assert.equal(await response.text(), '{"detail":"Not found."}');
  });

  it("answers requests Node's parser rejects in JSON too", async () => {
    const badHeader = await raw('GET / HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0001b\r\n\r\n');
    assert.match(badHeader, /^HTTP\/1\.1 400 Bad Request\r\n/);
    assert.ok(badHeader.endsWith('\r\n\r\n{"detail":"Bad request."}'));
    const garbage = await raw('NOT HTTP AT ALL\r\n\r\n');
    assert.match(garbage, /^HTTP\/1\.1 400 Bad Request\r\nContent-Type: application\/json\r\n/);
    const huge = await raw(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    assert.match(huge, /^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
  });
});
