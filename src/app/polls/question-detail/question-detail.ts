import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  linkedSignal,
  numberAttribute,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';

import { LoadStatus } from '../load-status/load-status';
import { isNotFound } from '../load-error';
import { loadQuestion } from '../page-load';
import { PollsApi } from '../polls-api';
import { isChoiceRefused, voteErrorMessage } from './vote-error';

/** `/polls/:id`: one question, its choices as radio buttons, and the Vote button. */
@Component({
  selector: 'app-question-detail',
  imports: [RouterLink, LoadStatus],
  templateUrl: './question-detail.html',
  styleUrl: './question-detail.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QuestionDetail {
  private readonly api = inject(PollsApi);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);

  /** The `:id` route parameter; NaN when it is not a number. */
  readonly id = input.required({ transform: numberAttribute });

  protected readonly load = loadQuestion(this.id);
  protected readonly question = this.load.data;
  /** The question once loaded; it stays on screen while a reload runs. */
  protected readonly loaded = computed(() =>
    this.question.hasValue() ? this.question.value() : undefined,
  );
  protected readonly title = computed(
    () =>
      this.loaded()?.question_text ?? (this.load.notFound() ? 'Question not found' : 'Question'),
  );

  // Both reset when the router reuses this page for another question.
  protected readonly selected = linkedSignal<number | undefined, number | undefined>({
    source: this.load.questionId,
    computation: () => undefined,
  });
  protected readonly voteError = linkedSignal({
    source: this.load.questionId,
    computation: () => '',
  });
  protected readonly voting = signal(false);
  /** The picked choice, if it is still one of the question's (a reload can remove it). */
  protected readonly selectedChoice = computed(() =>
    this.loaded()?.choices.find((choice) => choice.id === this.selected()),
  );

  protected vote(event: SubmitEvent): void {
    // No FormsModule here: stop the browser's own form submission.
    event.preventDefault();
    const choice = this.selectedChoice();
    const question = this.loaded();
    if (!choice || this.voting() || !question) return;
    const questionId = question.id;

    this.voting.set(true);
    this.voteError.set('');
    this.api
      .vote(questionId, choice.id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          void this.router
            .navigate(['/polls', questionId, 'results'], { state: { votedFor: choice.id } })
            .finally(() => this.voting.set(false));
        },
        error: (error: unknown) => {
          this.voting.set(false);
          this.voteError.set(voteErrorMessage(error));
          // A vanished choice or question: show what the server has now.
          if (isChoiceRefused(error) || isNotFound(error)) this.load.reload();
        },
      });
  }
}
