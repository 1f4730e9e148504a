import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { API_PATHS } from '../../api/paths';
import type { Question } from '../../api/types';
import { answer, auth, startTestServer, startWithToken, type TestServer } from '../testing';

let api: TestServer;
let token: string;
before(async () => ({ api, token } = await startWithToken()));
after(() => api.stop());

const QUESTION_1 =
  '{"id":1,"question_text":"What\'s new?","pub_date":"2025-01-01T12:00:00Z","choices":[' +
  '{"id":1,"choice_text":"Not much","votes":0},{"id":2,"choice_text":"The sky","votes":0},' +
  '{"id":3,"choice_text":"Just hacking again","votes":0}]}';

function get(path: string, headers: Record<string, string> = auth(token)) {
  return fetch(`${api.url}${path}`, { headers }).then(answer);
}

function vote(question: string | number, body: string, contentType = 'application/json') {
  return fetch(`${api.url}/polls/api/questions/${question}/vote/`, {
    method: 'POST',
    headers: { ...auth(token), 'Content-Type': contentType },
    body,
  }).then(answer);
}

describe(`GET ${API_PATHS.questions}`, () => {
  it('lists every question with its choices nested, in DRF shape', async () => {
    const list = await get(API_PATHS.questions);
    assert.equal(list.status, 200);
    assert.equal(list.contentType, 'application/json');
    assert.equal(list.allow, 'GET, HEAD, OPTIONS');
    const questions = JSON.parse(list.body) as { id: number; choices: unknown[] }[];
    assert.deepEqual(
      questions.map((q) => q.id),
      [1, 2, 3],
    );
    assert.ok(list.body.startsWith(`[${QUESTION_1},`));
    assert.ok(!list.body.includes('questionId'));
  });

  it('shows one question, and 404 for an unknown one', async () => {
    assert.equal((await get(API_PATHS.question(1))).body, QUESTION_1);
    // Django converts the captured pk with int(), leading zeros and spaces included.
    assert.equal((await get('/polls/api/questions/01/')).body, QUESTION_1);
    for (const pk of ['999', 'abc', '-1', '0']) {
      const missing = await get(`/polls/api/questions/${pk}/`);
      assert.equal(missing.status, 404, pk);
      assert.equal(missing.body, '{"detail":"Not found."}');
    }
  });

  it('needs a token, before anything else', async () => {
    for (const path of [API_PATHS.questions, API_PATHS.question(1), API_PATHS.question(999)]) {
      const anonymous = await get(path, {});
      assert.equal(anonymous.status, 401, path);
      assert.equal(anonymous.body, '{"detail":"Authentication credentials were not provided."}');
      assert.equal(anonymous.wwwAuthenticate, 'Token');
    }
  });

  it('answers the write methods DRF does not route with 405', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const result = await fetch(`${api.url}${API_PATHS.question(1)}`, {
        method,
        headers: auth(token),
      }).then(answer);
      assert.equal(result.status, 405, method);
      assert.equal(result.body, `{"detail":"Method \\"${method}\\" not allowed."}`);
      assert.equal(result.allow, 'GET, HEAD, OPTIONS');
    }
  });

  it('pretty-prints when the Accept header asks, and refuses what it cannot render', async () => {
    const pretty = await get(API_PATHS.question(1), {
      ...auth(token),
      Accept: 'application/json; indent=2',
    });
    assert.equal(pretty.body, JSON.stringify(JSON.parse(QUESTION_1), null, 2));
    assert.equal(pretty.contentType, 'application/json');
    const plain = await get(API_PATHS.question(1), { ...auth(token), Accept: 'text/plain' });
    assert.equal(plain.status, 406);
    assert.equal(plain.body, '{"detail":"Could not satisfy the request Accept header."}');
  });
});

