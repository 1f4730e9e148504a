/**
 * The command-line client as a user runs it: a child process against a real mock API,
 * judged by its stdout, stderr and exit code, and by what changed on the server.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { API_PATHS } from '../api/paths';
import type { Question } from '../api/types';
import {
  fetchToken,
  freePort,
  runProcess,
  startMockApi,
  type MockApi,
  type ProcessResult,
} from '../scripts/servers';

const MAIN = join(__dirname, 'main.ts');
/** A user whose password cannot be mistaken for anything else in the output. */
const CAROL = { username: 'carol', password: 'Tr0ub4dor-and-3' } as const;

/** `npm run client -- ARGS`, without a POLLS_PASSWORD the developer may have set. */
function runClient(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<ProcessResult> {
  return runProcess(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    env: { POLLS_PASSWORD: undefined, ...env },
  });
}

describe('npm run client', () => {
  let api: MockApi;

  before(async () => {
    api = await startMockApi({ users: [CAROL] });
  });
  after(async () => {
    await api?.stop();
  });

  const login = (user: { username: string; password: string } = CAROL) => [
    '--base-url',
    api.url,
    '--username',
    user.username,
    '--password',
    user.password,
  ];

  /** The user's current key, as curl would get it. */
  const currentKey = () => fetchToken(api.url, CAROL);

  async function get(path: string, key: string): Promise<Response> {
    return fetch(api.url + path, { headers: { Authorization: `Token ${key}` } });
  }

  async function questions(): Promise<Question[]> {
    const response = await get(API_PATHS.questions, await currentKey());
    assert.equal(response.status, 200);
    return (await response.json()) as Question[];
  }

  test('--help explains the options and exits 0', async () => {
    const { code, stdout, stderr } = await runClient(['--help']);

    assert.equal(code, 0);
    assert.equal(stderr, '');
    for (const option of ['--base-url', '--username', '--password', '--vote', '--keep-token']) {
      assert.match(stdout, new RegExp(`^ {2}${option}`, 'm'));
    }
  });

  test('lists every question with its choices and votes, then logs out', async () => {
    const expected = await questions();
    const key = await currentKey();

    const { code, stdout, stderr } = await runClient(login());

    assert.equal(stderr, '');
    assert.equal(code, 0);
    assert.match(stdout, new RegExp(`^Logged in to ${api.url} as carol\\.$`, 'm'));
    assert.match(stdout, new RegExp(`^${expected.length} questions?:$`, 'm'));
    for (const question of expected) {
      assert.ok(stdout.includes(`#${question.id}  ${question.question_text}  (published `));
      for (const choice of question.choices) {
        const votes = `${choice.votes} vote${choice.votes === 1 ? '' : 's'}`;
        assert.match(
          stdout,
          new RegExp(`^ +${choice.id}  ${escape(choice.choice_text)} +${votes} `, 'm'),
        );
      }
    }
    assert.match(stdout, /^Logged out; the token is revoked\.$/m);
    const response = await get(API_PATHS.questions, key);
    assert.equal(response.status, 401, 'the key the client used is dead');
  });

  test('--vote QUESTION:CHOICE adds one vote and prints the new results', async () => {
    const question = (await questions()).find((item) => item.id === 1);
    assert.ok(question);
    const choice = question.choices[question.choices.length - 1];
    assert.ok(choice);

    const { code, stdout, stderr } = await runClient([...login(), '--vote', `1:${choice.id}`]);

    assert.equal(stderr, '');
    assert.equal(code, 0);
    assert.match(
      stdout,
      new RegExp(`^Voted for "${escape(choice.choice_text)}" in question 1\\. Results:$`, 'm'),
    );
    const after = choice.votes + 1;
    assert.match(
      stdout,
      new RegExp(
        `^ +${choice.id}  ${escape(choice.choice_text)} +${after} votes? .*<- your vote$`,
        'm',
      ),
    );
    const now = (await questions()).find((item) => item.id === 1);
    assert.equal(now?.choices.find((item) => item.id === choice.id)?.votes, after);
  });

  test('never prints the password or the token; --keep-token leaves the token valid', async () => {
    const { code, stdout, stderr } = await runClient([...login(), '--keep-token']);

    assert.equal(code, 0);
    assert.match(stdout, /^Kept the token \(--keep-token\)/m);
    const key = await currentKey();
    assert.equal((await get(API_PATHS.questions, key)).status, 200, 'the token still works');
    for (const secret of [key, CAROL.password]) {
      assert.ok(!stdout.includes(secret) && !stderr.includes(secret));
    }
  });

  test('reads the password from POLLS_PASSWORD', async () => {
    const args = ['--base-url', api.url, '--username', CAROL.username];
    const { code, stdout } = await runClient(args, { POLLS_PASSWORD: CAROL.password });

    assert.equal(code, 0);
    assert.match(stdout, /^Logged in to .* as carol\.$/m);
  });

  test('a wrong password fails with the server message and exit 1', async () => {
    const { code, stdout, stderr } = await runClient(
      login({ username: 'carol', password: 'not-her-password' }),
    );

    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.equal(stderr, 'Login failed: Unable to log in with provided credentials.\n');
  });

  test('an unknown question fails with the server message, and still logs out', async () => {
    const key = await currentKey();

    const { code, stdout, stderr } = await runClient([...login(), '--vote', '9999:1']);

    assert.equal(code, 1);
    assert.equal(stderr, 'Cannot vote for choice 1 of question 9999: Not found.\n');
    assert.match(stdout, /^Logged out; the token is revoked\.$/m);
    assert.equal((await get(API_PATHS.questions, key)).status, 401);
  });

  test('an unknown choice fails with the server message', async () => {
    const { code, stderr } = await runClient([...login(), '--vote', '1:9999']);

    assert.equal(code, 1);
    assert.equal(
      stderr,
      'Cannot vote for choice 9999 of question 1: choice: Invalid pk "9999" - object does not exist.\n',
    );
  });

  test('bad arguments exit 2 with one line, without calling the server', async () => {
    // A closed port: a client that called the server would print "Cannot reach" instead.
    const closed = ['--base-url', `http://127.0.0.1:${await freePort()}`];
    const cases: [string[], RegExp][] = [
      [['--frobnicate', ...closed], /^Error: Unknown option '--frobnicate'\. See --help\.\n$/],
      [['--username', 'carol', ...closed], /^Error: --password \(or POLLS_PASSWORD\) is required/],
      [['--password', 'x', ...closed], /^Error: --username is required/],
      [
        ['--username', 'carol', '--password', 'x', '--vote', '1-2', ...closed],
        /QUESTION:CHOICE.*got '1-2'/,
      ],
      [['--username', 'carol', '--password', 'x', '--vote', 'one:two', ...closed], /got 'one:two'/],
      [['--username', 'carol', '--password', 'x', '--vote', '1:', ...closed], /got '1:'/],
      [
        ['--username', 'carol', '--password', 'x', '--base-url', 'ftp://host'],
        /--base-url must be/,
      ],
      [['extra', ...closed], /^Error: Unexpected argument 'extra'/],
    ];
    const results = await Promise.all(cases.map(([args]) => runClient(args)));
    results.forEach(({ code, stdout, stderr }, index) => {
      const [args, message] = cases[index];
      assert.equal(code, 2, args.join(' '));
      assert.equal(stdout, '');
      assert.match(stderr, message);
      assert.equal(stderr.trimEnd().split('\n').length, 1, 'one line');
    });
  });
});

test('a server that is down: "Cannot reach URL: connection refused", exit 1', async () => {
  const url = `http://127.0.0.1:${await freePort()}`;

  const { code, stdout, stderr } = await runClient([
    '--base-url',
    url,
    '--username',
    'admin',
    '--password',
    'admin',
  ]);

  assert.equal(code, 1);
  assert.equal(stdout, '');
  assert.equal(stderr, `Cannot reach ${url}: connection refused\n`);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
