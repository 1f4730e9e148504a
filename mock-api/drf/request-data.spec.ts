import assert from 'node:assert/strict';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { pyStr, type PyValue } from '../python/values';
import { DEFAULT_PARSERS, MAX_BODY_BYTES, readRequestData } from './request-data';
import { ApiError } from './responses';

/** The parsed data as `name=value` pairs, or the error as DRF would answer it. */
function describeData(data: PyValue): unknown {
  return data instanceof Map
    ? Object.fromEntries([...data].map(([k, v]) => [k, pyStr(v)]))
    : pyStr(data);
}

let server: Server;
let url: string;

before(async () => {
  server = createServer((req, res) => {
    readRequestData(req, DEFAULT_PARSERS).then(
      (data) => res.end(JSON.stringify({ status: 200, data: describeData(data) })),
      (e: unknown) => {
        assert.ok(e instanceof ApiError, String(e));
        res.end(JSON.stringify({ status: e.status, data: e.data }));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function post(body: string | Buffer | undefined, contentType?: string) {
  const headers: Record<string, string> = contentType ? { 'Content-Type': contentType } : {};
  const response = await fetch(url, { method: 'POST', headers, body });
  return (await response.json()) as { status: number; data: unknown };
}

describe('readRequestData', () => {
  it('parses JSON, form and multipart bodies', async () => {
    assert.deepEqual(await post('{"choice": 1}', 'application/json'), {
      status: 200,
      data: { choice: '1' },
    });
    assert.deepEqual(await post('choice=2&choice=3&x', 'application/x-www-form-urlencoded'), {
      status: 200,
      data: { choice: '3', x: '' },
    });
    const form = new FormData();
    form.append('username', 'admin');
    form.append('password', 'p w');
    const response = await fetch(url, { method: 'POST', body: form });
    assert.deepEqual(await response.json(), {
      status: 200,
      data: { username: 'admin', password: 'p w' },
    });
  });

  it('treats an empty body as an empty dict whatever its type', async () => {
    assert.deepEqual(await post(undefined), { status: 200, data: {} });
    assert.deepEqual(await post('', 'application/json'), { status: 200, data: {} });
    assert.deepEqual(await post('', 'text/plain'), { status: 200, data: {} });
  });

  it('answers 415 for a type no parser takes, with the Content-Type as sent', async () => {
    assert.deepEqual(await post('x', 'text/plain; charset=utf-8'), {
      status: 415,
      data: { detail: 'Unsupported media type "text/plain; charset=utf-8" in request.' },
    });
    // Django's development server reports a body without a Content-Type as text/plain.
    const bare = await new Promise<string>((resolve) => {
      const req = request(url, { method: 'POST', headers: { 'Content-Length': 1 } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve(text));
      });
      req.end('x');
    });
    assert.deepEqual(JSON.parse(bare), {
      status: 415,
      data: { detail: 'Unsupported media type "text/plain" in request.' },
    });
  });

  it('answers 413 for a body over 1 MB before reading it', async () => {
    const big = Buffer.alloc(MAX_BODY_BYTES + 1, 0x20);
    assert.deepEqual(await post(big, 'application/json'), {
      status: 413,
      data: { detail: 'Request body is too large: the limit is 1048576 bytes.' },
    });
    assert.equal((await post(Buffer.alloc(MAX_BODY_BYTES, 0x20), 'application/json')).status, 400);
  });

  it("reports malformed bodies with DRF's parse errors", async () => {
    assert.deepEqual(await post('{"username":', 'application/json'), {
      status: 400,
      data: { detail: 'JSON parse error - Expecting value: line 1 column 13 (char 12)' },
    });
    assert.deepEqual(await post(Buffer.from([0xff]), 'application/json'), {
      status: 400,
      data: {
        detail:
          "JSON parse error - 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte",
      },
    });
    assert.deepEqual(await post('x', 'multipart/form-data'), {
      status: 400,
      data: { detail: 'Multipart form parse error - Invalid boundary in multipart: None' },
    });
    assert.deepEqual(await post('a=1' + '&a=1'.repeat(1000), 'application/x-www-form-urlencoded'), {
      status: 400,
      data: {
        detail:
          'The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS.',
      },
    });
  });

  it('honours the charset and decodes forms as Django does', async () => {
    assert.deepEqual(
      await post(Buffer.from('{"u":"\xe9"}', 'latin1'), 'application/json; charset=latin-1'),
      {
        status: 200,
        data: { u: 'é' },
      },
    );
    assert.deepEqual(await post('u=a+b%20%C3%A9%zz%ff', 'application/x-www-form-urlencoded'), {
      status: 200,
      data: { u: 'a b é%zz\ufffd' },
    });
  });

  it('keeps the fields of a multipart body cut short, as Django does', async () => {
    const body = '--B\r\nContent-Disposition: form-data; name="username"\r\n\r\nadmin';
    assert.deepEqual(await post(body, 'multipart/form-data; boundary=B'), {
      status: 200,
      data: { username: 'admin' },
    });
  });
});
