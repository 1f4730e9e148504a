import { Type } from '@angular/core';

import { API_PATHS } from '../../../api/paths';
import { Question } from '../../../api/types';
import { PollsPageView, QUESTION, pollsPageTest } from '../../testing/polls-testing';
import { QuestionDetail } from './question-detail/question-detail';
import { QuestionList } from './question-list/question-list';
import { QuestionResults } from './question-results/question-results';

interface PollsPage {
  readonly name: string;
  readonly component: Type<unknown>;
  readonly url: string;
  readonly request: string;
  readonly answer: Question | Question[];
  /** The heading shown before the data is there. */
  readonly heading: string;
  /** What the loading indicator announces. */
  readonly label: string;
  /** The page's content once loaded, and how many of it the answer makes. */
  readonly content: string;
  readonly count: number;
  /** The page's address with an id that cannot be a question's, if it takes one. */
  readonly badIdUrl?: string;
}

// The loading states come from one place (loadQuestions/loadQuestion and LoadStatus);
// each page still has to show them with its own words.
const PAGES: readonly PollsPage[] = [
  {
    name: 'QuestionList',
    component: QuestionList,
    url: '/polls',
    request: API_PATHS.questions,
    answer: [QUESTION],
    heading: 'Polls',
    label: 'Loading polls…',
    content: 'li a',
    count: 1,
  },
  {
    name: 'QuestionDetail',
    component: QuestionDetail,
    url: '/polls/1',
    request: API_PATHS.question(1),
    answer: QUESTION,
    heading: 'Question',
    label: 'Loading question…',
    content: 'input[type="radio"]',
    count: 2,
    badIdUrl: '/polls/abc',
  },
  {
    name: 'QuestionResults',
    component: QuestionResults,
    url: '/polls/1/results',
    request: API_PATHS.question(1),
    answer: QUESTION,
    heading: 'Results',
    label: 'Loading results…',
    content: '.result',
    count: 2,
    badIdUrl: '/polls/x1/results',
  },
];

// Longer than any test runs: the loading indicator cannot come, however slow the machine.
const NEVER = 10 * 60 * 1000;

/** Answers the page's load and checks that its content replaced any loading indicator. */
async function expectLoaded(view: PollsPageView, page: PollsPage): Promise<void> {
  view.http.expectOne(page.request).flush(page.answer);
  await view.harness.fixture.whenStable();
  expect(view.skeleton()).toBeNull();
  expect(view.statusText()).not.toContain(page.label);
  expect(view.page.querySelectorAll(page.content).length).toBe(page.count);
}

for (const page of PAGES) {
  describe(`${page.name} loading, before the loading delay`, () => {
    const view = pollsPageTest(page.component, () => page.url, { loadingDelay: NEVER });

    it('shows the heading but no loading indicator', async () => {
      await view.open();
      expect(view.heading()?.textContent?.trim()).toBe(page.heading);
      expect(view.skeleton()).toBeNull();
      expect(view.statusText()).not.toContain(page.label);

      await expectLoaded(view, page);
    });
  });

  describe(`${page.name} loading`, () => {
    const view = pollsPageTest(page.component, () => page.url);

    it('shows and announces the loading indicator once the request has taken a while', async () => {
      await view.open();
      await view.waitPastLoadingDelay();
      expect(view.heading()?.textContent?.trim()).toBe(page.heading);
      expect(view.skeleton()).not.toBeNull();
      expect(view.statusText()).toContain(page.label);

      await expectLoaded(view, page);
    });

    const { badIdUrl } = page;
    if (badIdUrl) {
      it('shows not found without asking the server for an id that is not a number', async () => {
        await view.open(badIdUrl);
        await view.harness.fixture.whenStable();

        view.http.expectNone(() => true);
        expect(view.heading()?.textContent?.trim()).toBe('Question not found');
      });
    }
  });
}