describe('POST /polls/api/questions/{id}/vote/', () => {
  it('adds one vote from JSON, form or multipart and answers the updated question', async () => {
    const first = await vote(1, '{"choice": 2}');
    assert.equal(first.status, 200);
    assert.equal(first.body, QUESTION_1.replace('"The sky","votes":0', '"The sky","votes":1'));
    assert.equal(first.allow, 'POST, OPTIONS');
    await vote(1, 'choice=2', 'application/x-www-form-urlencoded');
    const form = new FormData();
    form.append('choice', '2');
    const multipart = await fetch(`${api.url}${API_PATHS.vote(1)}`, {
      method: 'POST',
      headers: auth(token),
      body: form,
    }).then(answer);
    assert.match(multipart.body, /"The sky","votes":3/);
    const onDisk = JSON.parse(readFileSync(join(api.dataDir, 'polls.json'), 'utf8')) as {
      choices: { id: number; votes: number }[];
    };
    assert.equal(onDisk.choices.find((c) => c.id === 2)?.votes, 3);
  });

  it("answers bad choices with DRF's field errors", async () => {
    const cases: [string, string][] = [
      ['{}', '{"choice":["This field is required."]}'],
      ['{"choice": 7}', '{"choice":["Invalid pk \\"7\\" - object does not exist."]}'],
      ['{"choice": "7"}', '{"choice":["Invalid pk \\"7\\" - object does not exist."]}'],
      ['{"choice": "abc"}', '{"choice":["Incorrect type. Expected pk value, received str."]}'],
      ['{"choice": true}', '{"choice":["Incorrect type. Expected pk value, received bool."]}'],
      ['{"choice": null}', '{"choice":["This field may not be null."]}'],
      ['[1]', '{"non_field_errors":["Invalid data. Expected a dictionary, but got list."]}'],
      [
        '{"choice": 1',
        '{"detail":"JSON parse error - Expecting \',\' delimiter: line 1 column 13 (char 12)"}',
      ],
    ];
    for (const [body, expected] of cases) {
      const result = await vote(1, body);
      assert.equal(result.status, 400, body);
      assert.equal(result.body, expected, body);
    }
    // Choice 4 belongs to question 2.
    assert.equal(
      (await vote(1, '{"choice": 4}')).body,
      '{"choice":["Invalid pk \\"4\\" - object does not exist."]}',
    );
  });

  it('looks the question up before reading the body, after authenticating', async () => {
    assert.deepEqual(await vote(999, '{'), {
      status: 404,
      body: '{"detail":"Not found."}',
      contentType: 'application/json',
      allow: 'POST, OPTIONS',
      wwwAuthenticate: null,
    });
    const anonymous = await fetch(`${api.url}${API_PATHS.vote(999)}`, {
      method: 'POST',
    }).then(answer);
    assert.equal(anonymous.status, 401);
    const wrongMethod = await get(API_PATHS.vote(1));
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.body, '{"detail":"Method \\"GET\\" not allowed."}');
    assert.equal((await get(API_PATHS.vote(1), {})).status, 401);
  });
});

describe('concurrent votes', () => {
  it('counts 200 simultaneous votes exactly, and they survive a restart', async () => {
    const { api: server, token: key } = await startWithToken();
    const dataDir = server.dataDir;
    try {
      const results = await Promise.all(
        Array.from({ length: 200 }, () =>
          fetch(`${server.url}${API_PATHS.vote(2)}`, {
            method: 'POST',
            headers: { ...auth(key), 'Content-Type': 'application/json' },
            body: '{"choice": 5}',
          }).then((r) => r.status),
        ),
      );
      assert.deepEqual(new Set(results), new Set([200]));
      await server.close();
      const restarted = await startTestServer({ dataDir });
      try {
        const question = await fetch(`${restarted.url}${API_PATHS.question(2)}`, {
          headers: auth(key),
        });
        const body = (await question.json()) as Question;
        assert.equal(body.choices.find((c) => c.id === 5)?.votes, 200);
      } finally {
        await restarted.close();
      }
    } finally {
      await server.stop().catch(() => undefined);
    }
  });
});
