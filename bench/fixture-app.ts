import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { API_PATHS } from '../api/paths';
import type { Metafile } from './budgets';

/**
 * A stand-in for the production build, used by the smoke run, laid out as `ng build`
 * lays out its output (`browser/` and the `stats.json` metafile): the same login form
 * (labels, button) in a lazily imported login chunk, the same API calls, and a lazily
 * imported polls chunk, with the chunk names the angular.json budgets use. It keeps the
 * bundle and browser code paths exercised in seconds, whatever state the real app is
 * in, so the smoke test checks the benchmark and not the app.
 *
 * Returns the `browser/` directory.
 */
export async function writeFixtureApp(dir: string): Promise<string> {
  const browser = join(dir, 'browser');
  await mkdir(browser, { recursive: true });
  const outputs: Record<string, Metafile['outputs'][string]> = {};
  for (const [file, { entryPoint, content }] of Object.entries(FILES)) {
    await writeFile(join(browser, file), content);
    outputs[file] = {
      entryPoint,
      inputs: { [entryPoint]: { bytesInOutput: Buffer.byteLength(content) } },
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

const MAIN = `const { showLogin } = await import('/login-FIXTURE.js');
showLogin(document.getElementById('app'));
`;

const LOGIN = `export function showLogin(app) {
  app.innerHTML =
    '<h1>Log in</h1><form><label for="username">Username</label><input id="username" />' +
    '<label for="password">Password</label><input id="password" type="password" />' +
    '<button type="submit">Log in</button></form>';
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
    const { showPolls } = await import('/polls-FIXTURE.js');
    await showPolls(app, token);
  });
}
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

/** The fixture's files with the entry files the real build names its chunks after. */
const FILES: Readonly<Record<string, { readonly entryPoint: string; readonly content: string }>> = {
  'main-FIXTURE.js': { entryPoint: 'src/main.ts', content: MAIN },
  'login-FIXTURE.js': { entryPoint: 'src/app/login/login.ts', content: LOGIN },
  'polls-FIXTURE.js': { entryPoint: 'src/app/polls/polls.routes.ts', content: POLLS },
  'styles-FIXTURE.css': { entryPoint: 'angular:styles/global:styles', content: STYLES },
};
