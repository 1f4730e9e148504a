import { HttpErrorResponse } from '@angular/common/http';
import { InjectionToken, Signal, effect, inject, signal } from '@angular/core';

/**
 * How long a request may run before a loading indicator appears. Most answers arrive
 * sooner, and an indicator that flashes for a few frames reads as a glitch. A token so
 * tests can shorten it instead of faking timers (there is no zone.js for fakeAsync).
 */
export const LOADING_DELAY = new InjectionToken<number>('LOADING_DELAY', {
  providedIn: 'root',
  factory: () => 200,
});

/**
 * A signal that turns true once `busy` has stayed true for the loading delay, and false
 * as soon as `busy` does. Call it in an injection context (a field initializer).
 */
export function delayedFlag(busy: Signal<boolean>): Signal<boolean> {
  const delay = inject(LOADING_DELAY);
  const shown = signal(false);
  effect((onCleanup) => {
    if (!busy()) {
      shown.set(false);
      return;
    }
    const timer = setTimeout(() => shown.set(true), delay);
    onCleanup(() => clearTimeout(timer));
  });
  return shown.asReadonly();
}

/**
 * The `:id` route parameter as a question id, or undefined when it cannot be one ("abc",
 * "1.5", "-2"): such a URL is "not found" without asking the server.
 */
export function validQuestionId(id: number): number | undefined {
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/** A 404 from the API means "no such question": a page state of its own, not an error. */
export function isNotFound(error: unknown): boolean {
  return error instanceof HttpErrorResponse && error.status === 404;
}

/** Words for a failed load, for the error state next to its Retry button. */
export function loadErrorMessage(error: unknown): string {
  if (!(error instanceof HttpErrorResponse)) {
    return 'Something went wrong while loading this page.';
  }
  if (error.status === 0) {
    return 'The server could not be reached. Check your connection and try again.';
  }
  // The interceptor is already on its way to the login page; say why, not "error 401".
  if (error.status === 401) {
    return 'Your session has ended. Please log in again.';
  }
  if (error.status === 403) {
    return 'You do not have permission to see this page.';
  }
  return `The server could not load this page (error ${error.status}).`;
}
