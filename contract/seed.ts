/**
 * The seed every server under test starts from (mock-api/seed.json, which drf-server loads
 * too): the questions and choices as the API represents them. Vote counts are whatever
 * the server holds, since the suite votes and may run against a server already in use.
 */
import assert from 'node:assert/strict';
import type { Choice, Question } from '../api/types';
import seed from '../mock-api/seed.json';

/** The seed's questions in the API's shape, choices nested by id, every count at 0. */
export const SEED_QUESTIONS: readonly Question[] = seed.questions.map((question) => ({
  id: question.id,
  question_text: question.question_text,
  pub_date: question.pub_date,
  choices: seed.choices
    .filter((choice) => choice.questionId === question.id)
    .map((choice): Choice => ({ id: choice.id, choice_text: choice.choice_text, votes: 0 })),
}));

export function seedQuestion(id: number): Question {
  const question = SEED_QUESTIONS.find((q) => q.id === id);
  assert.ok(question, `the seed has question ${id}`);
  return question;
}

/** Each choice's count, by choice id, from a question as the server sent it. */
export function votesIn(question: Question): Map<number, number> {
  return new Map(question.choices.map((choice) => [choice.id, choice.votes]));
}

/**
 * The exact body DRF sends for a seed question (compact JSON, fields in the model's
 * order) holding these counts; a choice missing from `votes` counts 0.
 */
export function questionBody(question: Question, votes: ReadonlyMap<number, number>): string {
  return JSON.stringify(withVotes(question, votes));
}

function withVotes(question: Question, votes: ReadonlyMap<number, number>): Question {
  return {
    ...question,
    choices: question.choices.map((choice) => ({ ...choice, votes: votes.get(choice.id) ?? 0 })),
  };
}

/** Asserts that `body` is the seed's question `id`, whatever its counts; resolves the counts. */
export function assertSeedQuestion(body: string, id: number): Map<number, number> {
  const sent = JSON.parse(body) as Question;
  const votes = votesIn(sent);
  for (const [choice, count] of votes) {
    assert.ok(Number.isInteger(count) && count >= 0, `choice ${choice} counts ${count}`);
  }
  assert.equal(body, questionBody(seedQuestion(id), votes));
  return votes;
}
