import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { API_PATHS } from '../api/paths';
import type { Metafile } from './budgets';

/**
 * A stand-in for the production build, used by the smoke run, laid out as `npm run
 * build` lays out its output with the chunk optimizer (`browser/` and the `stats.json`
 * metafile): one initial script that shows the same login form (labels, button) and
 * makes the same API calls, a lazily imported polls chunk without a name, and a style
 * sheet. Its stats count each input at twice its share of the file, as the optimizer's
 * stats overcount the merged chunks. It keeps the bundle and browser code paths
 * exercised in seconds, whatever state the real app is in, so the smoke test checks
 * the benchmark and not the app.
 *
 * Returns the `browser/` directory.
 */
export async function writeFixtureApp(dir: string): Promise<string> {
  const browser = join(dir, 'browser');
  await mkdir(browser, { recursive: true });
  const outputs: Record<string, Metafile['outputs'][string]> = {};
  for (const [file, { entryPoint, inputs, content }] of Object.entries(FILES)) {
    await writeFile(join(browser, file), content);
    const share = (2 * Buffer.byteLength(content)) / inputs.length;
    outputs[file] = {
      entryPoint,
      inputs: Object.fromEntries(inputs.map((input) => [input, { bytesInOutput: share }])),
    };
  }
  await writeFile(join(browser, 'index.html'), INDEX);
  await writeFile(join(dir, 'stats.json'), JSON.stringify({ outputs } satisfies Metafile));
  return browser;
}

const INDEX = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Polls (fixture)</title><link rel="stylesheet" href="styles-FIXTURE.css"></head>
  <body><main id="app"></main><script type="module" src="/main-FIXTURE.js"></script></body>
</html>
`;

const MAIN = `const app = document.getElementById('app');
app.innerHTML =
  '<h1>Log in</h1><form><label for="username">Username</label><input id="username" />' +
  '<label for="password">Password</label><input id="password" type="password" />' +
  '<button type="submit">Log in</button></form>';
// A reload of /polls with the app's token cookie shows the list, as the guarded route does.
const saved = document.cookie.split('; ').find((cookie) => cookie.startsWith('token='));
if (location.pathname === '/polls' && saved) {
  import('/chunk-FIXTURE.js').then(({ showPolls }) => showPolls(app, saved.slice('token='.length)));
}
app.querySelector('form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const response = await fetch('${API_PATHS.login}', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      username: document.getElementById('username').value,
      password: document.getElementById('password').value,
    }),
  });
  const { token } = await response.json();
  history.pushState(null, '', '/polls');
  const { showPolls } = await import('/chunk-FIXTURE.js');
  await showPolls(app, token);
});
`;

const POLLS = `export async function showPolls(app, token) {
  const response = await fetch('${API_PATHS.questions}', { headers: { Authorization: 'Token ' + token } });
  const questions = await response.json();
  const list = document.createElement('ul');
  for (const question of questions) {
    const link = document.createElement('a');
    link.href = '/polls/' + question.id;
    link.textContent = question.question_text;
    list.append(document.createElement('li'));
    list.lastChild.append(link);
  }
  const heading = document.createElement('h1');
  heading.textContent = 'Polls';
  app.replaceChildren(heading, list);
}
`;

const STYLES = `main { font-family: sans-serif; }
`;

interface FixtureFile {
  /** The entry file Angular names the chunk after; none for a merged lazy chunk. */
  readonly entryPoint?: string;
  /** The inputs its stats list. */
  readonly inputs: readonly string[];
  readonly content: string;
}

/** The fixture's files, named and described as the optimized build's are. */
const FILES: Readonly<Record<string, FixtureFile>> = {
  'main-FIXTURE.js': {
    entryPoint: 'src/main.ts',
    inputs: ['node_modules/@angular/core/fesm2022/core.mjs', 'src/app/login/login.ts'],
    content: MAIN,
  },
  'chunk-FIXTURE.js': { inputs: ['src/app/polls/polls.routes.ts'], content: POLLS },
  'styles-FIXTURE.css': {
    entryPoint: 'angular:styles/global:styles',
    inputs: ['src/styles.css'],
    content: STYLES,
  },
};
