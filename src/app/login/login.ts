import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { Router } from '@angular/router';
import type { Subscription } from 'rxjs';

import { Auth } from '../core/auth/auth';
import { safeReturnUrl } from '../core/auth/return-url';
import { LoginErrors, NO_LOGIN_ERRORS, loginErrors } from './login-errors';

type Field = 'username' | 'password';

const REQUIRED: Record<Field, string> = {
  username: 'Enter your username.',
  password: 'Enter your password.',
};

/**
 * The login page: exchanges a username and password for a token, then goes back.
 *
 * Two fields and a checkbox do not need `@angular/forms`: signals follow the native
 * `input` and `change` events, which keeps about 35 kB of forms code out of the page
 * every visitor loads first.
 */
@Component({
  selector: 'app-login',
  templateUrl: './login.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Login {
  private readonly auth = inject(Auth);
  private readonly router = inject(Router);

  /** Where to go after logging in (the `returnUrl` query parameter); checked before use. */
  readonly returnUrl = input<string>();

  private readonly values = { username: signal(''), password: signal('') };
  protected readonly remember = signal(false);
  protected readonly pending = signal(false);
  protected readonly submitted = signal(false);
  protected readonly serverErrors = signal<LoginErrors>(NO_LOGIN_ERRORS);
  /** The messages to show under each field: the required check first, then the server's. */
  protected readonly errors = {
    username: computed(() => this.fieldErrors('username')),
    password: computed(() => this.fieldErrors('password')),
  };
  private request: Subscription | null = null;

  constructor() {
    // Leaving the page cancels the login in flight: no navigation after the user went elsewhere.
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
  }

  private fieldErrors(field: Field): readonly string[] {
    if (this.submitted() && this.values[field]() === '') return [REQUIRED[field]];
    return this.serverErrors()[field];
  }

  protected edit(field: Field, value: string): void {
    this.values[field].set(value);
    // A server error about a field no longer applies once the user changes that field.
    this.serverErrors.update((errors) => ({ ...errors, [field]: [] }));
  }

  /**
   * Sends the form. The template passes its two inputs (template references, not view
   * queries), so focus can move to the field with a problem.
   */
  protected submit(
    event: Event,
    usernameInput: HTMLInputElement,
    passwordInput: HTMLInputElement,
  ): void {
    // The app sends the request itself; the browser must not post the form.
    event.preventDefault();
    if (this.pending()) return;
    this.submitted.set(true);
    this.serverErrors.set(NO_LOGIN_ERRORS);
    const username = this.values.username();
    const password = this.values.password();
    if (username === '' || password === '') {
      this.focusFirstFieldWithErrors(usernameInput, passwordInput);
      return;
    }
    this.pending.set(true);
    this.request?.unsubscribe();
    this.request = this.auth.login(username, password, this.remember()).subscribe({
      next: () => void this.router.navigateByUrl(safeReturnUrl(this.returnUrl())),
      error: (error: unknown) => {
        this.pending.set(false);
        this.serverErrors.set(loginErrors(error));
        this.focusFirstFieldWithErrors(usernameInput, passwordInput);
      },
    });
  }

  // Keyboard and screen reader users land where the problem is; after a failed login
  // with no field to blame (wrong credentials, no connection) that is the password.
  private focusFirstFieldWithErrors(
    usernameInput: HTMLInputElement,
    passwordInput: HTMLInputElement,
  ): void {
    (this.errors.username().length > 0 ? usernameInput : passwordInput).focus();
  }
}
