import { HttpErrorResponse } from '@angular/common/http';

import { readDrfErrors } from '../../../api/drf-errors';
import { UNREACHABLE_MESSAGE } from '../core/banner-interceptor';
import { BAD_REQUEST, TOO_MANY_REQUESTS, isUnreachable } from '../core/http-status';

/** What went wrong with a login, ready to show: messages for the form and for each field. */
export interface LoginErrors {
  readonly form: readonly string[];
  readonly username: readonly string[];
  readonly password: readonly string[];
}

/** No errors. */
export const NO_LOGIN_ERRORS: LoginErrors = { form: [], username: [], password: [] };

export const FIELDS_MESSAGE = 'Please correct the highlighted fields.';

/**
 * Reads a failed login the way DRF reports it: serializer errors (`non_field_errors` and
 * per-field lists) with 400, `{"detail": ...}` otherwise, a 429 when throttled, and
 * status 0 (or a proxy's 502-504) when the request never reached the server. What the
 * server wrote is shown as it came, in its language; only the status and the field names
 * decide where it goes.
 */
export function loginErrors(error: unknown): LoginErrors {
  if (!(error instanceof HttpErrorResponse)) return formError('Login failed. Please try again.');
  if (isUnreachable(error.status)) return formError(UNREACHABLE_MESSAGE);

  const body = readDrfErrors(error.error);
  if (error.status === TOO_MANY_REQUESTS) return formError(throttledMessage(error, body.detail));
  if (error.status === BAD_REQUEST) {
    const username = body.fields.get('username') ?? [];
    const password = body.fields.get('password') ?? [];
    const form = [...(body.detail === undefined ? [] : [body.detail]), ...body.nonField];
    for (const [field, messages] of body.fields) {
      if (field !== 'username' && field !== 'password') form.push(...messages);
    }
    if (form.length === 0 && username.length + password.length > 0) form.push(FIELDS_MESSAGE);
    if (form.length > 0) return { form, username, password };
  }
  return formError(body.detail ?? `Login failed (HTTP ${error.status}). Please try again.`);
}

// The wait comes from the Retry-After header. A cross-origin API may not expose it; then
// DRF's own detail says it, in the server's language.
function throttledMessage(error: HttpErrorResponse, detail: string | undefined): string {
  const seconds = Number.parseInt(error.headers.get('Retry-After') ?? '', 10);
  if (Number.isFinite(seconds) && seconds >= 0) {
    const unit = seconds === 1 ? 'second' : 'seconds';
    return `Too many failed login attempts. Try again in ${seconds} ${unit}.`;
  }
  return detail ?? 'Too many failed login attempts. Please wait, then try again.';
}

function formError(message: string): LoginErrors {
  return { ...NO_LOGIN_ERRORS, form: [message] };
}
