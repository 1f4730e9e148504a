import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  inject,
  signal,
} from '@angular/core';
import { NavigationEnd, NavigationStart, Router, RouterLink, RouterOutlet } from '@angular/router';

import { AppMessages } from './core/app-messages';
import { Auth, SESSION_ENDING_MESSAGE } from './core/auth/auth';

/** The shell: a header with the session, app-wide messages, and the page in `<main>`. */
@Component({
  selector: 'app-root',
  imports: [RouterOutlet, RouterLink],
  templateUrl: './app.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  protected readonly auth = inject(Auth);
  protected readonly messages = inject(AppMessages);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);

  // The shell's own element, to find <main> in. No view queries (viewChild) in the app:
  // their runtime would cost every page about 2.4 kB gzip, and a template reference or the
  // host element does the same job.
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly loggingOut = signal(false);
  protected readonly sessionEndingMessage = SESSION_ENDING_MESSAGE;
  /** Log out here; and where the backend can end every token of the user, everywhere. */
  protected readonly logoutChoices = [
    { label: 'Log out', everywhere: false },
    ...(this.auth.canLogOutEverywhere
      ? [{ label: 'Log out on all devices', everywhere: true }]
      : []),
  ];

  constructor() {
    let initialNavigation = true;
    const navigation = this.router.events.subscribe((event) => {
      if (event instanceof NavigationStart) this.messages.clear();
      if (!(event instanceof NavigationEnd)) return;
      // On the first page load the browser starts at the top, as users expect; after
      // that, a screen reader should hear the new page's heading, as with a page load.
      if (initialNavigation) {
        initialNavigation = false;
        return;
      }
      afterNextRender(() => this.focusHeading(), { injector: this.injector });
    });
    inject(DestroyRef).onDestroy(() => navigation.unsubscribe());
  }

  /** Logs out here, or with `everywhere` on every device of the user. */
  protected logout(everywhere: boolean): void {
    this.whileLoggingOut(() => (everywhere ? this.auth.logoutEverywhere() : this.auth.logout()));
  }

  /** Before a token expires: logs out, then back here after the next login. */
  protected logInAgain(): void {
    this.whileLoggingOut(() => this.auth.logInAgain());
  }

  // The buttons stay disabled until the logout has finished.
  private whileLoggingOut(logout: () => Promise<void>): void {
    this.loggingOut.set(true);
    void logout().finally(() => this.loggingOut.set(false));
  }

  // While the session is about to end, from <main>: its notice's Log in again comes next.
  protected skipToMain(): void {
    const main = this.host.nativeElement.querySelector('main');
    if (this.auth.sessionEndsSoon()) main?.focus();
    else this.focusHeading();
  }

  private focusHeading(): void {
    const main = this.host.nativeElement.querySelector('main');
    if (main) (main.querySelector<HTMLElement>('h1') ?? main).focus();
  }
}
