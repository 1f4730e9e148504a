/**
 * `npm run client`: logs in to a polls API with DRF token authentication, lists the
 * questions with their votes, optionally votes, and logs out. See USAGE.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Question } from '../api/types';
import { ApiError, PollsClient } from './polls-client';

const USAGE = `Usage: npm run client -- --username NAME --password PW [options]

Logs in to a Django REST Framework polls API with token authentication, lists
the questions with their choices and votes, optionally votes, then logs out.

Options:
  --base-url URL    server root (default http://127.0.0.1:3000, the mock API)
  --username NAME   the account to log in as
  --password PW     its password; or set POLLS_PASSWORD instead, which keeps it
                    out of npm's echo of the command, the shell history and
                    the process list
  --vote Q:C        vote for choice C of question Q, then show its new results
  --keep-token      do not log out at the end. DRF gives each user one token,
                    shared by all their clients: logging out also logs out the
                    browser session of the same user.
  -h, --help        show this help

Exit status: 0 on success, 1 when the server refuses or cannot be reached,
2 on bad arguments.
`;

const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

interface Options {
  readonly baseUrl: string;
  readonly username: string;
  readonly password: string;
  readonly vote?: { readonly question: number; readonly choice: number };
  readonly keepToken: boolean;
}

class UsageError extends Error {}

/** Reads argv; returns undefined when help was asked for. Throws UsageError. */
function parseOptions(argv: readonly string[]): Options | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        'base-url': { type: 'string', default: 'http://127.0.0.1:3000' },
        username: { type: 'string' },
        password: { type: 'string' },
        vote: { type: 'string' },
        'keep-token': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    // Node appends a long hint about positionals to "Unknown option"; the first
    // sentence is the useful part.
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(message.split(/\.\s/)[0].replace(/\.$/, ''));
  }
  const { values } = parsed;
  if (values.help) return undefined;

  const baseUrl = values['base-url'];
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new UsageError(`--base-url must be an http:// or https:// URL, got '${baseUrl}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--base-url must be an http:// or https:// URL, got '${baseUrl}'`);
  }

  const username = values.username;
  if (!username) throw new UsageError('--username is required');
  const password = values.password ?? process.env['POLLS_PASSWORD'];
  if (!password) throw new UsageError('--password (or POLLS_PASSWORD) is required');

  let vote: Options['vote'];
  if (values.vote !== undefined) {
    const match = /^(\d+):(\d+)$/.exec(values.vote.trim());
    if (!match) {
      throw new UsageError(
        `--vote expects QUESTION:CHOICE with numeric ids, e.g. --vote 1:2; got '${values.vote}'`,
      );
    }
    vote = { question: Number(match[1]), choice: Number(match[2]) };
  }
  return { baseUrl, username, password, vote, keepToken: values['keep-token'] };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** A question and an aligned table of its choices, as lines of text. */
function formatQuestion(question: Question, highlight?: number): string[] {
  const date = question.pub_date.slice(0, 10);
  const lines = [`#${question.id}  ${question.question_text}  (published ${date})`];
  if (question.choices.length === 0) return [...lines, '      (no choices)'];

  const total = question.choices.reduce((sum, choice) => sum + choice.votes, 0);
  const idWidth = Math.max(...question.choices.map((choice) => String(choice.id).length));
  const textWidth = Math.max(...question.choices.map((choice) => choice.choice_text.length));
  const votesWidth = Math.max(
    ...question.choices.map((choice) => plural(choice.votes, 'vote').length),
  );
  for (const choice of question.choices) {
    const share = total === 0 ? 0 : Math.round((choice.votes / total) * 100);
    const mark = choice.id === highlight ? '  <- your vote' : '';
    lines.push(
      `    ${String(choice.id).padStart(idWidth)}  ${choice.choice_text.padEnd(textWidth)}  ` +
        `${plural(choice.votes, 'vote').padStart(votesWidth)}  ${String(share).padStart(3)}%${mark}`,
    );
  }
  return lines;
}

/** One line for stderr: ApiError and ConnectionError messages already hold the server's wording. */
function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function run(argv: readonly string[]): Promise<number> {
  let options: Options | undefined;
  try {
    options = parseOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`Error: ${error.message}. See --help.`);
    return EXIT_USAGE;
  }
  if (options === undefined) {
    process.stdout.write(USAGE);
    return 0;
  }

  const client = new PollsClient(options.baseUrl);
  try {
    await client.logIn(options.username, options.password);
  } catch (error) {
    const prefix = error instanceof ApiError ? 'Login failed: ' : '';
    console.error(prefix + describe(error));
    return EXIT_FAILURE;
  }
  console.log(`Logged in to ${client.baseUrl} as ${options.username}.`);

  let status = 0;
  try {
    const questions = await client.listQuestions();
    console.log(`\n${plural(questions.length, 'question')}:`);
    for (const question of questions) console.log(['', ...formatQuestion(question)].join('\n'));

    if (options.vote) {
      const { question, choice } = options.vote;
      let updated: Question;
      try {
        updated = await client.vote(question, choice);
      } catch (error) {
        const prefix =
          error instanceof ApiError
            ? `Cannot vote for choice ${choice} of question ${question}: `
            : '';
        throw new Error(prefix + describe(error));
      }
      const chosen = updated.choices.find((item) => item.id === choice);
      console.log(
        `\nVoted for "${chosen?.choice_text ?? choice}" in question ${question}. Results:`,
      );
      console.log(formatQuestion(updated, choice).join('\n'));
    }
  } catch (error) {
    console.error(describe(error));
    status = EXIT_FAILURE;
  } finally {
    if (options.keepToken) {
      console.log('\nKept the token (--keep-token): it stays valid until this user logs out.');
    } else {
      try {
        await client.logOut();
        console.log('\nLogged out; the token is revoked.');
      } catch (error) {
        console.error(`Logout failed: ${describe(error)}`);
        status = EXIT_FAILURE;
      }
    }
  }
  return status;
}

// Run as a program (`tsx client/main.ts`), not when a test or a script imports it.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(describe(error));
      process.exitCode = EXIT_FAILURE;
    },
  );
}
