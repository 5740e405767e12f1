import { describe, expect, it } from '@jest/globals';
import { formatInterval, formatP, formatPercent, formatValue } from './format.js';

describe('formatValue', () => {
  it.each([
    [312.4, 'ms', '312 ms'],
    [4.26, 'ms', '4.3 ms'],
    [1240, 'ms', '1.24 s'],
    [42_500, 'ms', '42.5 s'],
    [950, 'bytes', '950 B'],
    [1_500_000_000, 'bytes', '1.5 GB'],
    [-2_340_000, 'bytes', '-2.34 MB'],
    [42, 'count', '42'],
    [null, 'ms', '–'],
    [NaN, 'ms', '–'],
  ])('shows %p %s as %p', (value, unit, expected) => {
    expect(formatValue(value, unit)).toBe(expected);
  });
});

describe('formatPercent and formatInterval', () => {
  it('signs differences and never shows −0.0%', () => {
    expect(formatPercent(-0.3821)).toBe('−38.2%');
    expect(formatPercent(0.014)).toBe('+1.4%');
    expect(formatPercent(-0.00001)).toBe('0.0%');
    expect(formatInterval(-0.41, -0.353)).toBe('−41.0% to −35.3%');
    expect(formatInterval(null, 0.1)).toBe('–');
  });
});

describe('formatP', () => {
  it('rounds p-values without false precision', () => {
    expect(formatP(1e-12)).toBe('< 0.001');
    expect(formatP(0.0234)).toBe('0.023');
    expect(formatP(0.41)).toBe('0.41');
    expect(formatP(null)).toBe('–');
  });
});
