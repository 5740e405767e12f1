import { describe, expect, it } from '@jest/globals';
import { mannWhitney } from './mann-whitney.js';

/** Deterministic pseudo-normal values (sum of uniforms from a linear congruential generator). */
function noise(n: number, seed: number, mean: number, sd: number): number[] {
  let state = seed;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return Array.from({ length: n }, () => {
    let sum = 0;
    for (let i = 0; i < 12; i++) sum += uniform();
    return mean + (sum - 6) * sd;
  });
}

function pairwiseMedian(baseline: readonly number[], treatment: readonly number[]): number[] {
  const diffs = Float64Array.from(treatment.flatMap((t) => baseline.map((b) => t - b))).sort();
  const half = diffs.length / 2;
  return [diffs[half - 1]!, diffs[half]!];
}

describe(mannWhitney.name, () => {
  it('uses the exact distribution for small arms without ties', () => {
    const r = mannWhitney([1.1, 2.3, 0.4, 1.7], [2.9, 3.4, 2.2, 4.1, 3.3]);
    expect(r.method).toBe('exact');
    expect(r.w).toBe(19); // 4·5 = 20 pairs, treatment higher in all but 2.2 < 2.3
  });

  it('switches to the normal approximation with ties or 50 hosts in an arm', () => {
    expect(mannWhitney([1, 2, 3], [2, 4, 5]).method).toBe('normal');
    expect(mannWhitney(noise(50, 1, 0, 1), noise(3, 2, 0, 1)).method).toBe('normal');
    expect(mannWhitney(noise(49, 1, 0, 1), noise(49, 2, 0, 1)).method).toBe('exact');
  });

  it('mirrors when the arms are swapped', () => {
    const a = noise(12, 3, 10, 2);
    const b = noise(15, 4, 11, 2);
    const forward = mannWhitney(a, b);
    const back = mannWhitney(b, a);
    expect(back.p).toBeCloseTo(forward.p, 12);
    expect(back.shift).toBeCloseTo(-forward.shift, 12);
    expect(back.shiftCiLow).toBeCloseTo(-forward.shiftCiHigh, 12);
    expect(back.shiftCiHigh).toBeCloseTo(-forward.shiftCiLow, 12);
  });

  it('lowers the reported confidence where tiny arms cannot reach it', () => {
    const r = mannWhitney([3.1, 2.7, 3.6], [2.2, 2.9, 2.05]);
    expect(r.confidence).toBeCloseTo(0.9, 12);
    expect(mannWhitney(noise(20, 5, 0, 1), noise(20, 6, 0, 1)).confidence).toBe(0.95);
  });

  it('estimates the Hodges–Lehmann shift for large arms without forming every pair', () => {
    const baseline = noise(1500, 7, 100, 10);
    const treatment = noise(1200, 8, 97, 10);
    const r = mannWhitney(baseline, treatment);
    const [below, above] = pairwiseMedian(baseline, treatment);
    // R's root finder stops within 1e-4 of where the statistic crosses zero, which
    // is between the two middle pairwise differences.
    expect(r.shift).toBeGreaterThanOrEqual(below! - 1e-4);
    expect(r.shift).toBeLessThanOrEqual(above! + 1e-4);
    expect(r.shiftCiLow).toBeLessThan(r.shift);
    expect(r.shiftCiHigh).toBeGreaterThan(r.shift);
    expect(r.shiftCiLow).toBeLessThan(-3 + 1.5);
    expect(r.shiftCiHigh).toBeGreaterThan(-3 - 1.5);
    expect(r.p).toBeLessThan(1e-10);
  });

  it('handles arms of 50,000 hosts', () => {
    const r = mannWhitney(noise(50_000, 9, 5, 1), noise(50_000, 10, 5.02, 1));
    expect(r.method).toBe('normal');
    expect(r.shift).toBeGreaterThan(0);
    expect(r.shift).toBeLessThan(0.04);
  });

  it('gives the common difference as a point interval when both arms are constant (R stops)', () => {
    const r = mannWhitney([5, 5, 5, 5], [6, 6, 6]);
    expect([r.shift, r.shiftCiLow, r.shiftCiHigh]).toEqual([1, 1, 1]);
    expect(r.p).toBeGreaterThan(0);

    const same = mannWhitney([5, 5, 5], [5, 5]);
    expect([same.p, same.shift, same.shiftCiLow, same.shiftCiHigh]).toEqual([NaN, 0, 0, 0]);
  });

  it('drops values that are not finite', () => {
    expect(mannWhitney([1.5, NaN, 2.5, 0.5], [3, Infinity, 4])).toEqual(
      mannWhitney([1.5, 2.5, 0.5], [3, 4]),
    );
  });

  it('answers NaN for an empty arm', () => {
    const r = mannWhitney([], [1, 2, 3]);
    expect([r.nBaseline, r.nTreatment, r.w, r.p, r.shift, r.shiftCiLow, r.shiftCiHigh]).toEqual([
      0,
      3,
      NaN,
      NaN,
      NaN,
      NaN,
      NaN,
    ]);
  });

  it.each([0, 1.2, NaN])('refuses confidence %p', (confidence) => {
    expect(() => mannWhitney([1, 2], [3, 4], confidence)).toThrow(RangeError);
  });
});
