/**
 * Reads the error bodies of Django REST Framework, for the app and the command-line
 * client. DRF answers a refused request in one of three shapes:
 *
 * - `{"detail": "Invalid token."}`: authentication, permission, lookup and throttling;
 * - `{"non_field_errors": ["Unable to log in with provided credentials."]}`: a
 *   serializer error that concerns no single field;
 * - `{"choice": ["Invalid pk \"7\" - object does not exist."]}`: errors of one field.
 *
 * The words are the server's, translated to its `LANGUAGE_CODE`: show them as they came,
 * and decide what happened from the status and the field names, never from the text.
 * Plain TypeScript with no framework import.
 */

/** A DRF error body taken apart. Every list keeps the server's order. */
export interface DrfErrors {
  /** The `detail` message, if the body has one. */
  readonly detail: string | undefined;
  /** `non_field_errors`, or the items of a body that is a bare list of messages. */
  readonly nonField: readonly string[];
  /** The messages of each field that has any, by the field's wire name. */
  readonly fields: ReadonlyMap<string, readonly string[]>;
}

const NON_FIELD_ERRORS = 'non_field_errors';

/** Reads any response body; a body in none of DRF's shapes gives no messages at all. */
export function readDrfErrors(body: unknown): DrfErrors {
  const fields = new Map<string, readonly string[]>();
  // `raise ValidationError("...")` in a view, outside a serializer, sends a bare list.
  if (Array.isArray(body)) return { detail: undefined, nonField: messagesIn(body), fields };
  if (!isRecord(body)) return { detail: undefined, nonField: [], fields };

  const detail = messagesIn(body['detail']);
  for (const [field, value] of Object.entries(body)) {
    if (field === 'detail' || field === NON_FIELD_ERRORS) continue;
    const messages = messagesIn(value);
    if (messages.length > 0) fields.set(field, messages);
  }
  return {
    detail: detail.length > 0 ? detail.join(' ') : undefined,
    nonField: messagesIn(body[NON_FIELD_ERRORS]),
    fields,
  };
}

/**
 * The whole error as one line of text: the detail, or else the non-field messages and
 * each field's, named (`username: This field is required.`), joined with `; `. Undefined
 * when the body holds no message.
 */
export function drfErrorMessage(body: unknown): string | undefined {
  const errors = readDrfErrors(body);
  if (errors.detail !== undefined) return errors.detail;
  const parts = errors.nonField.length > 0 ? [errors.nonField.join(' ')] : [];
  for (const [field, messages] of errors.fields) parts.push(`${field}: ${messages.join(' ')}`);
  return parts.length > 0 ? parts.join('; ') : undefined;
}

// A nested serializer nests its errors the same way (`{"choices": [{"votes": [...]}]}`):
// keep every message, whatever the depth.
function messagesIn(value: unknown): string[] {
  if (typeof value === 'string') return value === '' ? [] : [value];
  if (Array.isArray(value)) return value.flatMap(messagesIn);
  if (isRecord(value)) return Object.values(value).flatMap(messagesIn);
  return [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
