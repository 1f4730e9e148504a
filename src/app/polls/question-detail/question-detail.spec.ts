import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';

import { QUESTION, pollsPageTest, wait } from '../../../testing/polls-testing';
import { QuestionDetail } from './question-detail';

describe('QuestionDetail', () => {
  const view = pollsPageTest(QuestionDetail, (id) => `/polls/${id}`);
  const { open, openLoaded, heading, statusText, alert, button, link } = view;
  const radios = () =>
    Array.from(view.page.querySelectorAll<HTMLInputElement>('input[type="radio"]'));
  const voteButton = () => button('Vote');
  const labelOf = (radio: HTMLInputElement) => radio.closest('label')?.textContent?.trim();

  /** Picks the choice at `index` and presses Vote; the vote request is left to answer. */
  async function vote(index: number): Promise<void> {
    radios()[index].click();
    await view.harness.fixture.whenStable();
    voteButton()?.click();
    view.harness.detectChanges();
  }

  it('shows the question as a fieldset whose legend is the question text', async () => {
    await openLoaded();

    expect(heading()?.textContent?.trim()).toBe("What's up?");
    expect(heading()?.getAttribute('tabindex')).toBe('-1');
    expect(view.page.querySelectorAll('h1').length).toBe(1);
    expect(view.page.querySelector('fieldset legend')?.textContent?.trim()).toBe("What's up?");
    expect(radios().map(labelOf)).toEqual(['Not much', 'The sky']);
    // One name: the browser then moves through the group with the arrow keys.
    expect(new Set(radios().map((radio) => radio.name)).size).toBe(1);
    expect(radios().some((radio) => radio.checked)).toBeFalse();
    expect(view.page.querySelector('a[href="/polls/1/results"]')?.textContent?.trim()).toBe(
      'View results',
    );
  });

  it('keeps Vote disabled until a choice is picked', async () => {
    await openLoaded();
    expect(voteButton()?.disabled).toBeTrue();

    radios()[1].click();
    await view.harness.fixture.whenStable();

    expect(voteButton()?.disabled).toBeFalse();
  });

  it('sends {"choice": id}, shows progress, ignores repeats and goes to the results', async () => {
    await openLoaded();
    radios()[1].click();
    await view.harness.fixture.whenStable();

    voteButton()?.click();
    view.harness.detectChanges();
    const request = view.http.expectOne('/polls/api/questions/1/vote/');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ choice: 2 });
    expect(voteButton()?.getAttribute('aria-disabled')).toBe('true');
    expect(voteButton()?.querySelector('.spinner')).not.toBeNull();
    expect(statusText()).toContain('Sending your vote');

    voteButton()?.click();
    view.http.expectNone('/polls/api/questions/1/vote/');

    request.flush({
      ...QUESTION,
      choices: [QUESTION.choices[0], { ...QUESTION.choices[1], votes: 2 }],
    });
    await wait(0);
    await wait(0);
    expect(TestBed.inject(Router).url).toBe('/polls/1/results');
    // The results page fetches fresh counts, and thanks the voter.
    await view.answer();
    expect(view.harness.routeNativeElement?.textContent).toContain(
      'Your vote for “The sky” was counted.',
    );
  });

  it('explains a choice that no longer exists and shows the current choices', async () => {
    await openLoaded();
    await vote(1);

    view.http
      .expectOne('/polls/api/questions/1/vote/')
      .flush(
        { choice: ['Invalid pk "2" - object does not exist.'] },
        { status: 400, statusText: 'Bad Request' },
      );
    view.harness.detectChanges();
    view.http
      .expectOne('/polls/api/questions/1/')
      .flush({ ...QUESTION, choices: [QUESTION.choices[0]] });
    await view.harness.fixture.whenStable();

    expect(alert()).toContain('That choice is no longer available');
    expect(radios().map(labelOf)).toEqual(['Not much']);
    expect(voteButton()?.disabled).toBeTrue();
    expect(voteButton()?.hasAttribute('aria-disabled')).toBeFalse();
  });

  it('shows a server error on voting and lets the user try again', async () => {
    await openLoaded();
    await vote(0);

    view.http
      .expectOne('/polls/api/questions/1/vote/')
      .flush('', { status: 502, statusText: 'Bad Gateway' });
    await view.harness.fixture.whenStable();

    expect(alert()).toBe(
      'Your vote could not be sent. Cannot reach the server. Check your connection and try again.',
    );
    expect(voteButton()?.disabled).toBeFalse();
    expect(voteButton()?.hasAttribute('aria-disabled')).toBeFalse();
    expect(TestBed.inject(Router).url).toBe('/polls/1');
  });

  it('shows not found, not an error, when the API answers 404', async () => {
    await open('/polls/99');
    await view.answerNotFound(99);

    expect(heading()?.textContent?.trim()).toBe('Question not found');
    expect(view.page.querySelector('[role="alert"]')).toBeNull();
    expect(view.page.querySelector('fieldset')).toBeNull();
    expect(link('Back to polls')?.getAttribute('href')).toBe('/polls');
  });

  it('shows an error with Retry, and Retry loads the question', async () => {
    await open();
    view.http
      .expectOne('/polls/api/questions/1/')
      .flush('', { status: 500, statusText: 'Server Error' });
    await view.harness.fixture.whenStable();

    expect(alert()).toContain('error 500');
    expect(heading()?.textContent?.trim()).toBe('Question');
    button('Retry')?.click();
    view.harness.detectChanges();

    await view.answer();
    expect(view.page.querySelector('[role="alert"]')).toBeNull();
    expect(radios().length).toBe(2);
  });

  it('says so when a question has no choices', async () => {
    await openLoaded({ ...QUESTION, choices: [] });

    expect(view.page.textContent).toContain('This question has no choices yet.');
    expect(voteButton()?.disabled).toBeTrue();
  });

  it('forgets the picked choice when the route moves to another question', async () => {
    await openLoaded();
    radios()[0].click();
    await view.harness.fixture.whenStable();

    await openLoaded({ ...QUESTION, id: 2, question_text: 'Second?' });

    expect(heading()?.textContent?.trim()).toBe('Second?');
    expect(voteButton()?.disabled).toBeTrue();
  });
});
