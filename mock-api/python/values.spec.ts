import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  PyFloat,
  PyInt,
  pyFloatRepr,
  pyIntFromString,
  pyRepr,
  pyStr,
  pyStrip,
  pyTypeName,
  UploadedFile,
} from './values';

describe('python values', () => {
  it("formats floats as Python's repr", () => {
    const cases: [number, string][] = [
      [1, '1.0'],
      [1.5, '1.5'],
      [-0, '-0.0'],
      [1e16, '1e+16'],
      [1e15, '1000000000000000.0'],
      [0.0001, '0.0001'],
      [0.00001, '1e-05'],
      [1.2345678901234568e29, '1.2345678901234568e+29'],
      [Infinity, 'inf'],
      [1e300, '1e+300'],
    ];
    for (const [x, expected] of cases) assert.equal(pyFloatRepr(x), expected);
  });

  it("converts strings like Python's int()", () => {
    assert.equal(pyIntFromString(' 42 '), 42n);
    assert.equal(pyIntFromString('-007'), -7n);
    assert.equal(pyIntFromString('1_000'), 1000n);
    assert.equal(pyIntFromString('1__0'), null);
    assert.equal(pyIntFromString('1.0'), null);
    assert.equal(pyIntFromString(''), null);
    assert.equal(pyIntFromString('\u00a012\u2003'), 12n);
  });

  it("reads the decimal digits of every script that Python 3.11's int() reads", () => {
    // Expected values are what /usr/bin/python3 (3.11) prints for int(text).
    assert.equal(pyIntFromString('\u0663'), 3n); // ARABIC-INDIC DIGIT THREE
    assert.equal(pyIntFromString('\uff11'), 1n); // FULLWIDTH DIGIT ONE
    assert.equal(pyIntFromString('-\u0967_\u09e8'), -12n); // Devanagari 1, Bengali 2
    assert.equal(pyIntFromString('\u{1d7ff}\u{1fbf9}'), 99n); // mathematical, segmented
    // Superscripts are digits but not decimal; Kawi digits are Unicode 15, after Python 3.11.
    assert.equal(pyIntFromString('\u00b2'), null);
    assert.equal(pyIntFromString('\u{11f53}'), null);
    assert.equal(pyIntFromString('\u0660\u066b5'), null); // an Arabic decimal separator
  });

  it("strips Python's whitespace, not JavaScript's", () => {
    assert.equal(pyStrip('\u001c admin \u0085'), 'admin');
    assert.equal(pyStrip('\ufeffadmin'), '\ufeffadmin');
  });

  it('names types and prints values as Python does', () => {
    assert.deepEqual(
      [null, true, 'x', new PyInt(1n), new PyFloat(1), [], new Map(), new UploadedFile('f')].map(
        pyTypeName,
      ),
      ['NoneType', 'bool', 'str', 'int', 'float', 'list', 'dict', 'InMemoryUploadedFile'],
    );
    assert.equal(pyStr(new PyFloat(7.5)), '7.5');
    assert.equal(pyStr(new PyInt(7n)), '7');
    assert.equal(pyStr(true), 'True');
  });

  it("quotes and escapes strings as Python's repr", () => {
    // Expected values are what /usr/bin/python3 prints for repr(text).
    const texts = [
      'a b',
      "it's",
      'both \'"',
      'tab\there\\',
      '\u0001\u007f\u0085\u00a0\u00ad\u00e9',
    ];
    assert.deepEqual(texts.map(pyRepr), [
      "'a b'",
      '"it\'s"',
      "'both \\'\"'",
      "'tab\\there\\\\'",
      "'\\x01\\x7f\\x85\\xa0\\xadé'",
    ]);
    assert.equal(pyStr(new Map([['k', 'v\n']])), "{'k': 'v\\n'}");
  });
});
