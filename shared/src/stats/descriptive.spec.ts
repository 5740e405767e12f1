import { describe, expect, it } from '@jest/globals';
import { mean, medianOfSorted, sampleCovariance, sampleVariance } from './descriptive.js';

describe(mean.name, () => {
  it('stays exact for small spreads on a large offset', () => {
    expect(mean([1e9 + 0.1, 1e9 + 0.2, 1e9 + 0.3]) - 1e9).toBeCloseTo(0.2, 6);
  });

  it('is NaN for no values', () => {
    expect(mean([])).toBeNaN();
  });
});

describe(sampleVariance.name, () => {
  it('divides by n − 1', () => {
    expect(sampleVariance([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(32 / 7, 12);
  });

  it('is NaN below 2 values', () => {
    expect([sampleVariance([]), sampleVariance([3])]).toEqual([NaN, NaN]);
  });
});

describe(sampleCovariance.name, () => {
  it('is the variance for a value with itself', () => {
    const xs = [1, 3, 2, 8, 5];
    expect(sampleCovariance(xs, xs)).toBeCloseTo(sampleVariance(xs), 12);
  });

  it('refuses unpaired values', () => {
    expect(() => sampleCovariance([1, 2], [1])).toThrow(
      'covariance needs paired values, got 2 and 1',
    );
  });
});

describe(medianOfSorted.name, () => {
  it('takes the middle value or the mean of the middle two', () => {
    expect([medianOfSorted([1, 2, 9]), medianOfSorted([1, 2, 4, 9]), medianOfSorted([])]).toEqual([
      2,
      3,
      NaN,
    ]);
  });
});
