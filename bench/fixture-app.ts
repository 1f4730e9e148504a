import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A stand-in for the production build, used by the smoke run: the same login form
 * (labels, button), the same API calls and a lazily imported polls chunk, in three small
 * files. It keeps the bundle and browser code paths exercised in seconds, whatever state
 * the real app is in, so the smoke test checks the benchmark and not the app.
 */
export async function writeFixtureApp(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'index.html'), INDEX);
  await writeFile(join(dir, 'main-FIXTURE.js'), MAIN);
  await writeFile(join(dir, 'polls-FIXTURE.js'), POLLS);
  return dir;
}

const INDEX = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Polls (fixture)</title></head>
  <body><main id="app"></main><script type="module" src="/main-FIXTURE.js"></script></body>
</html>
`;

const MAIN = `const app = document.getElementById('app');
app.innerHTML =
  '<h1>Log in</h1><form><label for="username">Username</label><input id="username" />' +
  '<label for="password">Password</label><input id="password" type="password" />' +
  '<button type="submit">Log in</button></form>';
app.querySelector('form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const response = await fetch('/accounts/get_auth_token/', {
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
`;

const POLLS = `export async function showPolls(app, token) {
  const response = await fetch('/polls/api/questions/', { headers: { Authorization: 'Token ' + token } });
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
