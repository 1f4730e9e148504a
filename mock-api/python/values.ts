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
 * `int(text)` in Python for ASCII digits: surrounding whitespace, a sign and single
 * underscores between digits are accepted. Returns null where Python raises ValueError.
 */
export function pyIntFromString(text: string): bigint | null {
  const match = /^([+-]?)([0-9](?:_?[0-9])*)$/.exec(pyStrip(text));
  if (!match) return null;
  const digits = (match[2] ?? '').replace(/_/g, '');
  if (digits.length > PY_INT_MAX_STR_DIGITS) return null;
  const value = BigInt(digits);
  return match[1] === '-' ? -value : value;
}
