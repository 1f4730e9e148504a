import { EnvironmentProviders, Provider } from '@angular/core';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Observable, firstValueFrom } from 'rxjs';

import { Question } from '../../../api/types';
import { TOKEN, endAppTest, startAppTest } from '../../testing/app-testing';
import { API_ORIGIN } from '../core/api-config';
import { TokenStorage } from '../core/auth/token-storage';
import { ERRORS_SHOWN_BY_PAGE } from '../core/banner-interceptor';
import { PollsApi } from './polls-api';

const QUESTION: Question = {
  id: 1,
  question_text: "What's up?",
  pub_date: '2024-01-01T12:00:00Z',
  choices: [{ id: 1, choice_text: 'Not much', votes: 2 }],
};

// Through the app's interceptors, as the pages use it.
describe('PollsApi', () => {
  let api: PollsApi;
  let httpTesting: HttpTestingController;

  function start(providers: (Provider | EnvironmentProviders)[] = []): void {
    httpTesting = startAppTest([], providers);
    api = TestBed.inject(PollsApi);
  }

  /** Starts one request of each kind; what the server answers does not matter here. */
  function sendEach(): void {
    const requests: Observable<unknown>[] = [api.questions(), api.question(1), api.vote(1, 1)];
    for (const request of requests) {
      void firstValueFrom(request).catch(() => undefined);
    }
  }

  /** Logged in, one request of each kind goes to `urls`, each with the token. */
  function expectEachSentWithTokenTo(urls: string[]): void {
    TestBed.inject(TokenStorage).save({ token: TOKEN, username: 'alice' }, false);
    sendEach();

    const requests = httpTesting.match(() => true);
    expect(requests.map(({ request }) => request.url)).toEqual(urls);
    for (const { request } of requests) {
      expect(request.headers.get('Authorization')).withContext(request.url).toBe(`Token ${TOKEN}`);
    }
    for (const request of requests) request.flush(null);
  }

  afterEach(endAppTest);

  describe('on the default API origin (the app’s own)', () => {
    beforeEach(() => start());

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
      request.flush(updated);

      expect(await result).toEqual(updated);
    });

    it('keeps its URLs relative, and they carry the token', () => {
      expectEachSentWithTokenTo([
        '/polls/api/questions/',
        '/polls/api/questions/1/',
        '/polls/api/questions/1/vote/',
      ]);
    });

    it('marks every request as shown by its page, so no app-wide banner repeats the error', () => {
      sendEach();

      const requests = httpTesting.match(() => true);
      expect(requests.map(({ request }) => request.context.get(ERRORS_SHOWN_BY_PAGE))).toEqual([
        true,
        true,
        true,
      ]);
      for (const request of requests) request.error(new ProgressEvent('error'));
    });
  });

  describe('on a configured API origin', () => {
    beforeEach(() => start([{ provide: API_ORIGIN, useValue: 'https://api.example' }]));

    it('sends every request there, with the token', () => {
      expectEachSentWithTokenTo([
        'https://api.example/polls/api/questions/',
        'https://api.example/polls/api/questions/1/',
        'https://api.example/polls/api/questions/1/vote/',
      ]);
    });
  });
});
