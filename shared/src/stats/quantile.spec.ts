import { describe, expect, it } from '@jest/globals';
import { lowerRankQuantiles, quantilesType7 } from './quantile.js';

describe(quantilesType7.name, () => {
  it('interpolates between order statistics of unsorted input', () => {
    expect(quantilesType7([4, 1, 3, 2], [0, 0.5, 0.9, 1])).toEqual([1, 2.5, 3.7, 4]);
  });

  it('answers NaN for no values', () => {
    expect(quantilesType7([], [0.5])).toEqual([NaN]);
  });

  it.each([-0.01, 1.5, NaN])('refuses quantile %p', (q) => {
    expect(() => quantilesType7([1, 2], [q])).toThrow(`quantile must be between 0 and 1, got ${q}`);
  });
});

describe(lowerRankQuantiles.name, () => {
  it('answers a value that occurred, never interpolating', () => {
    expect(lowerRankQuantiles([4, 1, 3, 2], [0, 0.5, 0.9, 1])).toEqual([1, 2, 3, 4]);
  });

  it('answers NaN for no values', () => {
    expect(lowerRankQuantiles([], [0.9])).toEqual([NaN]);
  });
});
