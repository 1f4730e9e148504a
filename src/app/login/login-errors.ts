import { HttpErrorResponse } from '@angular/common/http';

import {
  BAD_GATEWAY,
  BAD_REQUEST,
  GATEWAY_TIMEOUT,
  SERVICE_UNAVAILABLE,
  TOO_MANY_REQUESTS,
} from '../core/http-status';

/** What went wrong with a login, ready to show: messages for the form and for each field. */
export interface LoginErrors {
  readonly form: readonly string[];
  readonly username: readonly string[];
  readonly password: readonly string[];
}

/** No errors. */
export const NO_LOGIN_ERRORS: LoginErrors = { form: [], username: [], password: [] };

export const UNREACHABLE_MESSAGE = 'Cannot reach the server. Check your connection and try again.';
export const FIELDS_MESSAGE = 'Please correct the highlighted fields.';

// 0: the request never left the browser or got no answer; 502-504: a proxy in front of
// the API (a reverse proxy, `ng serve`) could not reach it.
const UNREACHABLE_STATUSES: readonly number[] = [
  0,
  BAD_GATEWAY,
  SERVICE_UNAVAILABLE,
  GATEWAY_TIMEOUT,
];

/**
 * Reads a failed login the way DRF reports it: serializer errors (`non_field_errors` and
 * per-field lists) with 400, `{"detail": ...}` otherwise, a 429 when throttled, and
 * status 0 (or a proxy's 502-504) when the request never reached the server.
 */
export function loginErrors(error: unknown): LoginErrors {
  if (!(error instanceof HttpErrorResponse)) return formError('Login failed. Please try again.');
  if (UNREACHABLE_STATUSES.includes(error.status)) return formError(UNREACHABLE_MESSAGE);
  if (error.status === TOO_MANY_REQUESTS) return formError(throttledMessage(error));

  const body: unknown = error.error;
  if (error.status === BAD_REQUEST && isRecord(body)) {
    const form: string[] = [];
    const fields = {
      username: messagesIn(body['username']),
      password: messagesIn(body['password']),
    };
    for (const [key, value] of Object.entries(body)) {
      if (key !== 'username' && key !== 'password') form.push(...messagesIn(value));
    }
    if (form.length === 0 && fields.username.length + fields.password.length > 0) {
      form.push(FIELDS_MESSAGE);
    }
    if (form.length > 0) return { form, ...fields };
  }
  const detail = isRecord(body) ? messagesIn(body['detail']) : [];
  return formError(
    detail.length > 0 ? detail.join(' ') : `Login failed (HTTP ${error.status}). Please try again.`,
  );
}

function throttledMessage(error: HttpErrorResponse): string {
  const seconds = retryAfterSeconds(error);
  if (seconds === null) return 'Too many failed login attempts. Please wait, then try again.';
  const unit = seconds === 1 ? 'second' : 'seconds';
  return `Too many failed login attempts. Try again in ${seconds} ${unit}.`;
}

// The Retry-After header first; a cross-origin API may not expose it, so DRF's detail
// ("Expected available in 42 seconds.") is the fallback.
function retryAfterSeconds(error: HttpErrorResponse): number | null {
  const header = Number.parseInt(error.headers.get('Retry-After') ?? '', 10);
  if (Number.isFinite(header) && header >= 0) return header;
  const detail = isRecord(error.error) ? error.error['detail'] : undefined;
  const match = typeof detail === 'string' ? /available in (\d+) seconds?/.exec(detail) : null;
  return match ? Number.parseInt(match[1], 10) : null;
}

function formError(message: string): LoginErrors {
  return { ...NO_LOGIN_ERRORS, form: [message] };
}

function messagesIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item) => typeof item === 'string') : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
