import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  computed,
  inject,
  input,
  linkedSignal,
  numberAttribute,
  signal,
  viewChild,
} from '@angular/core';
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';

import { LoadStatus } from '../load-status/load-status';
import { isNotFound, validQuestionId } from '../load-state';
import { PollsApi } from '../polls-api';
import { voteErrorMessage } from './vote-error';

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
  private readonly heading = viewChild.required<ElementRef<HTMLElement>>('heading');

  /** The `:id` route parameter; NaN when it is not a number. */
  readonly id = input.required({ transform: numberAttribute });

  private readonly questionId = computed(() => validQuestionId(this.id()));
  protected readonly question = rxResource({
    params: () => this.questionId(),
    stream: ({ params: id }) => this.api.question(id),
  });
  protected readonly notFound = computed(
    () => this.questionId() === undefined || isNotFound(this.question.error()),
  );
  // The previous error stays on the resource while it reloads; hide it so Retry shows progress.
  protected readonly error = computed(() =>
    this.question.isLoading() || this.notFound() ? undefined : this.question.error(),
  );
  protected readonly title = computed(() => {
    if (this.question.hasValue()) return this.question.value().question_text;
    return this.notFound() ? 'Question not found' : 'Question';
  });

  // Both reset when the router reuses this page for another question.
  protected readonly selected = linkedSignal<number | undefined, number | undefined>({
    source: this.questionId,
    computation: () => undefined,
  });
  protected readonly voteError = linkedSignal({ source: this.questionId, computation: () => '' });
  protected readonly voting = signal(false);
  /** The picked choice, if it is still one of the question's (a reload can remove it). */
  protected readonly selectedChoice = computed(() =>
    this.question.hasValue()
      ? this.question.value().choices.find((choice) => choice.id === this.selected())
      : undefined,
  );

  protected retry(): void {
    // The Retry button disappears with the error; keep keyboard focus on the page.
    this.heading().nativeElement.focus();
    this.question.reload();
  }

  protected vote(event: SubmitEvent): void {
    // No FormsModule here: stop the browser's own form submission.
    event.preventDefault();
    const choice = this.selectedChoice();
    if (!choice || this.voting() || !this.question.hasValue()) return;
    const questionId = this.question.value().id;

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
          if (
            error instanceof HttpErrorResponse &&
            (error.status === 400 || error.status === 404)
          ) {
            this.question.reload();
          }
        },
      });
  }
}
