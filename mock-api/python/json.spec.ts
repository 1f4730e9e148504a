import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePythonJson } from './json';
import { PyFloat, PyInt, PythonValueError } from './values';

function reason(text: string): string {
  try {
    parsePythonJson(text);
  } catch (e) {
    if (e instanceof PythonValueError) return e.message;
    throw e;
  }
  return 'parsed';
}

describe('parsePythonJson', () => {
  it("gives CPython 3.11's json.loads messages", () => {
    // Expected values are what /usr/bin/python3 prints for json.loads(text).
    const cases: [string, string][] = [
      ['', 'Expecting value: line 1 column 1 (char 0)'],
      [' ', 'Expecting value: line 1 column 2 (char 1)'],
      ['{', 'Expecting property name enclosed in double quotes: line 1 column 2 (char 1)'],
      ['{"a"', "Expecting ':' delimiter: line 1 column 5 (char 4)"],
      ['{"a":', 'Expecting value: line 1 column 6 (char 5)'],
      ['{"a":1', "Expecting ',' delimiter: line 1 column 7 (char 6)"],
      ['{"a":1,}', 'Expecting property name enclosed in double quotes: line 1 column 8 (char 7)'],
      ['[1,]', 'Expecting value: line 1 column 4 (char 3)'],
      ['[1 2]', "Expecting ',' delimiter: line 1 column 4 (char 3)"],
      ['"abc', 'Unterminated string starting at: line 1 column 1 (char 0)'],
      ['"a\u0001"', 'Invalid control character at: line 1 column 3 (char 2)'],
      ['"\\x"', 'Invalid \\escape: line 1 column 2 (char 1)'],
      ['"\\u12"', 'Invalid \\uXXXX escape: line 1 column 3 (char 2)'],
      ['"\\ud800\\u12"', 'Invalid \\uXXXX escape: line 1 column 9 (char 8)'],
      ['nul', 'Expecting value: line 1 column 1 (char 0)'],
      ['01', 'Extra data: line 1 column 2 (char 1)'],
      ['1.', 'Extra data: line 1 column 2 (char 1)'],
      ["{'a':1}", 'Expecting property name enclosed in double quotes: line 1 column 2 (char 1)'],
      ['\ufeff{}', 'Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)'],
      ['{"a":1}\n\n x', 'Extra data: line 3 column 2 (char 10)'],
      ['"😀" x', 'Extra data: line 1 column 5 (char 4)'],
      ['{"a":NaN}', "Out of range float values are not JSON compliant: 'NaN'"],
      ['-Infinity', "Out of range float values are not JSON compliant: '-Infinity'"],
    ];
    for (const [text, expected] of cases)
      assert.equal(reason(text), expected, JSON.stringify(text));
  });

  it('keeps Python types: int vs float, dict order, last duplicate key wins', () => {
    const value = parsePythonJson('{"b": 1, "a": 2.0, "b": 3, "__proto__": null}');
    assert.ok(value instanceof Map);
    assert.deepEqual([...value.keys()], ['b', 'a', '__proto__']);
    assert.deepEqual(value.get('b'), new PyInt(3n));
    assert.deepEqual(value.get('a'), new PyFloat(2));
    assert.deepEqual(
      parsePythonJson('123456789012345678901234567890'),
      new PyInt(123456789012345678901234567890n),
    );
  });

  it('decodes escapes, joining surrogate pairs and keeping lone ones', () => {
    assert.equal(parsePythonJson('"\\ud83d\\ude00\\n\\u00e9"'), '😀\né');
    assert.equal(parsePythonJson('"\\ud800"'), '\ud800');
  });

  it('refuses what Python refuses instead of overflowing the stack', () => {
    assert.equal(
      reason('['.repeat(100_000)),
      'maximum recursion depth exceeded while decoding a JSON array from a unicode string',
    );
    assert.match(
      reason('1'.repeat(5000)),
      /^Exceeds the limit \(4300 digits\) for integer string conversion: value has 5000 digits/,
    );
  });
});
