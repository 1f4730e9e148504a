import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { drfErrorMessage, readDrfErrors } from './drf-errors';

describe('readDrfErrors', () => {
  test('reads the detail of authentication, permission and lookup errors', () => {
    const errors = readDrfErrors({ detail: 'Invalid token.' });
    assert.equal(errors.detail, 'Invalid token.');
    assert.deepEqual(errors.nonField, []);
    assert.deepEqual([...errors.fields], []);
  });

  test('reads non_field_errors apart from the errors of each field', () => {
    const errors = readDrfErrors({
      non_field_errors: ['Unable to log in with provided credentials.'],
      username: ['This field may not be blank.'],
      password: 'This field is required.',
    });
    assert.equal(errors.detail, undefined);
    assert.deepEqual(errors.nonField, ['Unable to log in with provided credentials.']);
    assert.deepEqual(
      [...errors.fields],
      [
        ['username', ['This field may not be blank.']],
        ['password', ['This field is required.']],
      ],
    );
  });

  test('keeps the messages of a nested serializer, and those of a bare list', () => {
    const nested = readDrfErrors({ choices: [{}, { votes: ['Ensure this value is >= 0.'] }] });
    assert.deepEqual(nested.fields.get('choices'), ['Ensure this value is >= 0.']);
    assert.deepEqual(readDrfErrors(['Voting is closed.']).nonField, ['Voting is closed.']);
  });

  test('reads a server with another LANGUAGE_CODE the same way: by key, not by words', () => {
    const errors = readDrfErrors({
      choice: ['Clé primaire « 7 » non valide - l’objet n’existe pas.'],
    });
    assert.deepEqual([...errors.fields.keys()], ['choice']);
    assert.deepEqual(errors.fields.get('choice'), [
      'Clé primaire « 7 » non valide - l’objet n’existe pas.',
    ]);
  });

  test('finds no messages in a body that is not a DRF error', () => {
    for (const body of [undefined, null, '', '<html>Bad Gateway</html>', 42, { count: 3 }, {}]) {
      const errors = readDrfErrors(body);
      assert.equal(errors.detail, undefined, String(body));
      assert.deepEqual(errors.nonField, [], String(body));
      assert.equal(errors.fields.size, 0, String(body));
    }
  });
});

describe('drfErrorMessage', () => {
  test('reads the detail of authentication and lookup errors', () => {
    assert.equal(drfErrorMessage({ detail: 'Invalid token.' }), 'Invalid token.');
  });

  test('reads serializer errors, naming the field unless it is non_field_errors', () => {
    assert.equal(
      drfErrorMessage({ non_field_errors: ['Unable to log in with provided credentials.'] }),
      'Unable to log in with provided credentials.',
    );
    assert.equal(
      drfErrorMessage({
        username: ['This field is required.'],
        password: ['This field may not be blank.'],
      }),
      'username: This field is required.; password: This field may not be blank.',
    );
  });

  test('gives the text as it came, in whatever language', () => {
    assert.equal(drfErrorMessage({ detail: 'Ungültiges Token.' }), 'Ungültiges Token.');
  });

  test('gives up on bodies that are not DRF errors', () => {
    assert.equal(drfErrorMessage(undefined), undefined);
    assert.equal(drfErrorMessage('<html>'), undefined);
    assert.equal(drfErrorMessage({ count: 3 }), undefined);
  });
});
