import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { DOCUMENT, inject } from '@angular/core';
import { tap } from 'rxjs';

import { API_ORIGIN, isApiUrl } from '../api-config';
import { UNAUTHORIZED } from '../http-status';
import { Auth } from './auth';
import { SILENT_ERRORS, SKIP_AUTH } from './auth-context';
import { TokenStorage } from './token-storage';

/**
 * Adds `Authorization: Token <key>` to API requests (relative URLs or the API origin, see
 * {@link isApiUrl}) and never to any other origin. On an API 401 it ends the session and
 * sends the user to log in (once, however many requests fail together). The error is
 * passed on; app-wide banners for other failures are the banner interceptor's.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  if (!isApiUrl(request.url, inject(API_ORIGIN), inject(DOCUMENT).baseURI)) return next(request);

  const anonymous = request.context.get(SKIP_AUTH);
  const token = anonymous ? null : inject(TokenStorage).token();
  const sent =
    token === null ? request : request.clone({ setHeaders: { Authorization: `Token ${token}` } });
  // A 401 to a request sent without our token says nothing about the session.
  if (anonymous || request.context.get(SILENT_ERRORS)) return next(sent);

  // inject() only works synchronously, so take Auth now.
  const auth = inject(Auth);
  return next(sent).pipe(
    tap({
      error: (error: unknown) => {
        if (error instanceof HttpErrorResponse && error.status === UNAUTHORIZED) {
          auth.endRejectedSession(token);
        }
      },
    }),
  );
};
