import { HttpTestingController } from '@angular/common/http/testing';
import { RouterTestingHarness } from '@angular/router/testing';

import { Question } from '../../api/types';
import { LOADING_DELAY } from '../app/polls/loading-delay';
import POLLS_ROUTES from '../app/polls/polls.routes';
import { startAppTest } from './app-testing';

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
 * The polls routes under `/polls` as the app serves them (see `startAppTest`), with a
 * short loading delay, and a router harness to open them with.
 */
export async function startPollsTest(): Promise<{
  httpTesting: HttpTestingController;
  harness: RouterTestingHarness;
}> {
  const httpTesting = startAppTest(
    [{ path: 'polls', children: POLLS_ROUTES }],
    [{ provide: LOADING_DELAY, useValue: TEST_LOADING_DELAY }],
  );
  return { httpTesting, harness: await RouterTestingHarness.create() };
}

/** What a user reads on a page: by role and by visible name. */
export function pageQueries(page: () => HTMLElement) {
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
    button: (name: string) => named<HTMLButtonElement>('button', name),
    link: (name: string) => named<HTMLAnchorElement>('a', name),
  };
}
