import { describe, expect, it } from '@jest/globals';
import {
  formatCount,
  formatDifference,
  formatInterval,
  formatNumber,
  formatP,
  formatPercent,
  formatShare,
  formatValue,
} from './format-number.js';

describe(formatNumber.name, () => {
  it.each([
    [42310.56, '42,311'],
    [842.31, '842.3'],
    [1.23456, '1.235'],
    [0.012345, '0.012'],
    [-1234567.8, '-1,234,568'],
    [-0.0001, '0.000'],
    [0, '0.000'],
    [Number.NaN, '—'],
  ])('writes %p as %p', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });
});

describe(formatValue.name, () => {
  it.each([
    [42310.56, 'ms', '42,311 ms'],
    [842.31, 'ms', '842.3 ms'],
    [512, 'bytes', '512.0 B'],
    [12_345, 'bytes', '12.35 kB'],
    [45_600_000, 'bytes', '45.60 MB'],
    [1_500_000_000, 'bytes', '1.500 GB'],
    [-250_000_000, 'bytes', '-250.0 MB'],
    [7, 'count', '7.000'],
    [null, 'ms', '—'],
  ] as const)('writes %p %s as %p', (value, unit, text) => {
    expect(formatValue(value, unit)).toBe(text);
  });
});

describe(formatDifference.name, () => {
  it('always carries a sign, with the unit', () => {
    expect(formatDifference(1204.4, 'ms')).toBe('+1,204 ms');
    expect(formatDifference(-3_200_000, 'bytes')).toBe('-3.200 MB');
    expect(formatDifference(null, 'ms')).toBe('—');
  });
});

describe(formatPercent.name, () => {
  it.each([
    [-0.3521, '-35.2%'],
    [0.0043, '+0.43%'],
    [0.6, '+60.0%'],
    [-0.00001, '0.00%'],
    [0, '0.00%'],
    [null, '—'],
    [Number.POSITIVE_INFINITY, '—'],
  ])('writes %p as %p', (fraction, text) => {
    expect(formatPercent(fraction)).toBe(text);
  });

  it('writes intervals with both ends signed', () => {
    expect(formatInterval(-0.401, -0.302)).toBe('-40.1% to -30.2%');
    expect(formatInterval(null, 0.1)).toBe('—');
  });

  it('writes shares without a sign', () => {
    expect(formatShare(1, 4)).toBe('25.0%');
    expect(formatShare(1, 0)).toBe('—');
  });
});

describe(formatP.name, () => {
  it.each([
    [0.0321, '0.032'],
    [0.54, '0.54'],
    [1, '1'],
    [0.00012, '0.00012'],
    [0.00001, '< 0.0001'],
    [null, '—'],
  ])('writes %p as %p', (p, text) => {
    expect(formatP(p)).toBe(text);
  });

  it('groups counts by thousands', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
  });
});
