import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { MAX_NUMBER_FIELDS, parseQueryDict, TooManyFieldsSent } from '../django/query-string';
import {
  FORM_MEDIA_TYPE,
  JSON_MEDIA_TYPE,
  MULTIPART_MEDIA_TYPE,
  parseMediaType,
  selectParser,
} from './media-types';
import { decodeLikePython, pythonCharset, type Charset } from '../python/codecs';
import { parsePythonJson } from '../python/json';
import { PythonValueError, UploadedFile, type PyDict, type PyValue } from '../python/values';
import { ApiError, drfErrors } from './responses';

/** The largest body the mock reads; larger ones get a 413 before a byte is read. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The order DRF's default parser classes have; views may reorder them. */
export const DEFAULT_PARSERS = [JSON_MEDIA_TYPE, FORM_MEDIA_TYPE, MULTIPART_MEDIA_TYPE] as const;

// The dicts a form or multipart body was parsed into: DRF's QueryDicts, which its
// fields read differently from a JSON object (`html.is_html_input`).
const htmlInputs = new WeakSet<object>();

/** Whether `data` came from a form or multipart body (a QueryDict), not from JSON. */
export function isHtmlInput(data: PyValue): boolean {
  return data instanceof Map && htmlInputs.has(data);
}

function asHtmlInput<T extends object>(data: T): T {
  htmlInputs.add(data);
  return data;
}

/**
 * `request.data` as DRF computes it, read only when a view asks for it:
 * no body (Content-Length 0 or absent) is an empty dict whatever its type,
 * otherwise the first parser matching the Content-Type parses it.
 */
export async function readRequestData(
  req: IncomingMessage,
  parsers: readonly string[],
): Promise<PyValue> {
  // Django's development server reports a missing Content-Type as text/plain.
  const contentType = req.headers['content-type'] ?? 'text/plain';
  const length = Number(req.headers['content-length'] ?? 0);
  if (!length) return new Map();
  const parser = selectParser(contentType, parsers);
  if (parser === null) throw drfErrors.unsupportedMediaType(contentType);
  if (length > MAX_BODY_BYTES) {
    throw new ApiError(
      413,
      { detail: `Request body is too large: the limit is ${MAX_BODY_BYTES} bytes.` },
      { Connection: 'close' },
    );
  }
  const body = await readBody(req);
  const charset = pythonCharset(parseMediaType(contentType).params.get('charset'));
  try {
    if (parser === JSON_MEDIA_TYPE) return parseJson(body, charset);
    if (parser === FORM_MEDIA_TYPE) return asHtmlInput(parseQueryDict(body, charset));
    return asHtmlInput(await parseMultipart(body, contentType, charset));
  } catch (e) {
    if (e instanceof TooManyFieldsSent) throw new ApiError(400, { detail: e.message });
    throw e;
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('aborted', () => reject(new Error('request aborted')));
  });
}

function parseJson(body: Buffer, charset: Charset): PyValue {
  try {
    return parsePythonJson(decodeLikePython(body, charset));
  } catch (e) {
    if (e instanceof PythonValueError)
      throw drfErrors.parseError(`JSON parse error - ${e.message}`);
    throw e;
  }
}

function multipartError(message: string): ApiError {
  return drfErrors.parseError(`Multipart form parse error - ${message}`);
}

/** Django's MultiPartParser: strict about the boundary, lenient about the rest. */
function parseMultipart(body: Buffer, contentType: string, charset: Charset): Promise<PyDict> {
  if (!contentType.startsWith('multipart/')) {
    throw multipartError(`Invalid Content-Type: ${contentType}`);
  }
  const boundary = parseMediaType(contentType).params.get('boundary');
  if (!boundary || !/^[ -~]{0,200}[!-~]$/.test(boundary)) {
    throw multipartError(`Invalid boundary in multipart: ${boundary ?? 'None'}`);
  }
  return runBusboy(body, contentType, charset).then((result) =>
    result.complete
      ? result.data
      : // A body cut short: Django keeps the last field up to where the body stops.
        runBusboy(
          Buffer.concat([body, Buffer.from(`\r\n--${boundary}--\r\n`)]),
          contentType,
          charset,
        ).then((retry) => retry.data),
  );
}

function runBusboy(
  body: Buffer,
  contentType: string,
  charset: Charset,
): Promise<{ data: PyDict; complete: boolean }> {
  return new Promise((resolve, reject) => {
    const fields: PyDict = new Map();
    const files: PyDict = new Map();
    let fieldCount = 0;
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { 'content-type': contentType },
        defCharset: charset === 'utf-8' ? 'utf8' : 'latin1',
        limits: { fieldSize: MAX_BODY_BYTES },
      });
    } catch (e) {
      reject(multipartError(e instanceof Error ? e.message : String(e)));
      return;
    }
    parser.on('field', (name, value) => {
      if (++fieldCount > MAX_NUMBER_FIELDS) {
        reject(new TooManyFieldsSent());
        return;
      }
      fields.set(name, value);
    });
    parser.on('file', (name, stream, info) => {
      stream.resume();
      if (info.filename) files.set(name, new UploadedFile(name));
    });
    // Django keeps what it could read from a malformed body, and so does the mock.
    const finish = (complete: boolean) =>
      resolve({ data: new Map([...fields, ...files]), complete });
    parser.on('close', () => finish(true));
    parser.on('error', () => finish(false));
    parser.end(body);
  });
}
