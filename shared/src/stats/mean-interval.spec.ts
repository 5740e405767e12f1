import { describe, expect, it } from '@jest/globals';
import { meanInterval, meanIntervalFromMoments } from './mean-interval.js';

describe('meanInterval', () => {
  it('matches R: t.test(c(1, 2, 3, 4, 10))$conf.int', () => {
    // R 4.2: [1] -0.3899452  8.3899452 (qt(0.975, 4) = 2.776445, se = sqrt(2.5))
    const result = meanInterval([1, 2, 3, 4, 10]);
    expect(result.mean).toBe(4);
    expect(result.low).toBeCloseTo(-0.3899452, 6);
    expect(result.high).toBeCloseTo(8.3899452, 6);
  });

  it('gives the same interval from the moments', () => {
    expect(meanIntervalFromMoments(5, 4, 12.5)).toEqual(meanInterval([1, 2, 3, 4, 10]));
  });

  it('has no interval for one value and a point interval for equal values', () => {
    expect(meanInterval([7])).toEqual({ n: 1, mean: 7, low: null, high: null });
    expect(meanInterval([5, 5, 5])).toMatchObject({ mean: 5, low: 5, high: 5 });
  });
});
