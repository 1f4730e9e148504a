/**
 * The answer checker against the committed schema, with the bodies the servers send and
 * the ones a broken server would, and against small schemas for the OpenAPI 3.0 parts
 * the committed one does not use yet (`nullable`).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SEED_QUESTIONS, seedQuestion } from '../contract/seed';
import {
  answerFromText,
  checkAnswer,
  OpenApiValidator,
  readOpenApiSchema,
  type AnswerCheck,
  type OpenApiDocument,
} from './openapi-validate';
import { API_PATHS } from './paths';

const QUESTION = seedQuestion(1);
const validator = new OpenApiValidator(readOpenApiSchema());

function errorsOf(check: AnswerCheck): readonly string[] {
  assert.ok(check.described, check.described ? '' : check.reason);
  return check.errors;
}

/** What is wrong with an answer the schema describes. */
function problems(
  method: string,
  path: string,
  status: number,
  body: unknown,
  contentType?: string,
): readonly string[] {
  return errorsOf(validator.check({ method, path, status, body, contentType }));
}

describe('answers of the API against api/openapi.yaml', () => {
  test('the seed questions, a login, a logout and an error in each shape DRF has fit', () => {
    const fitting: readonly [string, string, number, unknown][] = [
      ['GET', API_PATHS.questions, 200, SEED_QUESTIONS],
      ['GET', API_PATHS.question(1), 200, QUESTION],
      ['post', API_PATHS.vote(1), 200, QUESTION],
      ['POST', API_PATHS.login, 200, { token: 'a'.repeat(40) }],
      ['POST', API_PATHS.logout, 204, undefined],
      [
        'POST',
        API_PATHS.login,
        400,
        { non_field_errors: ['Unable to log in with provided credentials.'] },
      ],
      [
        'POST',
        API_PATHS.vote(1),
        400,
        { detail: 'JSON parse error - Expecting value: line 1 column 1 (char 0)' },
      ],
      ['GET', API_PATHS.questions, 401, { detail: 'Invalid token.' }],
      ['GET', API_PATHS.question(99), 404, { detail: 'Not found.' }],
      [
        'POST',
        API_PATHS.login,
        429,
        { detail: 'Request was throttled. Expected available in 60 seconds.' },
      ],
    ];
    for (const [method, path, status, body] of fitting) {
      assert.deepEqual(
        problems(method, path, status, body, 'application/json'),
        [],
        `${method} ${path} ${status}`,
      );
    }
  });

  test('names the operation by its template, whether given a concrete path or the template', () => {
    const answer = { method: 'GET', status: 200, body: QUESTION };
    const concrete = validator.check({ ...answer, path: `${API_PATHS.question(3)}?format=json` });
    assert.deepEqual(concrete, {
      described: true,
      operation: 'GET /polls/api/questions/{id}/',
      errors: [],
    });
    assert.deepEqual(validator.check({ ...answer, path: '/polls/api/questions/{id}/' }), concrete);
  });

  test('says where a body breaks the schema: wrong types, missing fields, a bad date', () => {
    const broken = { ...QUESTION, pub_date: 'yesterday', choices: [{ id: '1', choice_text: 'x' }] };
    assert.deepEqual(problems('GET', API_PATHS.question(1), 200, broken), [
      'GET /polls/api/questions/{id}/ 200: body/pub_date must match format "date-time"',
      "GET /polls/api/questions/{id}/ 200: body/choices/0 must have required property 'votes'",
      'GET /polls/api/questions/{id}/ 200: body/choices/0/id must be integer',
    ]);
    // One question where the list endpoint sends a list, and no token in a login.
    assert.deepEqual(problems('GET', API_PATHS.questions, 200, QUESTION), [
      'GET /polls/api/questions/ 200: body must be array',
    ]);
    assert.deepEqual(problems('POST', API_PATHS.login, 200, { key: 'x' }), [
      "POST /accounts/get_auth_token/ 200: body must have required property 'token'",
    ]);
  });

  test('a 400 must be field messages or a detail, nothing else', () => {
    const body = { choice: 'Invalid pk "99" - object does not exist.' };
    assert.deepEqual(problems('POST', API_PATHS.vote(1), 400, body), [
      'POST /polls/api/questions/{id}/vote/ 400: body/choice must be array',
      "POST /polls/api/questions/{id}/vote/ 400: body must have required property 'detail'",
      'POST /polls/api/questions/{id}/vote/ 400: body must match exactly one schema in oneOf',
    ]);
  });

  test('a 204 has no body, and a body must come in the media type the schema names', () => {
    assert.deepEqual(problems('POST', API_PATHS.logout, 204, {}), [
      'POST /accounts/logout/ 204: the schema says no body, the answer has one',
    ]);
    const html = 'text/html; charset=utf-8';
    assert.deepEqual(problems('GET', API_PATHS.questions, 200, SEED_QUESTIONS, html), [
      `GET /polls/api/questions/ 200: Content-Type ${html}, the schema says application/json`,
    ]);
    assert.deepEqual(problems('GET', API_PATHS.questions, 200, undefined), [
      'GET /polls/api/questions/ 200: the schema says application/json, no body came',
    ]);
  });

  test('HEAD is checked as GET, without a body', () => {
    const head = { method: 'HEAD', path: API_PATHS.questions, status: 200, body: undefined };
    assert.deepEqual(validator.check(head), {
      described: true,
      operation: 'GET /polls/api/questions/',
      errors: [],
    });
  });

  test('tells an answer the schema does not describe from one that breaks it', () => {
    const reasons = [
      { method: 'GET', path: '/polls/api/nothing/', status: 404 },
      { method: 'DELETE', path: API_PATHS.question(1), status: 405 },
      { method: 'GET', path: API_PATHS.question(1), status: 500 },
    ].map((answer) => validator.check({ ...answer, body: { detail: 'x' } }));
    assert.deepEqual(reasons, [
      { described: false, reason: 'no path of the schema matches /polls/api/nothing/' },
      { described: false, reason: '/polls/api/questions/{id}/ has no DELETE' },
      { described: false, reason: 'GET /polls/api/questions/{id}/ describes no 500 answer' },
    ]);
  });

  test('closedObjects refuses properties the schema does not name', () => {
    // json-server's own field, which the views must never let through.
    const choices = QUESTION.choices.map((choice) => ({ ...choice, questionId: 1 }));
    const answer = { method: 'GET', path: API_PATHS.question(1), status: 200 };
    const body = { ...QUESTION, choices: choices.slice(0, 1) };
    assert.deepEqual(problems(answer.method, answer.path, answer.status, body), []);
    const closed = new OpenApiValidator(readOpenApiSchema(), { closedObjects: true });
    assert.deepEqual(errorsOf(closed.check({ ...answer, body })), [
      'GET /polls/api/questions/{id}/ 200: body/choices/0 has "questionId", which the schema does not allow',
    ]);
  });
});

