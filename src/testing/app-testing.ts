import { HttpErrorResponse, provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  TestRequest,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import {
  ChangeDetectionStrategy,
  Component,
  EnvironmentProviders,
  Provider,
  inject,
} from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Observable } from 'rxjs';
import { ActivatedRoute, Routes, provideRouter, withComponentInputBinding } from '@angular/router';

import { APP_INTERCEPTORS } from '../app/app.config';

/** A token in DRF's format (40 hex digits). */
export const TOKEN = '9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b';

/** Deletes the session cookies, so every test starts logged out. */
export function deleteCookies(): void {
  for (const name of ['token', 'username', 'token_expires']) {
    document.cookie = `${name}=; Path=/; Max-Age=0`;
  }
}

/**
 * A routed page that is only its heading: the route's `data.heading`, or "Page". Lets a
 * test see where the router ended up.
 */
@Component({
  selector: 'app-test-page',
  template: '<h1 tabindex="-1">{{ heading }}</h1>',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TestPage {
  private readonly data: unknown = inject(ActivatedRoute).snapshot.data['heading'];
  protected readonly heading = typeof this.data === 'string' ? this.data : 'Page';
}

/**
 * Configures TestBed as the app runs, from a logged-out start: the router with `routes`
 * and route inputs, HttpClient with the app's interceptors, and HttpTestingController in
 * place of the network. Pair it with {@link endAppTest} in `afterEach`.
 */
export function startAppTest(
  routes: Routes,
  providers: (Provider | EnvironmentProviders)[] = [],
): HttpTestingController {
  deleteCookies();
  TestBed.configureTestingModule({
    providers: [
      provideRouter(routes, withComponentInputBinding()),
      provideHttpClient(withInterceptors(APP_INTERCEPTORS)),
      provideHttpClientTesting(),
      ...providers,
    ],
  });
  return TestBed.inject(HttpTestingController);
}

/** Checks that no request was left unanswered, and logs out. */
export function endAppTest(): void {
  TestBed.inject(HttpTestingController).verify();
  deleteCookies();
}

/** Subscribes and keeps what came back, as a caller would see it. */
export function send(request: Observable<unknown>): { error?: HttpErrorResponse } {
  const outcome: { error?: HttpErrorResponse } = {};
  request.subscribe({ error: (error: HttpErrorResponse) => (outcome.error = error) });
  return outcome;
}

/** Answers `request` as DRF answers a key it does not know: 401 "Invalid token.". */
export function rejectAsInvalidToken(request: TestRequest): void {
  request.flush({ detail: 'Invalid token.' }, { status: 401, statusText: 'Unauthorized' });
}
