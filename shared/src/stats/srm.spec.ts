import { describe, expect, it } from '@jest/globals';
import { SRM_P_THRESHOLD, sampleRatioMismatch } from './srm.js';

describe(sampleRatioMismatch.name, () => {
  it('finds no mismatch when the arms follow the weights', () => {
    expect(sampleRatioMismatch([500, 500], [50, 50])).toEqual({
      chiSquare: 0,
      df: 1,
      p: 1,
      mismatch: false,
    });
  });

  it('flags arms far from their weights', () => {
    const r = sampleRatioMismatch([5300, 4700], [1, 1]);
    expect(r.chiSquare).toBeCloseTo(36, 12);
    expect(r.p).toBeLessThan(SRM_P_THRESHOLD);
    expect(r.mismatch).toBe(true);
  });

  it('leaves out an arm with weight 0 and no hosts', () => {
    expect(sampleRatioMismatch([500, 0, 480], [1, 0, 1])).toEqual(
      sampleRatioMismatch([500, 480], [1, 1]),
    );
  });

  it('calls hosts in an arm of weight 0 a mismatch', () => {
    expect(sampleRatioMismatch([500, 3, 480], [1, 0, 1])).toEqual({
      chiSquare: Infinity,
      df: 2,
      p: 0,
      mismatch: true,
    });
  });

  it('has nothing to say without hosts or with one arm', () => {
    expect(sampleRatioMismatch([0, 0], [1, 1])).toEqual({
      chiSquare: NaN,
      df: 1,
      p: NaN,
      mismatch: false,
    });
    expect(sampleRatioMismatch([40], [1]).p).toBeNaN();
  });

  it.each([
    [[1, 2], [1], 'one weight per arm: 2 counts, 1 weights'],
    [[1, -2], [1, 1], 'counts must be finite and non-negative, got [1, -2]'],
    [[1, 2], [1, NaN], 'weights must be finite and non-negative, got [1, NaN]'],
  ])('refuses counts %j with weights %j', (counts, weights, message) => {
    expect(() => sampleRatioMismatch(counts, weights)).toThrow(message);
  });
});
