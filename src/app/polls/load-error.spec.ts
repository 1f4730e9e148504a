import { HttpErrorResponse } from '@angular/common/http';

import { SESSION_ENDED_MESSAGE } from '../core/auth/auth';
import { UNREACHABLE_MESSAGE } from '../core/banner-interceptor';
import { isNotFound, loadErrorMessage } from './load-error';

describe('isNotFound', () => {
  it('is true only for a 404 response', () => {
    expect(isNotFound(new HttpErrorResponse({ status: 404 }))).toBeTrue();
    expect(isNotFound(new HttpErrorResponse({ status: 500 }))).toBeFalse();
    expect(isNotFound(new Error('404'))).toBeFalse();
    expect(isNotFound(undefined)).toBeFalse();
  });
});

describe('loadErrorMessage', () => {
  it('explains a network failure in the words the whole app uses for it', () => {
    expect(loadErrorMessage(new HttpErrorResponse({ status: 0 }))).toBe(UNREACHABLE_MESSAGE);
    expect(UNREACHABLE_MESSAGE).toBe(
      'Cannot reach the server. Check your connection and try again.',
    );
  });

  it('explains an ended session rather than naming the status', () => {
    expect(loadErrorMessage(new HttpErrorResponse({ status: 401 }))).toBe(SESSION_ENDED_MESSAGE);
    expect(SESSION_ENDED_MESSAGE).toBe('Your session has ended. Please log in again.');
  });

  it('explains a missing permission', () => {
    expect(loadErrorMessage(new HttpErrorResponse({ status: 403 }))).toContain('permission');
  });

  it('says a proxy that cannot reach the API (502-504) cannot reach the server, as a lost connection', () => {
    for (const status of [0, 502, 503, 504]) {
      expect(loadErrorMessage(new HttpErrorResponse({ status })))
        .withContext(String(status))
        .toBe(UNREACHABLE_MESSAGE);
    }
  });

  it('names the status of a server error', () => {
    expect(loadErrorMessage(new HttpErrorResponse({ status: 500 }))).toContain('error 500');
  });

  it('has words for an error that is not an HTTP response', () => {
    expect(loadErrorMessage(new Error('boom'))).toBe(
      'Something went wrong while loading this page.',
    );
  });
});