describe('answerFromText', () => {
  test('parses a JSON body, keeps any other text, and takes an empty body for none', () => {
    const json = answerFromText('GET', API_PATHS.questions, 200, 'application/json', '[]');
    assert.deepEqual(json, {
      method: 'GET',
      path: API_PATHS.questions,
      status: 200,
      contentType: 'application/json',
      body: [],
    });
    const html = answerFromText('GET', API_PATHS.questions, 200, 'text/html', '<html>');
    assert.equal(html.body, '<html>');
    assert.equal(answerFromText('POST', API_PATHS.logout, 204, undefined, '').body, undefined);
    // Broken JSON stays text, and the check says what the schema wanted instead.
    const broken = answerFromText('GET', API_PATHS.question(1), 200, 'application/json', '{"id"');
    assert.deepEqual(errorsOf(validator.check(broken)), [
      'GET /polls/api/questions/{id}/ 200: body must be object',
    ]);
  });
});

/** A one-operation document whose 200 answer has `schema`, with `components` beside it. */
function documentWith(schema: object, components: Record<string, object> = {}): OpenApiDocument {
  return {
    openapi: '3.0.3',
    paths: {
      '/thing/': {
        get: {
          responses: { '200': { description: '', content: { 'application/json': { schema } } } },
        },
      },
    },
    components: { schemas: components },
  } as unknown as OpenApiDocument;
}

function errorsFor(document: OpenApiDocument, body: unknown): readonly string[] {
  return errorsOf(checkAnswer(document, { method: 'GET', path: '/thing/', status: 200, body }));
}

describe('OpenAPI 3.0 beyond JSON Schema', () => {
  test('nullable: null is allowed where the schema says so, and only there', () => {
    const document = documentWith(
      {
        type: 'object',
        properties: {
          note: { type: 'string', nullable: true },
          owner: { allOf: [{ $ref: '#/components/schemas/User' }], nullable: true },
          title: { type: 'string' },
        },
      },
      { User: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } },
    );
    assert.deepEqual(errorsFor(document, { note: null, owner: null, title: 'x' }), []);
    assert.deepEqual(errorsFor(document, { note: 'n', owner: { name: 'ann' } }), []);
    const errors = errorsFor(document, { owner: {}, title: null });
    assert.ok(
      errors.includes("GET /thing/ 200: body/owner must have required property 'name'"),
      errors.join('\n'),
    );
    assert.ok(errors.includes('GET /thing/ 200: body/title must be string'), errors.join('\n'));
  });

  test('a format Ajv cannot check is an error in the schema, not a check left out', () => {
    const document = documentWith({ type: 'string', format: 'no-such-format' });
    assert.throws(() => errorsFor(document, 'x'), /unknown format "no-such-format"/);
  });

  test('a status range and default stand for the statuses not named', () => {
    const document = {
      openapi: '3.0.3',
      paths: {
        '/thing/': {
          get: {
            responses: {
              '4XX': {
                description: '',
                content: { 'application/json': { schema: { type: 'object' } } },
              },
              default: { description: '' },
            },
          },
        },
      },
    } as unknown as OpenApiDocument;
    const check = (status: number, body: unknown) =>
      errorsOf(checkAnswer(document, { method: 'GET', path: '/thing/', status, body }));
    assert.deepEqual(check(418, {}), []);
    assert.deepEqual(check(418, 'teapot'), ['GET /thing/ 418: body must be object']);
    assert.deepEqual(check(503, undefined), []);
  });
});
