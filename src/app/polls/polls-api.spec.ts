import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';

import { Question } from '../../../api/types';
import { ERRORS_SHOWN_BY_PAGE } from '../core/banner-interceptor';
import { PollsApi } from './polls-api';

const QUESTION: Question = {
  id: 1,
  question_text: "What's up?",
  pub_date: '2024-01-01T12:00:00Z',
  choices: [{ id: 1, choice_text: 'Not much', votes: 2 }],
};

describe('PollsApi', () => {
  let api: PollsApi;
  let httpTesting: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    api = TestBed.inject(PollsApi);
    httpTesting = TestBed.inject(HttpTestingController);
  });

  afterEach(() => httpTesting.verify());

  it('lists the questions from the relative questions URL', async () => {
    const result = firstValueFrom(api.questions());

    const request = httpTesting.expectOne('/polls/api/questions/');
    expect(request.request.method).toBe('GET');
    request.flush([QUESTION]);

    expect(await result).toEqual([QUESTION]);
  });

  it('fetches one question by id', async () => {
    const result = firstValueFrom(api.question(1));

    const request = httpTesting.expectOne('/polls/api/questions/1/');
    expect(request.request.method).toBe('GET');
    request.flush(QUESTION);

    expect(await result).toEqual(QUESTION);
  });

  it('posts the vote as {"choice": id} and returns the updated question', async () => {
    const updated: Question = { ...QUESTION, choices: [{ ...QUESTION.choices[0], votes: 3 }] };
    const result = firstValueFrom(api.vote(1, 1));

    const request = httpTesting.expectOne('/polls/api/questions/1/vote/');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ choice: 1 });
    expect(request.request.headers.has('Authorization')).toBeFalse();
    request.flush(updated);

    expect(await result).toEqual(updated);
  });

  it('marks every request as shown by its page, so no app-wide banner repeats the error', () => {
    void firstValueFrom(api.questions()).catch(() => undefined);
    void firstValueFrom(api.question(1)).catch(() => undefined);
    void firstValueFrom(api.vote(1, 1)).catch(() => undefined);

    const requests = httpTesting.match(() => true);
    expect(requests.map((request) => request.request.context.get(ERRORS_SHOWN_BY_PAGE))).toEqual([
      true,
      true,
      true,
    ]);
    for (const request of requests) request.error(new ProgressEvent('error'));
  });
});
