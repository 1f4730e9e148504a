/**
 * Request data as Django REST framework sees it after parsing: Python values.
 * JSON numbers keep Python's int/float distinction, objects keep Python's dict
 * semantics (insertion order, last duplicate wins, any key including `__proto__`).
 */
export type PyValue = null | boolean | string | PyInt | PyFloat | UploadedFile | PyValue[] | PyDict;
export type PyDict = Map<string, PyValue>;

/** A Python ValueError; its message is Python's `str(exc)`. */
export class PythonValueError extends Error {}

export class PyInt {
  constructor(readonly value: bigint) {}
}

export class PyFloat {
  constructor(readonly value: number) {}
}

/** A file part of a multipart body; its content is never needed, only its type name. */
export class UploadedFile {
  constructor(readonly fieldName: string) {}
}

/** `type(value).__name__` in Python. */
export function pyTypeName(value: PyValue): string {
  if (value === null) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string') return 'str';
  if (value instanceof PyInt) return 'int';
  if (value instanceof PyFloat) return 'float';
  if (value instanceof UploadedFile) return 'InMemoryUploadedFile';
  if (Array.isArray(value)) return 'list';
  return 'dict';
}

/** `str(value)` in Python, for the scalar types DRF formats into messages. */
export function pyStr(value: PyValue): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') return value;
  if (value instanceof PyInt) return value.value.toString();
  if (value instanceof PyFloat) return pyFloatRepr(value.value);
  if (value instanceof UploadedFile) return value.fieldName;
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  return `{${[...value].map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(', ')}}`;
}

const REPR_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** Python's repr of one character; of the Latin-1 ones it escapes C0, DEL, C1, NBSP and SHY. */
function reprChar(c: string): string {
  const known = REPR_ESCAPES[c];
  if (known) return known;
  const code = c.codePointAt(0) ?? 0;
  const unprintable = code < 0x20 || (code >= 0x7f && code <= 0xa0) || code === 0xad;
  return unprintable ? `\\x${code.toString(16).padStart(2, '0')}` : c;
}

/**
 * `repr(value)` in Python. Of the characters Python does not print as they are, the
 * Latin-1 ones (all a header or a form can carry undecoded) are escaped as Python does.
 */
export function pyRepr(value: PyValue): string {
  if (typeof value !== 'string') return pyStr(value);
  const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
  const escaped = [...value].map(reprChar).join('');
  return quote + (quote === "'" ? escaped.replace(/'/g, "\\'") : escaped) + quote;
}

/** `repr(float)` in Python: the shortest round-tripping digits, Python's notation rules. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const [mantissa = '', exponentText = '0'] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
    const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    const fraction = digits.slice(exponent + 1) || '0';
    return `${sign}${whole}.${fraction}`;
  }
  const head = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const expSign = exponent < 0 ? '-' : '+';
  return `${sign}${head}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

// Python's str.isspace() characters: what str.strip() and int() remove.
const PY_WHITESPACE =
  '\t\n\u000b\u000c\r\u001c\u001d\u001e\u001f \u0085\u00a0\u1680' +
  '\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a' +
  '\u2028\u2029\u202f\u205f\u3000';

/** `str.strip()` in Python (whose whitespace set differs from JavaScript's `trim`). */
export function pyStrip(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && PY_WHITESPACE.includes(text.charAt(start))) start++;
  while (end > start && PY_WHITESPACE.includes(text.charAt(end - 1))) end--;
  return text.slice(start, end);
}

/** Python 3.11's limit on the digits `int(str)` converts. */
export const PY_INT_MAX_STR_DIGITS = 4300;

/**
 * The zero of every run of ten decimal digits (`str.isdecimal()`) in Unicode 14.0, which
 * Python 3.11 knows: `[c for c in range(0x110000) if chr(c).isdecimal() and int(chr(c)) == 0]`.
 * Node's `\p{Nd}` follows a later Unicode, with digits Python 3.11 refuses.
 */
const PY_DECIMAL_ZEROS = [
  0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6,
  0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50,
  0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10, 0x104a0,
  0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0, 0x11730,
  0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0, 0x16b50, 0x1d7ce, 0x1d7d8, 0x1d7e2,
  0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
];

/** A decimal digit of any script as its ASCII digit, as int() reads it; other characters as they are. */
function asciiDigit(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  const zero = PY_DECIMAL_ZEROS.find((z) => z <= code && code < z + 10);
  return zero === undefined ? c : String(code - zero);
}

/**
 * `int(text)` in Python: surrounding whitespace, a sign, single underscores between
 * digits, and the decimal digits of every script (`٣` and `３` are 3) are accepted.
 * Returns null where Python raises ValueError.
 */
export function pyIntFromString(text: string): bigint | null {
  const ascii = [...pyStrip(text)].map(asciiDigit).join('');
  const match = /^([+-]?)([0-9](?:_?[0-9])*)$/.exec(ascii);
  if (!match) return null;
  const digits = (match[2] ?? '').replace(/_/g, '');
  if (digits.length > PY_INT_MAX_STR_DIGITS) return null;
  const value = BigInt(digits);
  return match[1] === '-' ? -value : value;
}
