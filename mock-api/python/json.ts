import {
  PyFloat,
  PyInt,
  PythonValueError,
  PY_INT_MAX_STR_DIGITS,
  type PyDict,
  type PyValue,
} from './values';

/**
 * DRF's JSONParser is `json.load(decoded_body, parse_constant=strict_constant)`.
 * This module reproduces CPython 3.11's C scanner, so that every
 * `JSON parse error - <reason>` carries the reason text Python would give.
 */

/**
 * Python recurses per nesting level and gives up at its recursion limit (1000 frames);
 * under Django's development server that leaves room for 947 levels.
 */
const MAX_DEPTH = 947;

/**
 * `json.loads(text, parse_constant=strict_constant)` as DRF calls it.
 * Throws PythonValueError with Python's message.
 */
export function parsePythonJson(text: string): PyValue {
  return new Scanner(text).document();
}

class StopIteration {
  constructor(readonly index: number) {}
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

class Scanner {
  private depth = 0;

  constructor(private readonly s: string) {}

  document(): PyValue {
    if (this.s.startsWith('\ufeff')) {
      throw this.error('Unexpected UTF-8 BOM (decode using utf-8-sig)', 0);
    }
    const start = this.skipWhitespace(0);
    let value: PyValue;
    let end: number;
    try {
      [value, end] = this.scanOnce(start);
    } catch (e) {
      if (e instanceof StopIteration) throw this.error('Expecting value', e.index);
      throw e;
    }
    end = this.skipWhitespace(end);
    if (end !== this.s.length) throw this.error('Extra data', end);
    return value;
  }

  private skipWhitespace(index: number): number {
    while (index < this.s.length && WHITESPACE.has(this.s.charAt(index))) index++;
    return index;
  }

  /** JSONDecodeError's message; positions are in code points, as Python counts. */
  private error(message: string, index: number): PythonValueError {
    const before = this.s.slice(0, index);
    const pos = [...before].length;
    const lastNewline = before.lastIndexOf('\n');
    const lineno = before.split('\n').length;
    const colno = lastNewline < 0 ? pos + 1 : pos - [...before.slice(0, lastNewline)].length;
    return new PythonValueError(`${message}: line ${lineno} column ${colno} (char ${pos})`);
  }

  private scanOnce(index: number): [PyValue, number] {
    const s = this.s;
    if (index >= s.length) throw new StopIteration(index);
    const c = s.charAt(index);
    if (c === '"') return this.scanString(index + 1);
    if (c === '{') return this.nested('object', () => this.parseObject(index + 1));
    if (c === '[') return this.nested('array', () => this.parseArray(index + 1));
    if (c === 'n' && s.startsWith('null', index)) return [null, index + 4];
    if (c === 't' && s.startsWith('true', index)) return [true, index + 4];
    if (c === 'f' && s.startsWith('false', index)) return [false, index + 5];
    if (c === 'N' && s.startsWith('NaN', index)) throw outOfRange('NaN');
    if (c === 'I' && s.startsWith('Infinity', index)) throw outOfRange('Infinity');
    if (c === '-' && s.startsWith('-Infinity', index)) throw outOfRange('-Infinity');
    return this.scanNumber(index);
  }

