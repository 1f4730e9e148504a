/**
 * One HTTP exchange with the server under test, as a client sees it: the status, the
 * headers and the body exactly as they came. Built on node:http rather than fetch so that
 * a test can send what fetch refuses to (an `Authorization` header whose bytes are not
 * UTF-8, no `Accept` at all), and so that each request has a connection of its own: a
 * development server that answers HEAD with a body cannot upset the next request.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import type { Readable } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';

export interface Call {
  /** Default GET. */
  readonly method?: string;
  /**
   * Sent as given. A string is written as Latin-1, one byte per character, so
   * `'Token \xff'` sends the byte 0xff, as a client with a broken key would.
   */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * A string or bytes are sent as they are (give the Content-Type in `headers`); a
   * URLSearchParams or FormData is encoded, with its Content-Type, as fetch encodes it.
   */
  readonly body?: string | Buffer | URLSearchParams | FormData;
  /**
   * Django or Python may answer this request instead of DRF, with a page of its own that
   * the API's schema does not describe: its answer is checked against the schema only
   * when it is JSON (contract/schema.ts).
   */
  readonly outsideDrf?: boolean;
}

export interface Reply {
  readonly status: number;
  /** By lower-case name; a repeated header's values are joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  /** Decoded as UTF-8. */
  readonly body: string;
}

/** Every request gives up after this long, so a server that hangs fails one test. */
const TIMEOUT_MS = 10_000;

async function encodeBody(body: Call['body']): Promise<{ bytes?: Buffer; contentType?: string }> {
  if (body === undefined) return {};
  if (typeof body === 'string') return { bytes: Buffer.from(body, 'utf8') };
  if (Buffer.isBuffer(body)) return { bytes: body };
  const encoded = new Request('http://localhost/', { method: 'POST', body });
  return {
    bytes: Buffer.from(await encoded.arrayBuffer()),
    contentType: encoded.headers.get('content-type') ?? undefined,
  };
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function flatten(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** Sends one request to `baseUrl + path` and resolves the whole answer. */
export async function send(baseUrl: string, path: string, call: Call = {}): Promise<Reply> {
  const url = new URL(baseUrl + path);
  const { bytes, contentType } = await encodeBody(call.body);
  const headers: Record<string, string> = {
    ...(contentType === undefined ? {} : { 'Content-Type': contentType }),
    ...(bytes === undefined ? {} : { 'Content-Length': String(bytes.length) }),
    ...call.headers,
  };
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: call.method ?? 'GET', headers, agent: false, timeout: TIMEOUT_MS },
      (res) => {
        readAll(res).then(
          (bytes) =>
            resolve({
              status: res.statusCode ?? 0,
              headers: flatten(res.headers),
              body: bytes.toString('utf8'),
            }),
          reject,
        );
      },
    );
    req.on('timeout', () =>
      req.destroy(new Error(`${call.method ?? 'GET'} ${path}: no answer within ${TIMEOUT_MS} ms`)),
    );
    req.on('error', reject);
    req.end(bytes);
  });
}

/** What came back on the wire. */
export interface RawReply extends Reply {
  /** Every byte after the headers until the server closed, decoded as UTF-8. */
  readonly body: string;
}

/** Reads the status line and the header lines of an answer. */
function parseHead(head: string): Pick<Reply, 'status' | 'headers'> {
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return { status: Number(statusLine.split(' ')[1]), headers };
}

/**
 * Sends one request by hand and reads until the server closes: unlike an HTTP client, it
 * neither fails on nor drops bytes a server sends where the protocol says there are none,
 * such as a body after the headers of an answer to HEAD.
 */
export function sendRaw(
  baseUrl: string,
  method: string,
  path: string,
  headers: Readonly<Record<string, string>> = {},
): Promise<RawReply> {
  const url = new URL(baseUrl + path);
  const lines = [
    `${method} ${url.pathname}${url.search} HTTP/1.1`,
    `Host: ${url.host}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    'Connection: close',
  ];
  return new Promise((resolve, reject) => {
    const request = `${lines.join('\r\n')}\r\n\r\n`;
    const socket =
      url.protocol === 'https:'
        ? tlsConnect(
            { host: url.hostname, port: Number(url.port || 443), servername: url.hostname },
            () => socket.write(request, 'latin1'),
          )
        : connect(Number(url.port || 80), url.hostname, () => socket.write(request, 'latin1'));
    socket.setTimeout(TIMEOUT_MS, () =>
      socket.destroy(
        new Error(`${method} ${path}: the server did not close within ${TIMEOUT_MS} ms`),
      ),
    );
    readAll(socket).then((bytes) => {
      const text = bytes.toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const head = split < 0 ? text : text.slice(0, split);
      resolve({ ...parseHead(head), body: split < 0 ? '' : text.slice(split + 4) });
    }, reject);
  });
}
