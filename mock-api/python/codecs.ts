import { PythonValueError } from './values';

/** The charsets the mock decodes; Django accepts any Python codec, others fall back to UTF-8. */
export type Charset = 'utf-8' | 'latin-1' | 'ascii' | 'utf-16' | 'utf-16-le' | 'utf-16-be';

const CHARSET_ALIASES: Readonly<Record<string, Charset>> = {
  utf8: 'utf-8',
  u8: 'utf-8',
  utf: 'utf-8',
  latin1: 'latin-1',
  latin: 'latin-1',
  l1: 'latin-1',
  iso88591: 'latin-1',
  '8859': 'latin-1',
  cp819: 'latin-1',
  ascii: 'ascii',
  usascii: 'ascii',
  '646': 'ascii',
  utf16: 'utf-16',
  u16: 'utf-16',
  utf16le: 'utf-16-le',
  utf16be: 'utf-16-be',
};

/** The codec a `charset=` parameter names, as Python's codec lookup would resolve it. */
export function pythonCharset(label: string | undefined): Charset {
  if (label === undefined) return 'utf-8';
  return CHARSET_ALIASES[label.trim().toLowerCase().replace(/[-_ ]/g, '')] ?? 'utf-8';
}

/** Where a byte string stops being valid UTF-8, as CPython's decoder reports it. */
export interface Utf8Problem {
  readonly start: number;
  readonly length: number;
  readonly reason: 'invalid start byte' | 'invalid continuation byte' | 'unexpected end of data';
}

/**
 * Finds the first invalid sequence at or after `from`. CPython reports the maximal
 * invalid subpart: one byte for a bad lead byte, the valid prefix for a bad continuation.
 */
export function findUtf8Problem(bytes: Uint8Array, from = 0): Utf8Problem | null {
  let i = from;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i++;
      continue;
    }
    if (lead < 0xc2 || lead > 0xf4) return { start: i, length: 1, reason: 'invalid start byte' };
    const length = lead <= 0xdf ? 2 : lead <= 0xef ? 3 : 4;
    for (let k = 1; k < length; k++) {
      if (i + k >= bytes.length) {
        return { start: i, length: k, reason: 'unexpected end of data' };
      }
      if (!validContinuation(lead, k, bytes[i + k] ?? 0)) {
        return { start: i, length: k, reason: 'invalid continuation byte' };
      }
    }
    i += length;
  }
  return null;
}

function validContinuation(lead: number, index: number, byte: number): boolean {
  if (index === 1) {
    if (lead === 0xe0) return byte >= 0xa0 && byte <= 0xbf;
    if (lead === 0xed) return byte >= 0x80 && byte <= 0x9f;
    if (lead === 0xf0) return byte >= 0x90 && byte <= 0xbf;
    if (lead === 0xf4) return byte >= 0x80 && byte <= 0x8f;
  }
  return byte >= 0x80 && byte <= 0xbf;
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}

/**
 * `codecs.getreader(charset)(stream).read()`: what DRF's JSONParser hands to `json.load`.
 * The stream reader is incremental, so an incomplete sequence at the very end is held
 * back (and so dropped) instead of raising.
 */
export function decodeLikePython(bytes: Uint8Array, charset: Charset): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (charset === 'latin-1') return buffer.toString('latin1');
  if (charset.startsWith('utf-16')) return decodeUtf16(buffer, charset);
  if (charset === 'ascii') {
    const bad = bytes.findIndex((b) => b > 0x7f);
    if (bad >= 0) {
      throw new PythonValueError(
        `'ascii' codec can't decode byte 0x${hex(bytes[bad] ?? 0)} in position ${bad}: ordinal not in range(128)`,
      );
    }
    return buffer.toString('latin1');
  }
  const problem = findUtf8Problem(bytes);
  if (problem === null) return buffer.toString('utf8');
  if (problem.reason === 'unexpected end of data') {
    return buffer.subarray(0, problem.start).toString('utf8');
  }
  const what =
    problem.length === 1
      ? `byte 0x${hex(bytes[problem.start] ?? 0)} in position ${problem.start}`
      : `bytes in position ${problem.start}-${problem.start + problem.length - 1}`;
  throw new PythonValueError(`'utf-8' codec can't decode ${what}: ${problem.reason}`);
}

/** Python's UTF-16 stream readers: plain `utf-16` needs a BOM; a trailing odd byte waits. */
function decodeUtf16(buffer: Buffer, charset: Charset): string {
  let body = buffer;
  let bigEndian = charset === 'utf-16-be';
  if (charset === 'utf-16') {
    if (buffer.length < 2) return '';
    const bom = buffer.readUInt16BE(0);
    if (bom !== 0xfffe && bom !== 0xfeff) {
      throw new PythonValueError('UTF-16 stream does not start with BOM');
    }
    bigEndian = bom === 0xfeff;
    body = buffer.subarray(2);
  }
  const even = Buffer.from(body.subarray(0, body.length - (body.length % 2)));
  if (bigEndian) even.swap16();
  return even.toString('utf16le');
}

/** `bytes.decode(charset, errors='replace')`. */
export function decodeReplacing(bytes: Uint8Array, charset: Charset): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (charset === 'latin-1') return buffer.toString('latin1');
  if (charset === 'ascii') return buffer.toString('latin1').replace(/[\u0080-\u00ff]/g, '\ufffd');
  if (charset.startsWith('utf-16')) {
    try {
      return decodeUtf16(buffer, charset);
    } catch {
      return '\ufffd';
    }
  }
  return buffer.toString('utf8');
}
