import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeLikePython, pythonCharset } from './codecs';

function reason(bytes: number[], charset: Parameters<typeof decodeLikePython>[1] = 'utf-8') {
  try {
    return decodeLikePython(Uint8Array.from(bytes), charset);
  } catch (e) {
    return e instanceof Error ? `error: ${e.message}` : String(e);
  }
}

describe('decodeLikePython', () => {
  it("reports invalid UTF-8 as Python's codec does", () => {
    assert.equal(
      reason([0xff, 0x7b]),
      "error: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte",
    );
    assert.equal(
      reason([0x22, 0xe4, 0x78]),
      "error: 'utf-8' codec can't decode byte 0xe4 in position 1: invalid continuation byte",
    );
    assert.equal(
      reason([0x22, 0xe4, 0xb8, 0x22]),
      "error: 'utf-8' codec can't decode bytes in position 1-2: invalid continuation byte",
    );
    assert.equal(
      reason([0xed, 0xa0, 0x80]),
      "error: 'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte",
    );
  });

  it('drops an incomplete sequence at the end, as a stream reader holds it back', () => {
    assert.equal(reason([0x7b, 0x22, 0xf0, 0x9f, 0x98]), '{"');
  });

  it('decodes Latin-1, ASCII and UTF-16 as asked', () => {
    assert.equal(reason([0xe9], 'latin-1'), 'é');
    assert.equal(
      reason([0x41, 0xe9], 'ascii'),
      "error: 'ascii' codec can't decode byte 0xe9 in position 1: ordinal not in range(128)",
    );
    assert.equal(reason([0xff, 0xfe, 0x41, 0x00], 'utf-16'), 'A');
    assert.equal(reason([0x00, 0x41], 'utf-16'), 'error: UTF-16 stream does not start with BOM');
  });
});

describe('pythonCharset', () => {
  it("resolves Python's spellings and falls back to UTF-8", () => {
    assert.equal(pythonCharset('UTF8'), 'utf-8');
    assert.equal(pythonCharset('ISO-8859-1'), 'latin-1');
    assert.equal(pythonCharset('latin_1'), 'latin-1');
    assert.equal(pythonCharset('us-ascii'), 'ascii');
    assert.equal(pythonCharset('bogus'), 'utf-8');
    assert.equal(pythonCharset(undefined), 'utf-8');
  });
});
