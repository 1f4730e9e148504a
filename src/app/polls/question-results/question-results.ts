import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  numberAttribute,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';

import { LoadStatus } from '../load-status/load-status';
import { loadQuestion } from '../page-load';
import { tally, votesLabel } from './tally';

/**
 * `/polls/:id/results`: each choice's votes, share and bar. Always fetched fresh (never
 * the vote response) so it shows everyone's votes, and Refresh fetches again.
 */
@Component({
  selector: 'app-question-results',
  imports: [RouterLink, LoadStatus],
  templateUrl: './question-results.html',
  styleUrl: './question-results.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QuestionResults {
  // Router state, not the URL: a reload or a shared link shows the results without thanks.
  private readonly votedFor: unknown =
    inject(Router).currentNavigation()?.extras.state?.['votedFor'];

  /** The `:id` route parameter; NaN when it is not a number. */
  readonly id = input.required({ transform: numberAttribute });

  protected readonly load = loadQuestion(this.id);
  protected readonly question = this.load.data;
  protected readonly results = computed(() =>
    this.question.hasValue() ? tally(this.question.value()) : undefined,
  );
  /** A reload while results are on screen: they stay, and the Refresh button shows it. */
  protected readonly refreshing = computed(
    () => this.question.status() === 'reloading' && this.question.hasValue(),
  );
  protected readonly votesLabel = votesLabel;

  /** The choice the user just voted for, when the vote form brought them here. */
  protected readonly votedChoice = computed(() =>
    this.results()?.choices.find((choice) => choice.id === this.votedFor),
  );

  protected refresh(): void {
    // aria-disabled (not disabled) keeps focus on the button, so ignore clicks here.
    if (this.refreshing()) return;
    this.question.reload();
  }
}
