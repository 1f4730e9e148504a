import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unquoteToBytes } from './urllib';

describe('unquoteToBytes', () => {
  it('decodes escapes to bytes and keeps broken escapes, as Python does', () => {
    // b'a\xc3\xa9%zz%4' is what unquote_to_bytes('a%C3%a9%zz%4') gives.
    assert.deepEqual(
      [...unquoteToBytes('a%C3%a9%zz%4')],
      [0x61, 0xc3, 0xa9, 0x25, 0x7a, 0x7a, 0x25, 0x34],
    );
  });

  it('takes other characters as the Latin-1 bytes they were read from', () => {
    assert.deepEqual([...unquoteToBytes('\u00e9+')], [0xe9, 0x2b]);
  });
});
