import { HttpErrorResponse } from '@angular/common/http';

import { SESSION_ENDED_MESSAGE } from '../core/auth/auth';
import { UNREACHABLE_MESSAGE } from '../core/banner-interceptor';
import { FORBIDDEN, NOT_FOUND, UNAUTHORIZED, isUnreachable } from '../core/http-status';

/** A 404 from the API means "no such question": a page state of its own, not an error. */
export function isNotFound(error: unknown): boolean {
  return error instanceof HttpErrorResponse && error.status === NOT_FOUND;
}

// Statuses with words of their own; any other names its number.
const MESSAGES: Readonly<Record<number, string>> = {
  // The interceptor is already on its way to the login page; say why, not "error 401".
  [UNAUTHORIZED]: SESSION_ENDED_MESSAGE,
  [FORBIDDEN]: 'You do not have permission to see this page.',
};

/** Words for a failed load, for the error state next to its Retry button. */
export function loadErrorMessage(error: unknown): string {
  if (!(error instanceof HttpErrorResponse)) {
    return 'Something went wrong while loading this page.';
  }
  if (isUnreachable(error.status)) return UNREACHABLE_MESSAGE;
  return MESSAGES[error.status] ?? `The server could not load this page (error ${error.status}).`;
}
