/**
 * Runs the curl block of the README ("Calling the API from outside the app", "curl")
 * with bash against a fresh mock API, so the examples a developer pastes keep working.
 * The assertions are on what that developer would see in the terminal.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { API_PATHS } from '../api/paths';
import type { Question } from '../api/types';
import { fetchToken, runProcess, startMockApi, type MockApi, type ProcessResult } from './servers';

const README = join(__dirname, '..', 'README.md');
const SECTION = '## Calling the API from outside the app';
const SUBSECTION = '### curl';
/** The first curl with --fail-with-body. */
const MIN_CURL = [7, 76] as const;

/** The body of the first ```sh fence under SECTION › SUBSECTION. */
function curlBlock(markdown: string): string {
  const lines = markdown.split('\n');
  const start = lines.indexOf(SECTION);
  assert.notEqual(start, -1, `README.md has no "${SECTION}" heading`);
  const sectionEnd = lines.findIndex((line, i) => i > start && line.startsWith('## '));
  const section = lines.slice(start + 1, sectionEnd === -1 ? undefined : sectionEnd);
  const sub = section.indexOf(SUBSECTION);
  assert.notEqual(sub, -1, `README.md has no "${SUBSECTION}" under "${SECTION}"`);
  const open = section.findIndex((line, i) => i > sub && line.trim() === '```sh');
  const close = section.findIndex((line, i) => i > open && line.trim() === '```');
  assert.ok(open !== -1 && close !== -1, `no complete \`\`\`sh block under "${SUBSECTION}"`);
  return section.slice(open + 1, close).join('\n');
}

/** Fails, never skips, when curl is missing: CI installs it, and a skip would hide rot. */
function requireCurl(): void {
  const probe = spawnSync('curl', ['--version'], { encoding: 'utf8' });
  if (probe.error) {
    assert.fail(
      `curl is not installed (${probe.error.message}); the README's curl examples need it. ` +
        'Install it, e.g. sudo apt-get install -y curl',
    );
  }
  const match = /^curl (\d+)\.(\d+)/.exec(probe.stdout);
  assert.ok(match, `cannot read the curl version from: ${probe.stdout.split('\n')[0]}`);
  const [major, minor] = [Number(match[1]), Number(match[2])];
  assert.ok(
    major > MIN_CURL[0] || (major === MIN_CURL[0] && minor >= MIN_CURL[1]),
    `curl ${major}.${minor} is too old for --fail-with-body; ${MIN_CURL.join('.')} or newer is needed`,
  );
}

/** Runs the block as a script would: bash with -e, -u and pipefail. */
function runBash(script: string, base: string): Promise<ProcessResult> {
  return runProcess('bash', ['-euo', 'pipefail', '-c', script], { env: { BASE: base } });
}

let api: MockApi;

before(async () => {
  api = await startMockApi();
});
after(async () => {
  await api?.stop();
});

async function votesForChoice1(token: string): Promise<number | undefined> {
  const response = await fetch(api.url + API_PATHS.question(1), {
    headers: { Authorization: `Token ${token}` },
  });
  assert.equal(response.status, 200);
  const question = (await response.json()) as Question;
  return question.choices.find((choice) => choice.id === 1)?.votes;
}

test('the README curl examples log in, get 401 then the data, vote, log out', async () => {
  requireCurl();
  const script = curlBlock(readFileSync(README, 'utf8'));
  const votesBefore = await votesForChoice1(await fetchToken(api.url));
  assert.equal(typeof votesBefore, 'number', 'choice 1 belongs to question 1 in the seed');

  const { code, stdout, stderr } = await runBash(script, api.url);

  assert.equal(stderr, '', 'nothing on stderr');
  assert.equal(code, 0, `the block exits 0; output:\n${stdout}`);

  const token = /^token: ([0-9a-f]{40})$/m.exec(stdout)?.[1];
  assert.ok(token, 'prints the token it got');

  // Every response, in the order a reader scrolls past them.
  const notProvided = stdout.indexOf('{"detail":"Authentication credentials were not provided."}');
  const questions = [...stdout.matchAll(/^\{"id":1,.*$/gm)].map((match) => ({
    question: JSON.parse(match[0]) as Question,
    index: match.index,
  }));
  const loggedOut = stdout.indexOf('HTTP 204\n');
  const invalid = stdout.indexOf('{"detail":"Invalid token."}');

  assert.notEqual(notProvided, -1, 'shows the 401 body for a call without the header');
  assert.equal(questions.length, 2, 'shows question 1, then the question after the vote');
  assert.notEqual(loggedOut, -1, 'shows the 204 of the logout');
  assert.notEqual(invalid, -1, 'shows the old token being refused');
  const [read, voted] = questions;
  assert.ok(notProvided < read.index && read.index < voted.index);
  assert.ok(voted.index < loggedOut && loggedOut < invalid);

  const challenges = stdout.match(/^HTTP\/[\d.]+ 401 Unauthorized\r?$/gm) ?? [];
  assert.equal(challenges.length, 2, 'two 401 status lines (-i)');
  const wwwAuthenticate = stdout.match(/^www-authenticate: Token\r?$/gim) ?? [];
  assert.equal(wwwAuthenticate.length, 2, 'each 401 carries WWW-Authenticate: Token');

  const votes = (question: Question) => question.choices.find((c) => c.id === 1)?.votes;
  assert.equal(votes(read.question), votesBefore);
  assert.equal(votes(voted.question), (votesBefore ?? 0) + 1, 'the vote added one');

  // And the server agrees: the vote stuck, the old key is dead.
  const fresh = await fetchToken(api.url);
  assert.notEqual(fresh, token, 'the logout deleted the old key');
  assert.equal(await votesForChoice1(fresh), (votesBefore ?? 0) + 1);
});