  private nested(kind: string, parse: () => [PyValue, number]): [PyValue, number] {
    if (++this.depth > MAX_DEPTH) {
      throw new PythonValueError(
        `maximum recursion depth exceeded while decoding a JSON ${kind} from a unicode string`,
      );
    }
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private scanNumber(start: number): [PyValue, number] {
    const s = this.s;
    let i = start;
    if (s.charAt(i) === '-') i++;
    const first = s.charAt(i);
    if (first >= '1' && first <= '9') {
      while (isDigit(s.charAt(i))) i++;
    } else if (first === '0') {
      i++;
    } else {
      throw new StopIteration(start);
    }
    let isFloat = false;
    if (s.charAt(i) === '.' && isDigit(s.charAt(i + 1))) {
      isFloat = true;
      i += 2;
      while (isDigit(s.charAt(i))) i++;
    }
    if (s.charAt(i) === 'e' || s.charAt(i) === 'E') {
      const exponentStart = i;
      i++;
      if (s.charAt(i) === '-' || s.charAt(i) === '+') i++;
      const digitsStart = i;
      while (isDigit(s.charAt(i))) i++;
      if (i > digitsStart) isFloat = true;
      else i = exponentStart;
    }
    const literal = s.slice(start, i);
    if (isFloat) return [new PyFloat(Number(literal)), i];
    const digitCount = literal.replace('-', '').length;
    if (digitCount > PY_INT_MAX_STR_DIGITS) {
      throw new PythonValueError(
        `Exceeds the limit (${PY_INT_MAX_STR_DIGITS} digits) for integer string conversion: ` +
          `value has ${digitCount} digits; use sys.set_int_max_str_digits() to increase the limit`,
      );
    }
    return [new PyInt(BigInt(literal)), i];
  }

  private scanString(afterQuote: number): [string, number] {
    const s = this.s;
    const begin = afterQuote - 1;
    let end = afterQuote;
    let result = '';
    for (;;) {
      let next = end;
      let c = '';
      for (; next < s.length; next++) {
        c = s.charAt(next);
        if (c === '"' || c === '\\') break;
        if (c.charCodeAt(0) <= 0x1f) throw this.error('Invalid control character at', next);
      }
      if (next >= s.length) throw this.error('Unterminated string starting at', begin);
      result += s.slice(end, next);
      next++;
      if (c === '"') return [result, next];
      if (next === s.length) throw this.error('Unterminated string starting at', begin);
      const escape = s.charAt(next);
      if (escape !== 'u') {
        const replacement = SIMPLE_ESCAPES[escape];
        if (replacement === undefined) throw this.error('Invalid \\escape', next - 1);
        result += replacement;
        end = next + 1;
        continue;
      }
      next++;
      end = next + 4;
      if (end >= s.length) throw this.error('Invalid \\uXXXX escape', next - 1);
      let code = this.hex4(next, end);
      if (
        code >= 0xd800 &&
        code <= 0xdbff &&
        end + 6 < s.length &&
        s.charAt(end) === '\\' &&
        s.charAt(end + 1) === 'u'
      ) {
        const low = this.hex4(end + 2, end + 6);
        if (low >= 0xdc00 && low <= 0xdfff) {
          code = 0x10000 + (((code - 0xd800) << 10) | (low - 0xdc00));
          end += 6;
        }
      }
      result += String.fromCodePoint(code);
    }
  }

  private hex4(from: number, to: number): number {
    const digits = this.s.slice(from, to);
    if (!/^[0-9a-fA-F]{4}$/.test(digits)) throw this.error('Invalid \\uXXXX escape', from - 1);
    return parseInt(digits, 16);
  }

  private parseObject(start: number): [PyDict, number] {
    const s = this.s;
    const dict: PyDict = new Map();
    let i = this.skipWhitespace(start);
    if (s.charAt(i) === '}') return [dict, i + 1];
    for (;;) {
      if (s.charAt(i) !== '"') {
        throw this.error('Expecting property name enclosed in double quotes', i);
      }
      const [key, afterKey] = this.scanString(i + 1);
      i = this.skipWhitespace(afterKey);
      if (s.charAt(i) !== ':') throw this.error("Expecting ':' delimiter", i);
      i = this.skipWhitespace(i + 1);
      const [value, afterValue] = this.scanOnce(i);
      dict.set(key, value);
      i = this.skipWhitespace(afterValue);
      if (s.charAt(i) === '}') return [dict, i + 1];
      if (s.charAt(i) !== ',') throw this.error("Expecting ',' delimiter", i);
      i = this.skipWhitespace(i + 1);
    }
  }

  private parseArray(start: number): [PyValue[], number] {
    const s = this.s;
    const list: PyValue[] = [];
    let i = this.skipWhitespace(start);
    if (s.charAt(i) === ']') return [list, i + 1];
    for (;;) {
      const [value, afterValue] = this.scanOnce(i);
      list.push(value);
      i = this.skipWhitespace(afterValue);
      if (s.charAt(i) === ']') return [list, i + 1];
      if (s.charAt(i) !== ',') throw this.error("Expecting ',' delimiter", i);
      i = this.skipWhitespace(i + 1);
    }
  }
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/** DRF's `strict_constant`: NaN and Infinity are not JSON. */
function outOfRange(constant: string): PythonValueError {
  return new PythonValueError(`Out of range float values are not JSON compliant: '${constant}'`);
}
