import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { create } from 'json-server';
import { answerClientError, finalErrorHandler } from './errors';

let server: Server;
let port: number;
const reports: string[] = [];

before(async () => {
  const app = create();
  app.get('/boom', () => {
    throw new Error('a bug');
  });
  app.use(finalErrorHandler((message) => reports.push(message)));
  server = createServer(app);
  server.on('clientError', answerClientError);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Sends raw bytes and returns the raw answer. */
function raw(bytes: Buffer | string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

describe('error handling', () => {
  it('turns anything thrown into a JSON 400, never a 500, and reports it', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/boom?secret=1`);
    assert.equal(response.status, 400);
    assert.equal(await response.text(), '{"detail":"Bad request."}');
    assert.equal(reports.length, 1);
    assert.match(reports[0] ?? '', /^mock-api: unexpected error on GET \/boom: Error: a bug/);
    assert.ok(!(reports[0] ?? '').includes('secret'));
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
