import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';

import { delayedFlag, loadErrorMessage } from '../load-state';

/**
 * The states a polls page shows instead of its content: a skeleton while loading (only
 * after a short delay), "not found" with a way back, or an error with Retry. One
 * component so all three pages look and announce these states the same way.
 */
@Component({
  selector: 'app-load-status',
  imports: [RouterLink],
  templateUrl: './load-status.html',
  styleUrl: './load-status.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoadStatus {
  /** True while the request runs; the skeleton appears only if it runs long. */
  readonly loading = input(false);
  /** What is being loaded, announced to screen readers, e.g. "Loading polls…". */
  readonly label = input('Loading…');
  readonly notFound = input(false);
  /** The failed request's error, or undefined when there is none to show. */
  readonly error = input<unknown>();
  readonly retry = output();

  protected readonly showLoading = delayedFlag(this.loading);
  protected readonly message = computed(() => {
    const error = this.error();
    return error === undefined ? '' : loadErrorMessage(error);
  });
}
