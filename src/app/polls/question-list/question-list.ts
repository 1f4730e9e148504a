import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  LOCALE_ID,
  computed,
  inject,
  viewChild,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';

import { LoadStatus } from '../load-status/load-status';
import { PollsApi } from '../polls-api';

/** `/polls`: every question, newest first, as Django's tutorial index lists them. */
@Component({
  selector: 'app-question-list',
  imports: [RouterLink, LoadStatus],
  templateUrl: './question-list.html',
  styleUrl: './question-list.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QuestionList {
  private readonly api = inject(PollsApi);
  // Intl rather than DatePipe: same result for the app's locale, a smaller lazy chunk.
  private readonly dateFormat = new Intl.DateTimeFormat(inject(LOCALE_ID), { dateStyle: 'long' });
  private readonly heading = viewChild.required<ElementRef<HTMLElement>>('heading');

  protected readonly questions = rxResource({ stream: () => this.api.questions() });
  protected readonly items = computed(() =>
    this.questions.hasValue()
      ? [...this.questions.value()]
          .sort((a, b) => Date.parse(b.pub_date) - Date.parse(a.pub_date) || b.id - a.id)
          .map((question) => ({
            id: question.id,
            question_text: question.question_text,
            pub_date: question.pub_date,
            published: this.dateFormat.format(new Date(question.pub_date)),
          }))
      : [],
  );
  // The previous error stays on the resource while it reloads; hide it so Retry shows progress.
  protected readonly error = computed(() =>
    this.questions.isLoading() ? undefined : this.questions.error(),
  );

  protected retry(): void {
    // The Retry button disappears with the error; keep keyboard focus on the page.
    this.heading().nativeElement.focus();
    this.questions.reload();
  }
}
