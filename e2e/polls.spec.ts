import type { APIRequestContext, Locator, Page } from '@playwright/test';

import { API_PATHS } from '../api/paths';
import type { Choice, Question } from '../api/types';
import { ADMIN, ALICE, API_URL, apiToken, expect, logIn, test as base } from './fixtures';

async function apiGet<T>(request: APIRequestContext, path: string, token: string): Promise<T> {
  const response = await request.get(`${API_URL}${path}`, {
    headers: { Authorization: `Token ${token}` },
  });
  expect(response.status()).toBe(200);
  return (await response.json()) as T;
}

/** A question from the seed with at least two choices, so a vote has a real choice to make. */
async function votableQuestion(request: APIRequestContext, token: string): Promise<Question> {
  const questions = await apiGet<Question[]>(request, API_PATHS.questions, token);
  const question = questions.find((candidate) => candidate.choices.length >= 2);
  if (!question) throw new Error('The seed has no question with two choices');
  return question;
}

/** `poll`: admin's token and a question to vote on, both got from the API directly. */
const test = base.extend<{ poll: { token: string; question: Question } }>({
  poll: async ({ request }, use) => {
    const token = await apiToken(request);
    await use({ token, question: await votableQuestion(request, token) });
  },
});

/** What the server counts for one choice right now. */
async function votesFor(
  request: APIRequestContext,
  token: string,
  question: Question,
  choiceId: number,
) {
  const current = await apiGet<Question>(request, API_PATHS.question(question.id), token);
  const choice = current.choices.find((candidate) => candidate.id === choiceId);
  if (!choice) throw new Error(`Choice ${choiceId} is gone`);
  return choice.votes;
}

const votesText = (count: number) => `${count} ${count === 1 ? 'vote' : 'votes'}`;

/** One choice's line on the results page. */
function resultRow(page: Page, choiceText: string): Locator {
  return page.getByRole('listitem').filter({ has: page.getByText(choiceText, { exact: true }) });
}

/** Presses Tab until `target` has focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let presses = 0; presses < 30; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

/** Opens a question from the list and votes for one choice with the mouse. */
async function voteWithMouse(page: Page, question: Question, choice: Choice): Promise<void> {
  await page.getByRole('link', { name: question.question_text, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/polls/${question.id}$`));
  const group = page.getByRole('group', { name: question.question_text });
  await group.getByRole('radio', { name: choice.choice_text, exact: true }).check();
  await page.getByRole('button', { name: 'Vote', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/polls/${question.id}/results$`));
}

