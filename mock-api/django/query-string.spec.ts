import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQueryDict, TooManyFieldsSent } from './query-string';

describe('parseQueryDict', () => {
  it("parses like Django's QueryDict on Python 3.11", () => {
    const parsed = parseQueryDict(Buffer.from('a=1&a=2&&b&c=x+y%21;d=1&e=%zz'), 'utf-8');
    assert.deepEqual(
      [...parsed],
      [
        ['a', '2'],
        ['b', ''],
        ['c', 'x y!;d=1'],
        ['e', '%zz'],
      ],
    );
  });

  it('decodes escapes with the charset, replacing what does not decode', () => {
    assert.equal(parseQueryDict('u=%C3%A9%FF', 'utf-8').get('u'), 'é\ufffd');
    assert.equal(parseQueryDict('u=%E9', 'latin-1').get('u'), 'é');
    assert.equal(parseQueryDict(Buffer.from('u=\xe9', 'latin1'), 'utf-8').get('u'), 'é');
  });

  it('refuses more than 1000 fields, as DATA_UPLOAD_MAX_NUMBER_FIELDS does', () => {
    assert.equal(parseQueryDict('a&'.repeat(999) + 'a', 'utf-8').size, 1);
    assert.throws(() => parseQueryDict('a&'.repeat(1000) + 'a', 'utf-8'), TooManyFieldsSent);
  });
});
