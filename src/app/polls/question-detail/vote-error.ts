import { HttpErrorResponse } from '@angular/common/http';

import { drfErrorMessage, readDrfErrors } from '../../../../api/drf-errors';
import { UNREACHABLE_MESSAGE } from '../../core/banner-interceptor';
import { BAD_REQUEST, NOT_FOUND, UNAUTHORIZED, isUnreachable } from '../../core/http-status';

/**
 * Whether the server refused the vote's `choice` field. The form only sends ids the server
 * listed for this question, so the one way that field fails is a choice removed (or moved
 * to another question) since the page loaded. Decided by status and field name: the
 * message itself is in the server's language.
 */
export function isChoiceRefused(error: unknown): boolean {
  return (
    error instanceof HttpErrorResponse &&
    error.status === BAD_REQUEST &&
    readDrfErrors(error.error).fields.has('choice')
  );
}

/**
 * Words for a vote the server refused, shown next to the form. The common case, a choice
 * deleted meanwhile, gets plain language; otherwise the server's own message is shown as
 * it came.
 */
export function voteErrorMessage(error: unknown): string {
  if (!(error instanceof HttpErrorResponse)) {
    return 'Your vote could not be sent. Please try again.';
  }
  if (isUnreachable(error.status)) {
    return `Your vote could not be sent. ${UNREACHABLE_MESSAGE}`;
  }
  // The interceptor is already on its way to the login page.
  if (error.status === UNAUTHORIZED) {
    return 'Your session has ended, so your vote was not counted. Please log in again.';
  }
  if (isChoiceRefused(error)) {
    return 'That choice is no longer available, so your vote was not counted. The choices have been refreshed: please pick again.';
  }
  if (error.status === NOT_FOUND) {
    return 'This question no longer exists, so your vote was not counted.';
  }
  const serverMessage = drfErrorMessage(error.error);
  if (serverMessage) {
    return `Your vote was not counted: ${serverMessage}`;
  }
  return `Your vote could not be sent (error ${error.status}). Please try again.`;
}
