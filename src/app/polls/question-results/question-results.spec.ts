import { Question } from '../../../../api/types';
import { QUESTION as TWO_CHOICES, pollsPageTest } from '../../../testing/polls-testing';
import { QuestionResults } from './question-results';

const QUESTION: Question = {
  ...TWO_CHOICES,
  choices: [...TWO_CHOICES.choices, { id: 3, choice_text: 'Just hacking again', votes: 0 }],
};

describe('QuestionResults', () => {
  const view = pollsPageTest(QuestionResults, (id) => `/polls/${id}/results`, {
    question: QUESTION,
  });
  const { open, openLoaded, heading, statusText, button, link } = view;
  const rows = () =>
    Array.from(view.page.querySelectorAll<HTMLElement>('li')).map((row) =>
      (row.textContent ?? '').replace(/\s+/g, ' ').trim(),
    );
  const total = () => view.page.querySelector('.total')?.textContent?.trim();
  const bars = () => Array.from(view.page.querySelectorAll<Element>('.bar'));

  it("shows each choice's votes and percent in text, and the total", async () => {
    await openLoaded();

    expect(heading()?.textContent).toContain("What's up?");
    expect(heading()?.getAttribute('tabindex')).toBe('-1');
    expect(view.page.querySelectorAll('h1').length).toBe(1);
    expect(rows()).toEqual([
      'Not much 2 votes 67%',
      'The sky 1 vote 33%',
      'Just hacking again 0 votes 0%',
    ]);
    expect(total()).toBe('Total: 3 votes');
    // Opened by a link, not by the vote form: nothing to thank for.
    expect(view.page.textContent).not.toContain('Thanks for voting');
  });

  it('draws a bar per choice, hidden from assistive technology', async () => {
    await openLoaded();

    expect(bars().length).toBe(3);
    for (const bar of bars()) expect(bar.getAttribute('aria-hidden')).toBe('true');
    const widths = bars().map(
      (bar) => bar.querySelector('.bar__fill')?.getAttribute('width') ?? '',
    );
    expect(parseFloat(widths[0])).toBeCloseTo(66.667, 2);
    expect(parseFloat(widths[1])).toBeCloseTo(33.333, 2);
    expect(widths[2]).toBe('0%');
  });

  it('shows 0% everywhere for a question nobody has voted on', async () => {
    await openLoaded({
      ...QUESTION,
      choices: QUESTION.choices.map((choice) => ({ ...choice, votes: 0 })),
    });

    expect(rows()).toEqual([
      'Not much 0 votes 0%',
      'The sky 0 votes 0%',
      'Just hacking again 0 votes 0%',
    ]);
    expect(total()).toBe('Total: 0 votes');
    expect(view.page.textContent).not.toContain('NaN');
  });

  it('links to vote again and back to the list', async () => {
    await openLoaded();

    expect(link('Vote again')?.getAttribute('href')).toBe('/polls/1');
    expect(link('Back to polls')?.getAttribute('href')).toBe('/polls');
  });

  it('refreshes from the server and keeps the results on screen meanwhile', async () => {
    await openLoaded();

    button('Refresh')?.click();
    view.harness.detectChanges();
    const request = view.http.expectOne('/polls/api/questions/1/');
    expect(button('Refresh')?.getAttribute('aria-disabled')).toBe('true');
    expect(rows()[0]).toBe('Not much 2 votes 67%');
    expect(statusText()).toContain('Refreshing results');

    button('Refresh')?.click();
    view.http.expectNone('/polls/api/questions/1/');

    request.flush({
      ...QUESTION,
      choices: [{ ...QUESTION.choices[0], votes: 3 }, ...QUESTION.choices.slice(1)],
    });
    await view.harness.fixture.whenStable();
    expect(rows()[0]).toBe('Not much 3 votes 75%');
    expect(total()).toBe('Total: 4 votes');
    expect(button('Refresh')?.hasAttribute('aria-disabled')).toBeFalse();
  });

  it('shows not found, not an error, when the API answers 404', async () => {
    await open('/polls/42/results');
    await view.answerNotFound(42);

    expect(heading()?.textContent?.trim()).toBe('Question not found');
    expect(view.page.querySelector('[role="alert"]')).toBeNull();
    expect(link('Back to polls')?.getAttribute('href')).toBe('/polls');
    expect(link('Vote again')).toBeUndefined();
  });

  it('shows an error with Retry, and Retry loads the results', async () => {
    await open();
    view.http.expectOne('/polls/api/questions/1/').error(new ProgressEvent('error'), {
      status: 0,
    });
    await view.harness.fixture.whenStable();

    expect(view.page.querySelector('[role="alert"]')?.textContent?.trim()).toBe(
      'Cannot reach the server. Check your connection and try again.',
    );
    button('Retry')?.click();
    view.harness.detectChanges();
    expect(document.activeElement).toBe(heading());

    await view.answer();
    expect(view.page.querySelector('[role="alert"]')).toBeNull();
    expect(rows().length).toBe(3);
  });
});
