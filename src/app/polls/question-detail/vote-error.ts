import { HttpErrorResponse } from '@angular/common/http';

/** DRF's field errors: `{"choice": ["Invalid pk \"7\" - object does not exist."]}`. */
function firstMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  for (const value of Object.values(body)) {
    if (typeof value === 'string') return value;
    if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  }
  return undefined;
}

/**
 * Words for a vote the server refused, shown next to the form. The server's own message is
 * used where it helps; the common case, a choice deleted meanwhile, gets plain language.
 */
export function voteErrorMessage(error: unknown): string {
  if (!(error instanceof HttpErrorResponse)) {
    return 'Your vote could not be sent. Please try again.';
  }
  const serverMessage = firstMessage(error.error);
  if (error.status === 0) {
    return 'Your vote could not be sent: the server could not be reached. Check your connection and try again.';
  }
  // The interceptor is already on its way to the login page.
  if (error.status === 401) {
    return 'Your session has ended, so your vote was not counted. Please log in again.';
  }
  if (error.status === 400 && serverMessage?.includes('does not exist')) {
    return 'That choice is no longer available, so your vote was not counted. The choices have been refreshed: please pick again.';
  }
  if (error.status === 404) {
    return 'This question no longer exists, so your vote was not counted.';
  }
  if (serverMessage) {
    return `Your vote was not counted: ${serverMessage}`;
  }
  return `Your vote could not be sent (error ${error.status}). Please try again.`;
}
