import {
  PyFloat,
  PyInt,
  pyIntFromString,
  pyStr,
  pyStrip,
  pyTypeName,
  type PyValue,
} from '../python/values';
import { drfErrors } from './responses';

/**
 * The slice of DRF's Serializer and Field validation the mock's endpoints use,
 * with DRF's messages and its order of checks.
 */

/** A field's verdict on one input value. */
export type FieldResult<T> = { readonly value: T } | { readonly errors: readonly string[] };

export type Field<T> = (input: PyValue | undefined) => FieldResult<T>;

type Validated<F> = { [K in keyof F]: F[K] extends Field<infer T> ? T : never };

const REQUIRED = 'This field is required.';
const NULL = 'This field may not be null.';

/**
 * `Serializer(data=data).is_valid(raise_exception=True)`: the data must be a dict,
 * every field is validated, and all field errors are reported together.
 */
export function validate<F extends Record<string, Field<unknown>>>(
  data: PyValue,
  fields: F,
): Validated<F> {
  if (data === null) throw drfErrors.validation({ non_field_errors: ['No data provided'] });
  if (!(data instanceof Map)) {
    const message = `Invalid data. Expected a dictionary, but got ${pyTypeName(data)}.`;
    throw drfErrors.validation({ non_field_errors: [message] });
  }
  const errors: Record<string, string[]> = {};
  const values: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(fields)) {
    const result = field(data.get(name));
    if ('errors' in result) errors[name] = [...result.errors];
    else values[name] = result.value;
  }
  if (Object.keys(errors).length > 0) throw drfErrors.validation(errors);
  return values as Validated<F>;
}

/** `serializers.CharField(trim_whitespace=...)`, required, neither blank nor null. */
export function charField(options: { trimWhitespace?: boolean } = {}): Field<string> {
  const trim = options.trimWhitespace ?? true;
  return (input) => {
    if (input === undefined) return { errors: [REQUIRED] };
    if (input === null) return { errors: [NULL] };
    if (input === '' || (trim && pyStrip(pyStr(input)) === '')) {
      return { errors: ['This field may not be blank.'] };
    }
    const isText = typeof input === 'string' || input instanceof PyInt || input instanceof PyFloat;
    if (!isText) return { errors: ['Not a valid string.'] };
    const text = trim ? pyStrip(pyStr(input)) : pyStr(input);
    const problems: string[] = [];
    if (text.includes('\u0000')) problems.push('Null characters are not allowed.');
    const surrogate = firstLoneSurrogate(text);
    if (surrogate !== null) {
      const code = surrogate.toString(16).toUpperCase();
      problems.push(`Surrogate characters are not allowed: U+${code}.`);
    }
    return problems.length > 0 ? { errors: problems } : { value: text };
  };
}

function firstLoneSurrogate(text: string): number | null {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdfff) continue;
    const next = text.charCodeAt(i + 1);
    if (unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      i++;
      continue;
    }
    return unit;
  }
  return null;
}

/**
 * `serializers.PrimaryKeyRelatedField(queryset=...)`: the value is converted the way
 * Django converts a primary key lookup (`int(value)`), then looked up with `find`.
 */
export function primaryKeyField<T>(find: (pk: bigint) => T | undefined): Field<T> {
  return (raw) => {
    const input = raw === '' ? null : raw;
    if (input === undefined) return { errors: [REQUIRED] };
    if (input === null) return { errors: [NULL] };
    const pk = toPrimaryKey(input);
    if (pk === null) {
      return { errors: [`Incorrect type. Expected pk value, received ${pyTypeName(input)}.`] };
    }
    const found = find(pk);
    if (found === undefined) {
      return { errors: [`Invalid pk "${pyStr(input)}" - object does not exist.`] };
    }
    return { value: found };
  };
}

/** `int(value)`, or null where Python raises TypeError or ValueError. */
function toPrimaryKey(input: PyValue): bigint | null {
  if (typeof input === 'boolean') return null;
  if (input instanceof PyInt) return input.value;
  if (input instanceof PyFloat) {
    return Number.isFinite(input.value) ? BigInt(Math.trunc(input.value)) : null;
  }
  if (typeof input === 'string') return pyIntFromString(input);
  // A list, a dict or an uploaded file: int() raises TypeError.
  return null;
}
