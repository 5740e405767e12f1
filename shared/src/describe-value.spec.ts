import { describe, it, expect } from '@jest/globals';
import { describeValue, hasControlCharacters, isPlainObject } from './describe-value.js';

describe(describeValue.name, () => {
  it.each([
    ['rpm', '"rpm"'],
    ['say "hi"\n', '"say \\"hi\\"\\n"'],
    [0, '0'],
    [NaN, 'NaN'],
    [true, 'true'],
    [null, 'null'],
    [undefined, 'nothing'],
    [['a'], 'a list'],
    [{ a: 1 }, 'an object'],
  ])('describes %p as %s', (value, text) => {
    expect(describeValue(value)).toBe(text);
  });

  it('cuts long strings', () => {
    expect(describeValue('x'.repeat(1000))).toBe(`"${'x'.repeat(60)}"…`);
  });
});

describe(hasControlCharacters.name, () => {
  it('finds NUL, C0, DEL and C1 controls, allowing line breaks and tabs when asked', () => {
    expect(hasControlCharacters('plain text, ünïcödé, 🚀, \u200f')).toBe(false);
    expect(hasControlCharacters('a\u0000b')).toBe(true);
    expect(hasControlCharacters('a\u007fb')).toBe(true);
    expect(hasControlCharacters('a\u0085b')).toBe(true);
    expect(hasControlCharacters('a\nb\tc')).toBe(true);
    expect(hasControlCharacters('a\r\nb\tc', true)).toBe(false);
    expect(hasControlCharacters('a\u0000b', true)).toBe(true);
  });
});

describe(isPlainObject.name, () => {
  it('accepts object literals and null-prototype objects only', () => {
    expect(isPlainObject({})).toBe(true);
    expect(isPlainObject(Object.create(null))).toBe(true);
    expect(isPlainObject([])).toBe(false);
    expect(isPlainObject(new Date())).toBe(false);
    expect(isPlainObject(null)).toBe(false);
  });
});
