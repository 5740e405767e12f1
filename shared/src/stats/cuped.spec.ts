import { describe, expect, it } from '@jest/globals';
import { cuped } from './cuped.js';
import { welchTest } from './welch.js';

const hosts = (pre: number[], shift: number, noise: number[]) =>
  pre.map((p, i) => ({ pre: p, value: p + shift + noise[i]! }));

describe(cuped.name, () => {
  it('removes the variance the pre-period explains and keeps the effect', () => {
    const baseline = hosts([80, 120, 95, 140, 60, 110], 0, [0.5, -0.5, 0.25, 0, -0.25, 0.1]);
    const treatment = hosts([90, 130, 70, 150, 100, 85], -5, [-0.1, 0.3, 0, -0.4, 0.2, 0.1]);
    const raw = welchTest(
      baseline.map((h) => h.value),
      treatment.map((h) => h.value),
    );
    const r = cuped(baseline, treatment);
    expect(r.theta).toBeGreaterThan(0.9);
    expect(r.varianceReduction).toBeGreaterThan(0.99);
    expect(r.ciHigh - r.ciLow).toBeLessThan((raw.ciHigh - raw.ciLow) / 10);
    expect(r.ciLow).toBeLessThan(-5);
    expect(r.ciHigh).toBeGreaterThan(-5);
    expect(Math.abs(r.absoluteDiff + 5)).toBeLessThan(1);
  });

  it('leaves values alone when the pre-period is the same everywhere', () => {
    const baseline = [1, 2, 3].map((value) => ({ value, pre: 10 }));
    const treatment = [2, 3, 5].map((value) => ({ value, pre: 10 }));
    const r = cuped(baseline, treatment);
    expect(r.theta).toBe(0);
    expect(r.varianceReduction).toBe(0);
    expect(r.p).toBe(welchTest([1, 2, 3], [2, 3, 5]).p);
  });

  it('moves the difference only by θ times the difference in pre-period means', () => {
    const baseline = [
      { value: 10, pre: 1 },
      { value: 13, pre: 3 },
      { value: 11, pre: 2 },
    ];
    const treatment = [
      { value: 15, pre: 2 },
      { value: 18, pre: 4 },
      { value: 14, pre: 3 },
    ];
    const r = cuped(baseline, treatment);
    const rawDiff = 47 / 3 - 34 / 3;
    expect(r.absoluteDiff).toBeCloseTo(rawDiff - r.theta * (3 - 2), 12);

    const balanced = cuped(baseline, [
      { value: 15, pre: 1 },
      { value: 18, pre: 3 },
      { value: 14, pre: 2 },
    ]);
    expect(balanced.absoluteDiff).toBeCloseTo(rawDiff, 12);
  });
});
