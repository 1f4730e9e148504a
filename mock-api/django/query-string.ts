import { decodeReplacing, findUtf8Problem, type Charset } from '../python/codecs';
import { unquoteToBytes } from '../python/urllib';
import { SuspiciousOperation } from './exceptions';

/** Django's DATA_UPLOAD_MAX_NUMBER_FIELDS. */
export const MAX_NUMBER_FIELDS = 1000;

/** Django raises this when a query string or form has too many fields. */
export class TooManyFieldsSent extends SuspiciousOperation {
  constructor() {
    super('The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS.');
  }
}

/**
 * `QueryDict(body_or_query, encoding=charset)` on Django 3.2 / Python 3.11:
 * `&`-separated, `+` is a space, percent escapes decoded with errors='replace',
 * blank values kept, and the last value of a repeated name is the one `[name]` gives.
 */
export function parseQueryDict(raw: Uint8Array | string, charset: Charset): Map<string, string> {
  const text = typeof raw === 'string' ? raw : decodeBody(raw, charset);
  const result = new Map<string, string>();
  if (text === '') return result;
  if (text.split('&').length > MAX_NUMBER_FIELDS) throw new TooManyFieldsSent();
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    const value = eq < 0 ? '' : pair.slice(eq + 1);
    result.set(unquotePlus(name, charset), unquotePlus(value, charset));
  }
  return result;
}

/** Form bodies should be ASCII; Django decodes them with the charset, else as Latin-1. */
function decodeBody(bytes: Uint8Array, charset: Charset): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (charset === 'utf-8' && findUtf8Problem(bytes) === null) return buffer.toString('utf8');
  return buffer.toString('latin1');
}

/** `urllib.parse.unquote(text.replace('+', ' '), charset, 'replace')`. */
function unquotePlus(text: string, charset: Charset): string {
  const spaced = text.replace(/\+/g, ' ');
  if (!spaced.includes('%')) return spaced;
  // Python decodes each run of ASCII characters holding escapes as bytes, then
  // decodes those bytes; non-ASCII characters pass through untouched.
  return spaced.replace(/[^\u0080-\uffff]+/g, (run) => {
    return run.includes('%') ? decodeReplacing(unquoteToBytes(run), charset) : run;
  });
}
