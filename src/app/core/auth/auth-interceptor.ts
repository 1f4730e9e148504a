import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { DOCUMENT, inject } from '@angular/core';
import { catchError, throwError } from 'rxjs';

import { API_ORIGIN, isApiUrl } from '../api-config';
import { AppMessages } from '../app-messages';
import { FORBIDDEN, UNAUTHORIZED } from '../http-status';
import { Auth } from './auth';
import { SILENT_ERRORS, SKIP_AUTH } from './auth-context';
import { TokenStorage } from './token-storage';

/** Shown app-wide when the API answers 403. */
export const FORBIDDEN_MESSAGE = 'You do not have permission to do that.';

/** Shown app-wide when a request never reached the API (status 0). */
export const OFFLINE_MESSAGE = 'Cannot reach the server. Check your connection and try again.';

/**
 * Adds `Authorization: Token <key>` to API requests (relative URLs or the API origin, see
 * {@link isApiUrl}) and never to any other origin. On an API 401 it ends the session and
 * sends the user to log in (once, however many requests fail together); a 403 or a lost
 * connection only shows a message. The error is passed on in every case.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  if (!isApiUrl(request.url, inject(API_ORIGIN), inject(DOCUMENT).baseURI)) return next(request);

  const anonymous = request.context.get(SKIP_AUTH);
  const token = anonymous ? null : inject(TokenStorage).token();
  const sent =
    token === null ? request : request.clone({ setHeaders: { Authorization: `Token ${token}` } });
  if (request.context.get(SILENT_ERRORS)) return next(sent);

  // inject() only works synchronously, so take what the error path needs now.
  const auth = inject(Auth);
  const messages = inject(AppMessages);
  return next(sent).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse) {
        // A 401 to a request sent without our token says nothing about the session.
        if (error.status === UNAUTHORIZED && !anonymous) {
          auth.endRejectedSession(token);
        } else if (error.status === FORBIDDEN) {
          messages.error(FORBIDDEN_MESSAGE);
        } else if (error.status === 0) {
          messages.error(OFFLINE_MESSAGE);
        }
      }
      return throwError(() => error);
    }),
  );
};
