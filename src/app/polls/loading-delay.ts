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
