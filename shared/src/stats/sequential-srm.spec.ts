import { describe, expect, it } from '@jest/globals';
import { sampleRatioMismatch } from './srm.js';
import { sequentialSampleRatioMismatch } from './sequential-srm.js';

describe(sequentialSampleRatioMismatch.name, () => {
  it('sees no mismatch when the arms follow the weights', () => {
    const r = sequentialSampleRatioMismatch([500, 500], [1, 1]);
    expect(r.p).toBe(1);
    expect(r.mismatch).toBe(false);
  });

  it('flags arms far from their weights, and asks for more evidence than chi-square', () => {
    const skewed = sequentialSampleRatioMismatch([150, 300], [1, 1]);
    expect(skewed.mismatch).toBe(true);
    // 5,150 / 4,850 is p = 0.003 by chi-square at one look, not a mismatch at any look.
    const mild = sequentialSampleRatioMismatch([5150, 4850], [1, 1]);
    expect(mild.p).toBeGreaterThan(sampleRatioMismatch([5150, 4850], [1, 1]).p);
    expect(mild.mismatch).toBe(false);
  });

  it('weighs the arms by their weights', () => {
    expect(sequentialSampleRatioMismatch([905, 95], [9, 1]).mismatch).toBe(false);
    expect(sequentialSampleRatioMismatch([500, 500], [9, 1]).mismatch).toBe(true);
  });

  it('leaves out an arm with weight 0 and no hosts, and calls hosts there a mismatch', () => {
    expect(sequentialSampleRatioMismatch([500, 0, 480], [1, 0, 1])).toEqual(
      sequentialSampleRatioMismatch([500, 480], [1, 1]),
    );
    expect(sequentialSampleRatioMismatch([500, 3, 480], [1, 0, 1])).toEqual({
      logBayesFactor: Infinity,
      p: 0,
      mismatch: true,
    });
  });

  it('answers NaN without hosts and refuses nonsense', () => {
    expect(sequentialSampleRatioMismatch([0, 0], [1, 1]).p).toBeNaN();
    expect(() => sequentialSampleRatioMismatch([1], [1, 1])).toThrow(RangeError);
    expect(() => sequentialSampleRatioMismatch([-1, 2], [1, 1])).toThrow(RangeError);
    expect(() => sequentialSampleRatioMismatch([1, 2], [1, NaN])).toThrow(RangeError);
    expect(() => sequentialSampleRatioMismatch([1, 2], [1, 1], 0)).toThrow(RangeError);
  });
});
