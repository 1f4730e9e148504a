import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { tempDir } from '../testing';
import { PollsStore, representQuestion } from './polls-store';

let dir: string;
before(async () => (dir = await tempDir()));
after(() => rmSync(dir, { recursive: true, force: true }));

const DATA = {
  questions: [{ id: 1, question_text: 'Q?', pub_date: '2025-01-01T12:00:00Z' }],
  choices: [
    { id: 2, questionId: 1, choice_text: 'B', votes: 0 },
    { id: 1, questionId: 1, choice_text: 'A', votes: 5 },
    { id: 3, questionId: 9, choice_text: 'other', votes: 0 },
  ],
};

describe('PollsStore', () => {
  it("shapes questions as DRF's serializer does: field order, no json-server foreign key", () => {
    const [question] = DATA.questions;
    assert.ok(question);
    assert.equal(
      JSON.stringify(representQuestion(question, DATA.choices.slice(0, 2))),
      '{"id":1,"question_text":"Q?","pub_date":"2025-01-01T12:00:00Z",' +
        '"choices":[{"id":1,"choice_text":"A","votes":5},{"id":2,"choice_text":"B","votes":0}]}',
    );
  });

  it("finds only the question's own choices and writes each vote to disk", () => {
    const file = join(dir, 'polls.json');
    writeFileSync(file, JSON.stringify(DATA));
    const store = PollsStore.open(file);
    const question = store.findQuestion(1n);
    assert.ok(question);
    assert.equal(store.findQuestion(2n), undefined);
    assert.equal(store.findChoice(question, 3n), undefined);
    const choice = store.findChoice(question, 2n);
    assert.ok(choice);
    store.vote(choice);
    store.vote(choice);
    const onDisk = JSON.parse(readFileSync(file, 'utf8')) as typeof DATA;
    assert.equal(onDisk.choices.find((c) => c.id === 2)?.votes, 2);
    assert.equal(store.representation(question).choices[1]?.votes, 2);
  });

  it('serves the file as replaced behind its back', () => {
    const file = join(dir, 'replaced.json');
    writeFileSync(file, JSON.stringify(DATA));
    const store = PollsStore.open(file);
    writeFileSync(file, JSON.stringify({ questions: [], choices: [] }));
    store.reloadIfChanged();
    assert.equal(store.findQuestion(1n), undefined);
  });
});
