import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';

import { Auth } from '../core/auth/auth';
import { safeReturnUrl } from '../core/auth/return-url';
import { LoginErrors, NO_LOGIN_ERRORS, loginErrors } from './login-errors';

type Field = 'username' | 'password';

const REQUIRED: Record<Field, string> = {
  username: 'Enter your username.',
  password: 'Enter your password.',
};

/** The login page: exchanges a username and password for a token, then goes back. */
@Component({
  selector: 'app-login',
  imports: [ReactiveFormsModule],
  templateUrl: './login.html',
  styleUrl: './login.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Login {
  private readonly auth = inject(Auth);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);

  /** Where to go after logging in (the `returnUrl` query parameter); checked before use. */
  readonly returnUrl = input<string>();

  private readonly usernameInput = viewChild.required<ElementRef<HTMLInputElement>>('username');
  private readonly passwordInput = viewChild.required<ElementRef<HTMLInputElement>>('password');

  protected readonly form = inject(NonNullableFormBuilder).group({
    username: ['', Validators.required],
    password: ['', Validators.required],
    remember: [false],
  });
  protected readonly pending = signal(false);
  protected readonly submitted = signal(false);
  protected readonly serverErrors = signal<LoginErrors>(NO_LOGIN_ERRORS);

  constructor() {
    // A server error about a field no longer applies once the user changes that field.
    for (const field of ['username', 'password'] as const) {
      this.form.controls[field].valueChanges
        .pipe(takeUntilDestroyed())
        .subscribe(() => this.serverErrors.update((errors) => ({ ...errors, [field]: [] })));
    }
  }

  /** The messages to show under a field: the required check first, then the server's. */
  protected fieldErrors(field: Field): readonly string[] {
    const control = this.form.controls[field];
    if (this.submitted() && control.hasError('required')) return [REQUIRED[field]];
    return this.serverErrors()[field];
  }

  protected submit(): void {
    if (this.pending()) return;
    this.submitted.set(true);
    this.serverErrors.set(NO_LOGIN_ERRORS);
    if (this.form.invalid) {
      this.focusFirstFieldWithErrors();
      return;
    }
    const { username, password, remember } = this.form.getRawValue();
    this.pending.set(true);
    this.auth
      .login(username, password, remember)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => void this.router.navigateByUrl(safeReturnUrl(this.returnUrl())),
        error: (error: unknown) => {
          this.pending.set(false);
          this.serverErrors.set(loginErrors(error));
          this.focusFirstFieldWithErrors();
        },
      });
  }

  // Keyboard and screen reader users land where the problem is; after a failed login
  // with no field to blame (wrong credentials, no connection) that is the password.
  private focusFirstFieldWithErrors(): void {
    const input =
      this.fieldErrors('username').length > 0 ? this.usernameInput() : this.passwordInput();
    input.nativeElement.focus();
  }
}
