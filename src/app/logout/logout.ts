import { ChangeDetectionStrategy, Component, afterNextRender, inject } from '@angular/core';

import { Auth } from '../core/auth/auth';

/** `/logout`, like the tutorial's logout link: revokes the token, then goes to login. */
@Component({
  selector: 'app-logout',
  template: `
    <h1 tabindex="-1">Logging out</h1>
    <p role="status">Signing you out…</p>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Logout {
  constructor() {
    const auth = inject(Auth);
    // After the first render: navigating away while this navigation is still
    // activating the page would cancel it half-way.
    afterNextRender(() => void auth.logout());
  }
}
