import { ChangeDetectionStrategy, Component, LOCALE_ID, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';

import { LoadStatus } from '../load-status/load-status';
import { loadQuestions } from '../page-load';

/** `/polls`: every question, newest first, as Django's tutorial index lists them. */
@Component({
  selector: 'app-question-list',
  imports: [RouterLink, LoadStatus],
  templateUrl: './question-list.html',
  styleUrl: './question-list.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QuestionList {
  // Intl rather than DatePipe: same result for the app's locale, a smaller lazy chunk.
  private readonly dateFormat = new Intl.DateTimeFormat(inject(LOCALE_ID), { dateStyle: 'long' });

  protected readonly load = loadQuestions();
  protected readonly questions = this.load.data;
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
}
