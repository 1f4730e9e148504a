import { Question } from '../../../../api/types';
import { pollsPageTest } from '../../../testing/polls-testing';
import { QuestionList } from './question-list';

const URL = '/polls/api/questions/';

function question(id: number, question_text: string, pub_date: string): Question {
  return { id, question_text, pub_date, choices: [{ id: id * 10, choice_text: 'Yes', votes: 0 }] };
}

describe('QuestionList', () => {
  const view = pollsPageTest(QuestionList, () => '/polls');
  const { button } = view;
  beforeEach(() => view.open());

  const links = () => Array.from(view.page.querySelectorAll<HTMLAnchorElement>('li a'));

  it('has one focusable h1 named Polls', () => {
    view.http.expectOne(URL).flush([]);
    const headings = view.page.querySelectorAll('h1');
    expect(headings.length).toBe(1);
    expect(headings[0].textContent?.trim()).toBe('Polls');
    expect(headings[0].getAttribute('tabindex')).toBe('-1');
  });

  it('lists the questions newest first, each linking to its page with its date', async () => {
    view.http
      .expectOne(URL)
      .flush([
        question(1, "What's up?", '2024-01-10T12:00:00Z'),
        question(2, 'Favourite colour?', '2024-03-05T12:00:00Z'),
        question(3, 'Tea or coffee?', '2023-12-31T12:00:00Z'),
      ]);
    await view.harness.fixture.whenStable();

    expect(links().map((link) => link.textContent?.trim())).toEqual([
      'Favourite colour?',
      "What's up?",
      'Tea or coffee?',
    ]);
    expect(links().map((link) => link.getAttribute('href'))).toEqual([
      '/polls/2',
      '/polls/1',
      '/polls/3',
    ]);
    const time = view.page.querySelector('li time');
    expect(time?.getAttribute('datetime')).toBe('2024-03-05T12:00:00Z');
    expect(time?.textContent).toContain('2024');
    expect(view.page.textContent).not.toContain('No polls are available.');
  });

  it('says so when there are no polls', async () => {
    view.http.expectOne(URL).flush([]);
    await view.harness.fixture.whenStable();

    expect(view.page.textContent).toContain('No polls are available.');
    expect(links()).toEqual([]);
  });

  it('shows an error with Retry, and Retry loads the list again', async () => {
    view.http.expectOne(URL).flush({ detail: 'Boom' }, { status: 500, statusText: 'Error' });
    await view.harness.fixture.whenStable();

    expect(view.page.querySelector('[role="alert"]')?.textContent).toContain('error 500');
    expect(view.page.textContent).not.toContain('No polls are available.');
    button('Retry')?.click();
    view.harness.detectChanges();

    expect(document.activeElement).toBe(view.page.querySelector('h1'));
    expect(view.page.querySelector('[role="alert"]')).toBeNull();
    view.http.expectOne(URL).flush([question(1, "What's up?", '2024-01-10T12:00:00Z')]);
    await view.harness.fixture.whenStable();
    expect(links().map((link) => link.textContent?.trim())).toEqual(["What's up?"]);
  });

  it('explains a network failure', async () => {
    view.http.expectOne(URL).error(new ProgressEvent('error'), { status: 0 });
    await view.harness.fixture.whenStable();

    expect(view.page.querySelector('[role="alert"]')?.textContent?.trim()).toBe(
      'Cannot reach the server. Check your connection and try again.',
    );
  });
});
