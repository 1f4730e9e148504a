import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, NavigationStart, Router, RouterLink, RouterOutlet } from '@angular/router';

import { AppMessages } from './core/app-messages';
import { Auth } from './core/auth/auth';

/** The shell: a header with the session, app-wide messages, and the page in `<main>`. */
@Component({
  selector: 'app-root',
  imports: [RouterOutlet, RouterLink],
  templateUrl: './app.html',
  styleUrl: './app.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  protected readonly auth = inject(Auth);
  protected readonly messages = inject(AppMessages);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);

  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  protected readonly loggingOut = signal(false);

  constructor() {
    let initialNavigation = true;
    this.router.events.pipe(takeUntilDestroyed()).subscribe((event) => {
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
  }

  protected logout(): void {
    this.loggingOut.set(true);
    void this.auth.logout().finally(() => this.loggingOut.set(false));
  }

  protected skipToMain(): void {
    this.focusHeading();
  }

  private focusHeading(): void {
    const main = this.main().nativeElement;
    (main.querySelector<HTMLElement>('h1') ?? main).focus();
  }
}
