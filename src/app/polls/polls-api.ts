import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';

import { API_PATHS } from '../../../api/paths';
import { Question, VoteRequest } from '../../../api/types';
import { injectApiUrl } from '../core/api-config';
import { ERRORS_SHOWN_BY_PAGE } from '../core/banner-interceptor';

/**
 * The polls endpoints, on the configured API origin. Plain HttpClient calls: the auth
 * interceptor adds the token header and handles 401s, so nothing here knows about
 * authentication. Every polls page shows its own errors (with Retry, or beside the vote
 * form), so no app-wide banner repeats them.
 */
@Injectable({ providedIn: 'root' })
export class PollsApi {
  private readonly http = inject(HttpClient);
  private readonly url = injectApiUrl();
  private readonly options = { context: new HttpContext().set(ERRORS_SHOWN_BY_PAGE, true) };

  /** Every question, in the server's order. */
  questions(): Observable<Question[]> {
    return this.http.get<Question[]>(this.url(API_PATHS.questions), this.options);
  }

  /** One question; fails with a 404 HttpErrorResponse when it does not exist. */
  question(id: number): Observable<Question> {
    return this.http.get<Question>(this.url(API_PATHS.question(id)), this.options);
  }

  /** Adds one vote on the server (never a client-side count) and returns the updated question. */
  vote(questionId: number, choiceId: number): Observable<Question> {
    const body: VoteRequest = { choice: choiceId };
    return this.http.post<Question>(this.url(API_PATHS.vote(questionId)), body, this.options);
  }
}
