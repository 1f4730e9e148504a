import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from './responses';
import { charField, primaryKeyField, validate } from './fields';
import { parsePythonJson } from '../python/json';
import type { PyValue } from '../python/values';

const choices = new Map([
  [1n, 'choice 1'],
  [2n, 'choice 2'],
]);
const voteFields = { choice: primaryKeyField((pk) => choices.get(pk)) };
const loginFields = { username: charField(), password: charField({ trimWhitespace: false }) };

function errorsOf(data: PyValue, fields: Parameters<typeof validate>[1]): unknown {
  try {
    return { value: validate(data, fields) };
  } catch (e) {
    assert.ok(e instanceof ApiError);
    assert.equal(e.status, 400);
    return e.data;
  }
}

const json = (text: string) => parsePythonJson(text);

describe('validate', () => {
  it("rejects what is not a dict with DRF's non_field_errors", () => {
    assert.deepEqual(errorsOf(json('[1]'), loginFields), {
      non_field_errors: ['Invalid data. Expected a dictionary, but got list.'],
    });
    assert.deepEqual(errorsOf(json('"x"'), loginFields), {
      non_field_errors: ['Invalid data. Expected a dictionary, but got str.'],
    });
    assert.deepEqual(errorsOf(null, loginFields), { non_field_errors: ['No data provided'] });
  });

  it('validates CharFields as DRF does', () => {
    assert.deepEqual(errorsOf(json('{}'), loginFields), {
      username: ['This field is required.'],
      password: ['This field is required.'],
    });
    assert.deepEqual(errorsOf(json('{"username": null, "password": ""}'), loginFields), {
      username: ['This field may not be null.'],
      password: ['This field may not be blank.'],
    });
    assert.deepEqual(errorsOf(json('{"username": true, "password": []}'), loginFields), {
      username: ['Not a valid string.'],
      password: ['Not a valid string.'],
    });
    assert.deepEqual(errorsOf(json('{"username": "  ", "password": "  "}'), loginFields), {
      username: ['This field may not be blank.'],
    });
    assert.deepEqual(errorsOf(json('{"username": " admin ", "password": " pw "}'), loginFields), {
      value: { username: 'admin', password: ' pw ' },
    });
    assert.deepEqual(errorsOf(json('{"username": 1.5, "password": 12}'), loginFields), {
      value: { username: '1.5', password: '12' },
    });
    assert.deepEqual(
      errorsOf(json('{"username": "a\\u0000\\ud800", "password": "x"}'), loginFields),
      {
        username: [
          'Null characters are not allowed.',
          'Surrogate characters are not allowed: U+D800.',
        ],
      },
    );
  });

  it('validates a PrimaryKeyRelatedField as DRF does', () => {
    const cases: [string, unknown][] = [
      ['{"choice": 1}', { value: { choice: 'choice 1' } }],
      ['{"choice": "2"}', { value: { choice: 'choice 2' } }],
      ['{"choice": " 2 "}', { value: { choice: 'choice 2' } }],
      ['{"choice": 1.5}', { value: { choice: 'choice 1' } }],
      ['{}', { choice: ['This field is required.'] }],
      ['{"choice": null}', { choice: ['This field may not be null.'] }],
      ['{"choice": ""}', { choice: ['This field may not be null.'] }],
      ['{"choice": 7}', { choice: ['Invalid pk "7" - object does not exist.'] }],
      ['{"choice": "7"}', { choice: ['Invalid pk "7" - object does not exist.'] }],
      ['{"choice": 7.5}', { choice: ['Invalid pk "7.5" - object does not exist.'] }],
      ['{"choice": "abc"}', { choice: ['Incorrect type. Expected pk value, received str.'] }],
      ['{"choice": true}', { choice: ['Incorrect type. Expected pk value, received bool.'] }],
      ['{"choice": [1]}', { choice: ['Incorrect type. Expected pk value, received list.'] }],
      ['{"choice": {}}', { choice: ['Incorrect type. Expected pk value, received dict.'] }],
    ];
    for (const [body, expected] of cases)
      assert.deepEqual(errorsOf(json(body), voteFields), expected, body);
  });
});
