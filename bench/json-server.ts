import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Question } from '../api/types';
import { freePort, startServer, type RunningServer } from '../scripts/servers';

/** The baseline's GET: the same questions with their choices, json-server's way. */
export const JSON_SERVER_QUESTIONS = '/questions?_embed=choices';

/**
 * Starts stock json-server 0.17.4 (its own CLI, no auth, no middleware of ours) on a
 * db.json holding the seed's questions and choices, linked by `questionId` as `_embed`
 * expects. `--quiet` matters: without it json-server logs every request, and the mock
 * API it is compared with runs quiet too.
 */
export async function startJsonServer(
  repo: string,
  dir: string,
  questions: readonly Question[],
): Promise<RunningServer> {
  await mkdir(dir, { recursive: true });
  const db = {
    questions: questions.map(({ id, question_text, pub_date }) => ({
      id,
      question_text,
      pub_date,
    })),
    choices: questions.flatMap((question) =>
      question.choices.map(({ id, choice_text, votes }) => ({
        id,
        questionId: question.id,
        choice_text,
        votes,
      })),
    ),
  };
  await writeFile(join(dir, 'db.json'), JSON.stringify(db, null, 2));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  return startServer({
    name: 'json-server',
    command: join(repo, 'node_modules', '.bin', 'json-server'),
    args: ['db.json', '--host', '127.0.0.1', '--port', String(port), '--quiet'],
    // Its cwd is the db's directory, so its default ./public static folder is empty.
    cwd: dir,
    ready: { probe: `${url}${JSON_SERVER_QUESTIONS}` },
    url,
  });
}
