import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { API_PATHS } from '../api/paths';
import type { Question, VoteRequest } from '../api/types';
import { startMockApi, type RunningServer } from '../scripts/servers';
import type { BenchConfig } from './config';
import { expectJson } from './http';
import { load, type LoadStats } from './load';
import type { Store } from './mock-api';
import { row, type Section } from './report';

/** The question and choice the benchmark votes for. */
interface VoteTarget {
  readonly questionId: number;
  readonly choiceId: number;
}

/** The current vote count of one choice, read through the API as a client would. */
async function countVotes(apiUrl: string, token: string, target: VoteTarget): Promise<number> {
  const question = (await expectJson(
    200,
    'GET',
    `${apiUrl}${API_PATHS.question(target.questionId)}`,
    {
      headers: { Authorization: `Token ${token}` },
    },
  )) as Partial<Question> | null;
  const choice = question?.choices?.find((c) => c.id === target.choiceId);
  if (!choice || typeof choice.votes !== 'number') {
    throw new Error(
      `question ${target.questionId} has no choice ${target.choiceId}: ${JSON.stringify(question)}`,
    );
  }
  return choice.votes;
}

/** Sends `amount` votes over `connections` connections and returns the throughput. */
function castVotes(
  apiUrl: string,
  token: string,
  target: VoteTarget,
  amount: number,
  connections: number,
): Promise<LoadStats> {
  const body: VoteRequest = { choice: target.choiceId };
  return load('votes', {
    url: `${apiUrl}${API_PATHS.vote(target.questionId)}`,
    method: 'POST',
    headers: { Authorization: `Token ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    amount,
    connections,
    // Each vote is fsynced before it is answered, and a shared machine's disk can stall
    // for longer than autocannon's default 10 s: a slow answer is still a counted vote.
    timeout: 60,
  });
}

/**
 * Votes under concurrency, on a copy of the store's data, counted through the API
 * before, after, and after a restart on the same data. The throughput baseline is the
 * same load as stock json-server writes (PATCH of the same choice): both change one
 * record and save the data file, so the ratio prices our vote path (auth, validation,
 * server-side increment, atomic write) against the simplest persisted write of the
 * same framework.
 */
export async function measureVotes(
  config: BenchConfig,
  store: Store,
  questions: readonly Question[],
  jsonServer: RunningServer,
  work: string,
): Promise<Section> {
  const question = questions[0];
  const choice = question?.choices[0];
  if (!question || !choice) throw new Error('the seed has no question with a choice to vote for');
  const target = { questionId: question.id, choiceId: choice.id };
  const dir = join(work, 'votes');
  await cp(store.dir, dir, { recursive: true });

  const api = await startMockApi({ dataDir: dir });
  let before: number;
  let afterVotes: number;
  let votes: LoadStats;
  try {
    before = await countVotes(api.url, store.token, target);
    votes = await castVotes(api.url, store.token, target, config.votes, config.voteConnections);
    afterVotes = await countVotes(api.url, store.token, target);
  } finally {
    await api.stop();
  }
  const restarted = await startMockApi({ dataDir: dir });
  const afterRestart = await countVotes(restarted.url, store.token, target).finally(() =>
    restarted.stop(),
  );
  const patches = await load('json-server PATCH', {
    url: `${jsonServer.url}/choices/${choice.id}`,
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ votes: 1 }),
    amount: config.votes,
    connections: config.voteConnections,
  });
  const exactly = { on: 'value', op: '=', limit: config.votes } as const;
  return {
    details: { target, before, afterVotes, afterRestart, votes, jsonServerPatch: patches },
    checks: {
      votesSent: votes.requests === config.votes,
      votesCounted: afterVotes - before === config.votes,
      votesAfterRestart: afterRestart - before === config.votes,
    },
    rows: [
      row(`votes, ${config.votes} over ${config.voteConnections} connections`, votes.rps, 'req/s', {
        label: 'json-server PATCH',
        value: patches.rps,
      }),
      row('votes counted', afterVotes - before, 'votes', null, exactly),
      row('votes counted after restart', afterRestart - before, 'votes', null, exactly),
    ],
  };
}
