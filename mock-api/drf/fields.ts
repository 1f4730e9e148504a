import {
  PyFloat,
  PyInt,
  pyIntFromString,
  pyStr,
  pyStrip,
  pyTypeName,
  type PyValue,
} from '../python/values';
import { isHtmlInput } from './request-data';
import { drfErrors } from './responses';

/**
 * The slice of DRF's Serializer and Field validation the mock's endpoints use,
 * with DRF's messages and its order of checks.
 */

/** A field's verdict on one input value. */
export type FieldResult<T> = { readonly value: T } | { readonly errors: readonly string[] };

export type Field<T> = ((input: PyValue | undefined) => FieldResult<T>) & {
  /**
   * An optional field that does not allow blanks: DRF's `get_value` reads `""` from a
   * form (a QueryDict) as the field left out.
   */
  readonly formBlankIsMissing?: boolean;
};

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
  const html = isHtmlInput(data);
  for (const [name, field] of Object.entries(fields)) {
    const input = data.get(name);
    const result = field(html && input === '' && field.formBlankIsMissing ? undefined : input);
    if ('errors' in result) errors[name] = [...result.errors];
    else values[name] = result.value;
  }
  if (Object.keys(errors).length > 0) throw drfErrors.validation(errors);
  return values as Validated<F>;
}

export interface CharFieldOptions {
  readonly trimWhitespace?: boolean;
  /** `required=False`: a missing field is no error, and has no value. */
  readonly required?: boolean;
  /** `allow_blank=True`: `""` (or only spaces, when trimmed) is the value `""`. */
  readonly allowBlank?: boolean;
}

/** `serializers.CharField(...)`: by default required, trimmed, neither blank nor null. */
export function charField(options?: CharFieldOptions & { required?: true }): Field<string>;
export function charField(options: CharFieldOptions): Field<string | undefined>;
export function charField(options: CharFieldOptions = {}): Field<string | undefined> {
  const trim = options.trimWhitespace ?? true;
  const formBlankIsMissing = options.required === false && !options.allowBlank;
  return Object.assign(charFieldValue(options, trim), { formBlankIsMissing });
}

function charFieldValue(
  options: CharFieldOptions,
  trim: boolean,
): (input: PyValue | undefined) => FieldResult<string | undefined> {
  return (input) => {
    if (input === undefined) {
      return options.required === false ? { value: undefined } : { errors: [REQUIRED] };
    }
    if (input === null) return { errors: [NULL] };
    if (input === '' || (trim && pyStrip(pyStr(input)) === '')) {
      return options.allowBlank ? { value: '' } : { errors: ['This field may not be blank.'] };
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

// Django's EmailValidator: a dot-atom or quoted local part (whose escapes are control
// characters, hence the rule's exception), and a domain of DNS labels or `localhost`.
const EMAIL_USER =
  // eslint-disable-next-line no-control-regex
  /^(?:[-!#$%&'*+/=?^_`{}|~0-9a-z]+(?:\.[-!#$%&'*+/=?^_`{}|~0-9a-z]+)*|"(?:[\x01-\x08\x0b\x0c\x0e-\x1f!#-[\]-\x7f]|\\[\x01-\x09\x0b\x0c\x0e-\x7f])*")$/i;
const EMAIL_DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z0-9-]{2,63}(?<!-))$/i;

/**
 * `serializers.EmailField(required=False, allow_blank=True)`: a CharField whose text
 * must pass EmailValidator (ASCII domains only: an internationalised one is refused).
 */
export function optionalEmailField(): Field<string | undefined> {
  const text = charField({ required: false, allowBlank: true });
  return (input) => {
    const result = text(input);
    if ('errors' in result || !result.value) return result;
    const at = result.value.lastIndexOf('@');
    const user = result.value.slice(0, at);
    const domain = result.value.slice(at + 1);
    const valid =
      at > 0 && EMAIL_USER.test(user) && (domain === 'localhost' || EMAIL_DOMAIN.test(domain));
    return valid ? result : { errors: ['Enter a valid email address.'] };
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
