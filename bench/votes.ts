import { expectJson } from './http';
import { load, type LoadStats } from './load';

/** The question and choice the benchmark votes for. */
export interface VoteTarget {
  readonly questionId: number;
  readonly choiceId: number;
}

interface ChoiceVotes {
  readonly id: number;
  readonly votes: number;
}

/** The current vote count of one choice, read through the API as a client would. */
export async function countVotes(
  apiUrl: string,
  token: string,
  target: VoteTarget,
): Promise<number> {
  const question = await expectJson(
    200,
    'GET',
    `${apiUrl}/polls/api/questions/${target.questionId}/`,
    {
      headers: { Authorization: `Token ${token}` },
    },
  );
  const choices =
    typeof question === 'object' &&
    question !== null &&
    'choices' in question &&
    Array.isArray(question.choices)
      ? (question.choices as ChoiceVotes[])
      : [];
  const choice = choices.find((c) => c.id === target.choiceId);
  if (!choice || typeof choice.votes !== 'number') {
    throw new Error(
      `question ${target.questionId} has no choice ${target.choiceId}: ${JSON.stringify(question)}`,
    );
  }
  return choice.votes;
}

/** Sends `amount` votes over `connections` connections and returns the throughput. */
export function castVotes(
  apiUrl: string,
  token: string,
  target: VoteTarget,
  amount: number,
  connections: number,
): Promise<LoadStats> {
  return load('votes', {
    url: `${apiUrl}/polls/api/questions/${target.questionId}/vote/`,
    method: 'POST',
    headers: { Authorization: `Token ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ choice: target.choiceId }),
    amount,
    connections,
  });
}
