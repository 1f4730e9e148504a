/**
 * The polls API: DefaultRouter's root view, the ReadOnlyModelViewSet of questions with
 * their choices nested, and its `vote` action.
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { drfErrorMessage } from '../api/drf-errors';
import { API_PATHS } from '../api/paths';
import type { Question } from '../api/types';
import { assertHeadBody } from './differences';
import { ALLOW, assertReply, detail, JSON_TYPE, NOT_FOUND } from './expect';
import { sendRaw } from './http';
import type { ServerUnderTest } from './server-under-test';
import { assertSeedQuestion, questionBody, seedQuestion, SEED_QUESTIONS, votesIn } from './seed';

const ROOT_METADATA =
  '{"name":"Api Root","description":"The default basic root view for DefaultRouter",' +
  '"renders":["application/json","text/html"],' +
  '"parses":["application/json","application/x-www-form-urlencoded","multipart/form-data"]}';

function invalidPk(pk: string): string {
  return JSON.stringify({ choice: [`Invalid pk "${pk}" - object does not exist.`] });
}

export function pollsContract(server: ServerUnderTest): void {
  const vote = (question: number | string, body: string, contentType = 'application/json') =>
    server.sendAuthorized(`/polls/api/questions/${question}/vote/`, {
      method: 'POST',
      headers: { 'Content-Type': contentType },
      body,
    });

  // By hand: an HTTP client fails on a body after an answer to HEAD, which Django sends.
  const head = async (path: string) =>
    sendRaw(server.url, 'HEAD', path, { Authorization: `Token ${await server.token()}` });

  /** Question `id` as the server holds it now. */
  const current = async (id: number): Promise<Map<number, number>> => {
    const reply = await server.sendAuthorized(API_PATHS.question(id));
    assert.equal(reply.status, 200);
    return assertSeedQuestion(reply.body, id);
  };

  describe(`GET ${API_PATHS.apiRoot}`, () => {
    server.test("lists the questions' absolute URL", async () => {
      assertReply(await server.sendAuthorized(API_PATHS.apiRoot), {
        status: 200,
        body: JSON.stringify({ questions: `${server.url}${API_PATHS.questions}` }),
        headers: { 'content-type': JSON_TYPE, allow: ALLOW.readOnly },
      });
    });

    server.test('indents when Accept asks for indent=2', async () => {
      const reply = await server.sendAuthorized(API_PATHS.apiRoot, {
        headers: { Accept: 'application/json; indent=2' },
      });
      assertReply(reply, {
        status: 200,
        body: `{\n  "questions": "${server.url}${API_PATHS.questions}"\n}`,
        headers: { 'content-type': JSON_TYPE },
      });
    });

    server.test("answers OPTIONS with DRF's metadata, and HEAD", async () => {
      assertReply(await server.sendAuthorized(API_PATHS.apiRoot, { method: 'OPTIONS' }), {
        status: 200,
        body: ROOT_METADATA,
        headers: { 'content-type': JSON_TYPE, allow: ALLOW.readOnly },
      });
      const get = await server.sendAuthorized(API_PATHS.apiRoot);
      const reply = await head(API_PATHS.apiRoot);
      assertReply(reply, {
        status: 200,
        headers: { 'content-type': JSON_TYPE, allow: ALLOW.readOnly },
      });
      assertHeadBody(server.kind, reply.body, get.body);
    });

    server.test('is GET-only: POST, PUT and DELETE are 405 with Allow', async () => {
      for (const method of ['POST', 'PUT', 'DELETE']) {
        assertReply(await server.sendAuthorized(API_PATHS.apiRoot, { method }), {
          status: 405,
          body: detail(`Method "${method}" not allowed.`),
          headers: { 'content-type': JSON_TYPE, allow: ALLOW.readOnly },
        });
      }
    });
  });

  describe(`GET ${API_PATHS.questions}`, () => {
    server.test('lists the seed questions by id, choices nested, as compact JSON', async () => {
      const reply = await server.sendAuthorized(API_PATHS.questions);
      assertReply(reply, {
        status: 200,
        headers: { 'content-type': JSON_TYPE, allow: ALLOW.readOnly },
      });
      const sent = JSON.parse(reply.body) as Question[];
      const expected = SEED_QUESTIONS.map((question, i) =>
        JSON.parse(questionBody(question, votesIn(sent[i] ?? question))),
      );
      assert.equal(reply.body, JSON.stringify(expected));
    });

    server.test('answers HEAD like GET', async () => {
      const get = await server.sendAuthorized(API_PATHS.questions);
      const reply = await head(API_PATHS.questions);
      assertHeadBody(server.kind, reply.body, get.body);
      assertReply(reply, {
        status: 200,
        headers: {
          'content-type': JSON_TYPE,
          allow: ALLOW.readOnly,
          'content-length': String(Buffer.byteLength(get.body)),
        },
      });
    });
  });

  describe(`GET ${API_PATHS.question(1)}`, () => {
    server.test('shows one question with its choices', async () => {
      const reply = await server.sendAuthorized(API_PATHS.question(1));
      assertReply(reply, {
        status: 200,
        headers: { 'content-type': JSON_TYPE, allow: ALLOW.readOnly },
      });
      assertSeedQuestion(reply.body, 1);
    });

    server.test("reads the id as Django's int() does: /questions/01/ is question 1", async () => {
      const reply = await server.sendAuthorized('/polls/api/questions/01/');
      assertReply(reply, { status: 200 });
      assertSeedQuestion(reply.body, 1);
    });

    server.test('reads decimal digits of any script, as int() does: ٣ is question 3', async () => {
      for (const [path, id] of [
        ['/polls/api/questions/%D9%A3/', 3], // ARABIC-INDIC DIGIT THREE
        ['/polls/api/questions/%EF%BC%91/', 1], // FULLWIDTH DIGIT ONE
      ] as const) {
        const reply = await server.sendAuthorized(path);
        assertReply(reply, { status: 200 }, path);
        assertSeedQuestion(reply.body, id);
      }
    });

    server.test('answers an unknown question with 404 {"detail":"Not found."}', async () => {
      // Beyond 64 bits too: no database row has such an id.
      for (const pk of ['999', 'abc', '-1', '0', '9223372036854775808', '99999999999999999999']) {
        assertReply(
          await server.sendAuthorized(`/polls/api/questions/${pk}/`),
          { status: 404, body: NOT_FOUND, headers: { 'content-type': JSON_TYPE } },
          pk,
        );
      }
    });

    server.test('answers the write methods with 405 and Allow', async () => {
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
        assertReply(
          await server.sendAuthorized(API_PATHS.question(1), { method }),
          {
            status: 405,
            body: detail(`Method "${method}" not allowed.`),
            headers: { 'content-type': JSON_TYPE, allow: ALLOW.readOnly },
          },
          method,
        );
      }
    });

    server.test('indents when Accept asks for indent=2', async () => {
      const votes = await current(1);
      const reply = await server.sendAuthorized(API_PATHS.question(1), {
        headers: { Accept: 'application/json; indent=2' },
      });
      assertReply(reply, {
        status: 200,
        body: JSON.stringify(JSON.parse(questionBody(seedQuestion(1), votes)), null, 2),
      });
    });

    server.test('never sends a password hash or a key', async () => {
      const key = await server.token();
      for (const path of [API_PATHS.apiRoot, API_PATHS.questions, API_PATHS.question(1)]) {
        const { body } = await server.sendAuthorized(path);
        for (const secret of ['password', 'scrypt', 'pbkdf2', key]) {
          assert.ok(!body.includes(secret), `${path} sent ${secret}`);
        }
      }
    });
  });

  describe(`POST ${API_PATHS.vote(1)}`, () => {
    server.test('adds one vote from JSON and answers the updated question', async () => {
      const before = await current(1);
      const reply = await vote(1, '{"choice": 2}');
      const after = new Map(before).set(2, (before.get(2) ?? 0) + 1);
      assertReply(reply, {
        status: 200,
        body: questionBody(seedQuestion(1), after),
        headers: { 'content-type': JSON_TYPE, allow: ALLOW.postOnly },
      });
      assert.deepEqual(await current(1), after, 'the vote is kept');
    });

    server.test('adds one vote from a form and from multipart', async () => {
      const multipart = new FormData();
      multipart.append('choice', '3');
      for (const body of [new URLSearchParams({ choice: '3' }), multipart]) {
        const before = await current(1);
        const reply = await server.sendAuthorized(API_PATHS.vote(1), { method: 'POST', body });
        assertReply(reply, {
          status: 200,
          body: questionBody(seedQuestion(1), new Map(before).set(3, (before.get(3) ?? 0) + 1)),
        });
      }
    });

    server.test('reads a choice in the digits of another script, as int() does', async () => {
      const before = await current(1);
      const reply = await vote(1, '{"choice": "\u0663"}');
      assertReply(reply, {
        status: 200,
        body: questionBody(seedQuestion(1), new Map(before).set(3, (before.get(3) ?? 0) + 1)),
      });
    });

    server.test("takes a vote at DefaultRouter's vote.json too, as at vote/", async () => {
      const before = await current(1);
      const reply = await server.sendAuthorized('/polls/api/questions/1/vote.json', {
        method: 'POST',
        body: '{"choice": 1}',
        headers: { 'Content-Type': 'application/json' },
      });
      assertReply(reply, {
        status: 200,
        body: questionBody(seedQuestion(1), new Map(before).set(1, (before.get(1) ?? 0) + 1)),
      });
    });

    server.test('counts simultaneous votes exactly: 20 at once add 20', async () => {
      const before = await current(2);
      const replies = await Promise.all(
        Array.from({ length: 20 }, () =>
          server.sendAuthorized(API_PATHS.vote(2), {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: '{"choice": 5}',
          }),
        ),
      );
      assert.deepEqual(
        replies.map((reply) => reply.status),
        Array.from({ length: 20 }, () => 200),
      );
      assert.deepEqual(await current(2), new Map(before).set(5, (before.get(5) ?? 0) + 20));
    });

    const refused: [string, string, string][] = [
      ['no choice', '{}', '{"choice":["This field is required."]}'],
      ['a choice that does not exist', '{"choice": 77}', invalidPk('77')],
      ['a choice of another question', '{"choice": 4}', invalidPk('4')],
      ['a choice id as a string', '{"choice": "77"}', invalidPk('77')],
      [
        'a choice beyond 64 bits',
        '{"choice": 99999999999999999999}',
        invalidPk('99999999999999999999'),
      ],
      ['a float too big for any id', '{"choice": 1e300}', invalidPk('1e+300')],
      [
        'a number JSON reads as infinity',
        '{"choice": 1e400}',
        '{"choice":["Incorrect type. Expected pk value, received float."]}',
      ],
      [
        'a choice that is not a number',
        '{"choice": "abc"}',
        '{"choice":["Incorrect type. Expected pk value, received str."]}',
      ],
      [
        'a boolean',
        '{"choice": true}',
        '{"choice":["Incorrect type. Expected pk value, received bool."]}',
      ],
      ['null', '{"choice": null}', '{"choice":["This field may not be null."]}'],
      [
        'a JSON list',
        '[1]',
        '{"non_field_errors":["Invalid data. Expected a dictionary, but got list."]}',
      ],
      [
        'malformed JSON',
        '{"choice": 1',
        detail("JSON parse error - Expecting ',' delimiter: line 1 column 13 (char 12)"),
      ],
    ];
    for (const [label, body, expected] of refused) {
      server.test(
        `refuses ${label}: 400, ${drfErrorMessage(JSON.parse(expected))}, and counts nothing`,
        async () => {
          const before = await current(1);
          assertReply(await vote(1, body), {
            status: 400,
            body: expected,
            headers: { 'content-type': JSON_TYPE },
          });
          assert.deepEqual(await current(1), before);
        },
      );
    }

    server.test('answers 415 for a body type no parser takes', async () => {
      assertReply(await vote(1, 'choice=1', 'text/plain'), {
        status: 415,
        body: detail('Unsupported media type "text/plain" in request.'),
      });
    });

    server.test('looks the question up before it reads the body: 404', async () => {
      assertReply(await vote(999, '{'), {
        status: 404,
        body: NOT_FOUND,
        headers: { 'content-type': JSON_TYPE, allow: ALLOW.postOnly, 'www-authenticate': null },
      });
    });

    server.test('answers a question id beyond 64 bits with 404', async () => {
      assertReply(await vote('99999999999999999999', '{"choice": 1}'), {
        status: 404,
        body: NOT_FOUND,
        headers: { 'content-type': JSON_TYPE },
      });
    });

    server.test('allows only POST: GET is a 405 with Allow', async () => {
      assertReply(await server.sendAuthorized(API_PATHS.vote(1)), {
        status: 405,
        body: detail('Method "GET" not allowed.'),
        headers: { 'content-type': JSON_TYPE, allow: ALLOW.postOnly },
      });
    });
  });
}
