import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { inspect } from 'node:util';
import { API_PATHS } from '../api/paths';
import { fetchToken, freePort, startMockApi, type MockApi } from '../scripts/servers';
import { ApiError, ConnectionError, PollsClient } from './polls-client';

describe('PollsClient against the mock API', () => {
  let api: MockApi;

  before(async () => {
    api = await startMockApi();
  });
  after(async () => {
    await api?.stop();
  });

  test('lists the questions with their choices and fetches one by id', async () => {
    const client = new PollsClient(`${api.url}/`);
    await client.logIn('admin', 'admin');

    const questions = await client.listQuestions();
    const first = questions.find((question) => question.id === 1);
    assert.ok(first, 'question 1 is in the list');
    assert.ok(first.choices.length > 0);
    assert.deepEqual(await client.getQuestion(1), first);
    await client.logOut();
  });

  test('a vote adds exactly one to the chosen choice, as the server counts it', async () => {
    const client = new PollsClient(api.url);
    await client.logIn('admin', 'admin');
    const [choice] = (await client.getQuestion(1)).choices;
    assert.ok(choice);

    const updated = await client.vote(1, choice.id);

    const votes = (q: typeof updated) => q.choices.find((c) => c.id === choice.id)?.votes;
    assert.equal(votes(updated), choice.votes + 1);
    assert.equal(votes(await client.getQuestion(1)), choice.votes + 1);
    await client.logOut();
  });

  test('logOut deletes the token on the server', async () => {
    const client = new PollsClient(api.url);
    await client.logIn('admin', 'admin');
    const key = await fetchToken(api.url);
    assert.equal(client.loggedIn, true);

    await client.logOut();

    assert.equal(client.loggedIn, false);
    const response = await fetch(api.url + API_PATHS.questions, {
      headers: { Authorization: `Token ${key}` },
    });
    assert.equal(response.status, 401);
    assert.deepEqual(await response.json(), { detail: 'Invalid token.' });
  });

  test('the token does not show when the client is logged or inspected', async () => {
    const client = new PollsClient(api.url);
    await client.logIn('admin', 'admin');
    const key = await fetchToken(api.url);

    assert.ok(!inspect(client, { depth: 5, showHidden: true }).includes(key));
    assert.ok(!JSON.stringify(client).includes(key));
    await client.logOut();
  });

  test('a wrong password is an ApiError carrying the server message', async () => {
    const client = new PollsClient(api.url);
    await assert.rejects(client.logIn('admin', 'wrong'), (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.status, 400);
      assert.equal(error.message, 'Unable to log in with provided credentials.');
      return true;
    });
    assert.equal(client.loggedIn, false);
  });

  test('calls without logging in are refused by the server, not by the client', async () => {
    const client = new PollsClient(api.url);
    await assert.rejects(client.listQuestions(), {
      name: 'ApiError',
      status: 401,
      message: 'Authentication credentials were not provided.',
    });
  });

  test('an unknown question or choice keeps the server wording', async () => {
    const client = new PollsClient(api.url);
    await client.logIn('admin', 'admin');
    await assert.rejects(client.vote(9999, 1), {
      name: 'ApiError',
      status: 404,
      message: 'Not found.',
    });
    await assert.rejects(client.vote(1, 9999), {
      name: 'ApiError',
      status: 400,
      message: 'choice: Invalid pk "9999" - object does not exist.',
    });
    await client.logOut();
  });
});

test('a server that is down is a ConnectionError: connection refused', async () => {
  // Nothing listens on a port the OS just handed out and took back.
  const url = `http://127.0.0.1:${await freePort()}`;
  const client = new PollsClient(url);
  await assert.rejects(client.logIn('admin', 'admin'), (error: unknown) => {
    assert.ok(error instanceof ConnectionError);
    assert.equal(error.message, `Cannot reach ${url}: connection refused`);
    return true;
  });
});
