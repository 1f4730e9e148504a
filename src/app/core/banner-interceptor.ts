import { HttpContextToken, HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { DOCUMENT, inject } from '@angular/core';
import { tap } from 'rxjs';

import { API_ORIGIN, isApiUrl } from './api-config';
import { AppMessages } from './app-messages';
import { SILENT_ERRORS } from './auth/auth-context';
import { FORBIDDEN, isUnreachable } from './http-status';

/** Shown app-wide when the API answers 403. */
export const FORBIDDEN_MESSAGE = 'You do not have permission to do that.';

/**
 * The app's one wording for a request that got no answer from the API: in the app-wide
 * banner, on the login form and on the polls pages (which may say first what failed).
 */
export const UNREACHABLE_MESSAGE = 'Cannot reach the server. Check your connection and try again.';

/**
 * Set to true on a request whose page shows its errors itself (the polls pages, with
 * Retry): no banner then, so the user reads one message, not two. Unlike
 * {@link SILENT_ERRORS}, a 401 still ends the session.
 */
export const ERRORS_SHOWN_BY_PAGE = new HttpContextToken<boolean>(() => false);

/**
 * Posts the app-wide banners for API failures no page explains: a 403 and an API out of
 * reach (no response, or a proxy's 502-504). The error is passed on unchanged.
 */
export const bannerInterceptor: HttpInterceptorFn = (request, next) => {
  const { context } = request;
  if (context.get(SILENT_ERRORS) || context.get(ERRORS_SHOWN_BY_PAGE)) return next(request);
  if (!isApiUrl(request.url, inject(API_ORIGIN), inject(DOCUMENT).baseURI)) return next(request);

  // inject() only works synchronously, so take the messages now.
  const messages = inject(AppMessages);
  return next(request).pipe(
    tap({
      error: (error: unknown) => {
        if (!(error instanceof HttpErrorResponse)) return;
        if (error.status === FORBIDDEN) messages.error(FORBIDDEN_MESSAGE);
        else if (isUnreachable(error.status)) messages.error(UNREACHABLE_MESSAGE);
      },
    }),
  );
};
