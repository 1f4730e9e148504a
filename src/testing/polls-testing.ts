import { HttpTestingController } from '@angular/common/http/testing';
import { Type } from '@angular/core';
import { RouterTestingHarness } from '@angular/router/testing';

import { API_PATHS } from '../../api/paths';
import { Question } from '../../api/types';
import { LOADING_DELAY } from '../app/polls/loading-delay';
import POLLS_ROUTES from '../app/polls/polls.routes';
import { endAppTest, startAppTest } from './app-testing';

/** A question as the API sends it, with two choices. */
export const QUESTION: Question = {
  id: 1,
  question_text: "What's up?",
  pub_date: '2024-01-10T12:00:00Z',
  choices: [
    { id: 1, choice_text: 'Not much', votes: 2 },
    { id: 2, choice_text: 'The sky', votes: 1 },
  ],
};

/** Resolves after `ms` real milliseconds (no zone.js, so no fake timers). */
export const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The loading delay in the polls specs: short, so a test can wait it out. */
export const TEST_LOADING_DELAY = 20;

/**
 * The polls routes under `/polls` as the app serves them (see `startAppTest`), with the
 * given loading delay, and a router harness to open them with.
 */
async function startPollsTest(loadingDelay: number): Promise<{
  httpTesting: HttpTestingController;
  harness: RouterTestingHarness;
}> {
  const httpTesting = startAppTest(
    [{ path: 'polls', children: POLLS_ROUTES }],
    [{ provide: LOADING_DELAY, useValue: loadingDelay }],
  );
  return { httpTesting, harness: await RouterTestingHarness.create() };
}

/** What a user reads on a page: by role and by visible name. */
function pageQueries(page: () => HTMLElement) {
  const named = <T extends HTMLElement>(selector: string, name: string) =>
    Array.from(page().querySelectorAll<T>(selector)).find(
      (element) => element.textContent?.trim() === name,
    );
  return {
    heading: () => page().querySelector('h1'),
    /** The text of every status region, joined. */
    statusText: () =>
      Array.from(page().querySelectorAll('[role="status"]'))
        .map((region) => region.textContent?.trim())
        .join(' '),
    alert: () => page().querySelector('[role="alert"]')?.textContent?.trim(),
    /** The placeholder shown while a slow load runs. */
    skeleton: () => page().querySelector('.skeleton'),
    button: (name: string) => named<HTMLButtonElement>('button', name),
    link: (name: string) => named<HTMLAnchorElement>('a', name),
  };
}

/** What a polls page test may change: the question it shows, and the loading delay. */
interface PollsPageTestOptions {
  readonly question?: Question;
  /** Milliseconds; {@link TEST_LOADING_DELAY} unless a test needs the indicator not to come. */
  readonly loadingDelay?: number;
}

/**
 * Sets up each test of a polls page (call it in the `describe` body): a fresh TestBed
 * (see {@link startPollsTest}), checked and logged out after the test. Returns the page
 * as a test sees it; `address` is the page's URL for a question id.
 */
export function pollsPageTest(
  component: Type<unknown>,
  address: (id: number) => string,
  { question = QUESTION, loadingDelay = TEST_LOADING_DELAY }: PollsPageTestOptions = {},
) {
  let httpTesting: HttpTestingController;
  let harness: RouterTestingHarness;
  let page: HTMLElement;

  beforeEach(async () => {
    ({ httpTesting, harness } = await startPollsTest(loadingDelay));
  });
  afterEach(endAppTest);

  const view = {
    get http(): HttpTestingController {
      return httpTesting;
    },
    get harness(): RouterTestingHarness {
      return harness;
    },
    get page(): HTMLElement {
      return page;
    },
    /** Navigates to `url`; the page's request is left for the test to answer. */
    async open(url = address(question.id)): Promise<void> {
      await harness.navigateByUrl(url, component);
      page = harness.routeNativeElement as HTMLElement;
    },
    /** Opens the page of `shown` and answers its request with it. */
    async openLoaded(shown: Question = question): Promise<void> {
      await view.open(address(shown.id));
      await view.answer(shown);
    },
    /** Answers the page's request for `shown` and waits for the page to show it. */
    async answer(shown: Question = question): Promise<void> {
      httpTesting.expectOne(API_PATHS.question(shown.id)).flush(shown);
      await harness.fixture.whenStable();
    },
    /** Answers the page's request for question `id` as DRF does when it does not exist. */
    async answerNotFound(id: number): Promise<void> {
      httpTesting
        .expectOne(API_PATHS.question(id))
        .flush({ detail: 'Not found.' }, { status: 404, statusText: 'Not Found' });
      await harness.fixture.whenStable();
    },
    /** Waits out the loading delay, so a load still running shows its indicator. */
    async waitPastLoadingDelay(): Promise<void> {
      await wait(2 * loadingDelay);
      harness.detectChanges();
    },
    ...pageQueries(() => page),
  };
  return view;
}

/** A polls page as a test sees it: see {@link pollsPageTest}. */
export type PollsPageView = ReturnType<typeof pollsPageTest>;
