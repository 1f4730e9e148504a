import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';

import { loadErrorMessage } from '../load-error';
import { delayedFlag } from '../loading-delay';
import { PageLoadState } from '../page-load';

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
  /** The page's load (see `loadQuestions` and `loadQuestion`). */
  readonly state = input.required<PageLoadState>();
  /** What is being loaded, announced to screen readers, e.g. "Loading polls…". */
  readonly label = input('Loading…');
  /** The page's heading: Retry moves focus there, as the button goes away with the error. */
  readonly heading = input.required<HTMLElement>();

  protected readonly showLoading = delayedFlag(computed(() => this.state().loading()));
  protected readonly message = computed(() => {
    const error = this.state().error();
    return error === undefined ? '' : loadErrorMessage(error);
  });

  protected retry(): void {
    this.heading().focus();
    this.state().reload();
  }
}
