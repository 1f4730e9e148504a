import { Injectable, signal } from '@angular/core';

/** How urgent an app-wide message is: errors go out as an alert, notices as a status. */
export type AppMessageKind = 'error' | 'notice';

/** One message for the whole app, shown by the shell above the page. */
export interface AppMessage {
  readonly kind: AppMessageKind;
  readonly text: string;
}

/**
 * App-wide messages that belong to no single page: a refused permission, a lost
 * connection, a session that ended. The shell shows the current one and clears it when
 * the user navigates, so set a message after a navigation, not before it.
 */
@Injectable({ providedIn: 'root' })
export class AppMessages {
  private readonly message = signal<AppMessage | null>(null);

  /** The message to show, or null. */
  readonly current = this.message.asReadonly();

  /** Shows an error (announced at once, as an alert). */
  error(text: string): void {
    this.message.set({ kind: 'error', text });
  }

  /** Shows a notice (announced politely, as a status). */
  notice(text: string): void {
    this.message.set({ kind: 'notice', text });
  }

  /** Removes the current message. */
  clear(): void {
    this.message.set(null);
  }
}