test('the list shows every question, newest first, each linking to its page', async ({
  page,
  request,
}) => {
  const token = await apiToken(request);
  const questions = await apiGet<Question[]>(request, API_PATHS.questions, token);
  const newestFirst = [...questions].sort(
    (a, b) => Date.parse(b.pub_date) - Date.parse(a.pub_date) || b.id - a.id,
  );

  await logIn(page);

  await expect(page).toHaveURL(/\/polls$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Polls' })).toBeVisible();
  const links = page.getByRole('main').getByRole('listitem').getByRole('link');
  await expect(links).toHaveText(newestFirst.map((question) => question.question_text));
  await links.first().click();
  await expect(page).toHaveURL(new RegExp(`/polls/${newestFirst[0].id}$`));
});

test('a vote adds exactly one to that choice, on the results page and in the API', async ({
  page,
  request,
  poll: { token, question },
}) => {
  await logIn(page);
  const [other, choice] = question.choices;

  await page.getByRole('link', { name: question.question_text, exact: true }).click();
  const group = page.getByRole('group', { name: question.question_text });
  await expect(group.getByRole('radio')).toHaveCount(question.choices.length);
  const vote = page.getByRole('button', { name: 'Vote', exact: true });
  await expect(vote).toBeDisabled();
  await group.getByRole('radio', { name: choice.choice_text, exact: true }).check();
  await expect(vote).toBeEnabled();

  const before = await votesFor(request, token, question, choice.id);
  const otherBefore = await votesFor(request, token, question, other.id);
  await vote.click();

  await expect(page).toHaveURL(new RegExp(`/polls/${question.id}/results$`));
  await expect(resultRow(page, choice.choice_text)).toContainText(votesText(before + 1));
  await expect(page.getByText(`Your vote for “${choice.choice_text}” was counted.`)).toBeVisible();
  expect(await votesFor(request, token, question, choice.id)).toBe(before + 1);
  expect(await votesFor(request, token, question, other.id)).toBe(otherBefore);
  await expect(resultRow(page, other.choice_text)).toContainText(votesText(otherBefore));

  await expect(page.getByRole('link', { name: 'Vote again' })).toHaveAttribute(
    'href',
    `/polls/${question.id}`,
  );
  await page.getByRole('link', { name: 'Back to polls' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Polls' })).toBeVisible();
});

test('another user in another browser sees the new count, and Refresh shows theirs', async ({
  page,
  browser,
  baseURL,
  request,
  poll: { token, question },
}) => {
  const choice = question.choices[0];
  await logIn(page, ADMIN);
  const before = await votesFor(request, token, question, choice.id);
  await voteWithMouse(page, question, choice);
  await expect(resultRow(page, choice.choice_text)).toContainText(votesText(before + 1));

  const aliceContext = await browser.newContext({ baseURL });
  try {
    const alice = await aliceContext.newPage();
    await logIn(alice, ALICE);
    await alice.goto(`/polls/${question.id}/results`);
    await expect(resultRow(alice, choice.choice_text)).toContainText(votesText(before + 1));

    await alice.getByRole('link', { name: 'Vote again' }).click();
    await alice
      .getByRole('group', { name: question.question_text })
      .getByRole('radio', { name: choice.choice_text, exact: true })
      .check();
    await alice.getByRole('button', { name: 'Vote', exact: true }).click();
    await expect(resultRow(alice, choice.choice_text)).toContainText(votesText(before + 2));
  } finally {
    await aliceContext.close();
  }

  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(resultRow(page, choice.choice_text)).toContainText(votesText(before + 2));
  expect(await votesFor(request, token, question, choice.id)).toBe(before + 2);
});

test('an unknown question shows not found with a way back, not an error', async ({ page }) => {
  await logIn(page);

  for (const path of ['/polls/99999', '/polls/99999/results', '/polls/not-a-number']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: 'Question not found' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  }

  await page.getByRole('link', { name: 'Back to polls' }).click();
  await expect(page).toHaveURL(/\/polls$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Polls' })).toBeVisible();
});

test('keyboard only: log in, pick a choice with the arrow keys and vote', async ({
  page,
  request,
  poll: { token, question },
}) => {
  const [first, second] = question.choices;

  await page.goto('/polls');
  await expect(page).toHaveURL(/\/login/);
  await tabTo(page, page.getByLabel('Username'));
  await page.keyboard.type(ADMIN.username);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
  await page.keyboard.type(ADMIN.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Polls' })).toBeVisible();

  await tabTo(page, page.getByRole('link', { name: question.question_text, exact: true }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/polls/${question.id}$`));

  const group = page.getByRole('group', { name: question.question_text });
  const firstRadio = group.getByRole('radio', { name: first.choice_text, exact: true });
  const secondRadio = group.getByRole('radio', { name: second.choice_text, exact: true });
  await tabTo(page, firstRadio);
  await page.keyboard.press('Space');
  await expect(firstRadio).toBeChecked();
  await page.keyboard.press('ArrowDown');
  await expect(secondRadio).toBeChecked();
  await expect(secondRadio).toBeFocused();

  const vote = page.getByRole('button', { name: 'Vote', exact: true });
  await page.keyboard.press('Tab');
  await expect(vote).toBeFocused();
  const before = await votesFor(request, token, question, second.id);
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(new RegExp(`/polls/${question.id}/results$`));
  await expect(resultRow(page, second.choice_text)).toContainText(votesText(before + 1));
  expect(await votesFor(request, token, question, second.id)).toBe(before + 1);
});

test('the login page does not download the polls code', async ({ page }) => {
  const scripts: Promise<string>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.push(response.text());
  });
  const loadsPolls = async () =>
    (await Promise.all(scripts)).some((source) => source.includes('app-question-list'));

  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
  expect(await loadsPolls()).toBe(false);

  await logIn(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Polls' })).toBeVisible();
  expect(await loadsPolls()).toBe(true);
});
