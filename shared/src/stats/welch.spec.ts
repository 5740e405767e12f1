import { describe, expect, it } from '@jest/globals';
import { armMoments, welchFromMoments, welchTest } from './welch.js';

describe(welchTest.name, () => {
  it('reports treatment − baseline with an interval around it', () => {
    const r = welchTest([10, 12, 11, 13, 9], [14, 15, 13, 16, 17]);
    expect(r.absoluteDiff).toBeCloseTo(4, 12);
    expect(r.ciLow).toBeLessThan(4);
    expect(r.ciHigh).toBeGreaterThan(4);
    expect(r.relativeDiff).toBeCloseTo(4 / 11, 12);
    expect(r.relCiLow).toBeLessThan(r.relativeDiff);
    expect(r.relCiHigh).toBeGreaterThan(r.relativeDiff);
    expect(r.p).toBeLessThan(0.01);
  });

  it('widens the interval with the confidence asked for', () => {
    const baseline = [3.1, 2.7, 3.6, 3.3, 2.9];
    const treatment = [2.2, 2.9, 2.05, 2.6];
    const at90 = welchTest(baseline, treatment, 0.9);
    const at99 = welchTest(baseline, treatment, 0.99);
    expect(at99.ciHigh - at99.ciLow).toBeGreaterThan(at90.ciHigh - at90.ciLow);
    expect(at99.relCiHigh - at99.relCiLow).toBeGreaterThan(at90.relCiHigh - at90.relCiLow);
    expect(at99.p).toBe(at90.p);
  });

  it('answers NaN for the test when an arm has fewer than 2 hosts (R stops)', () => {
    const r = welchTest([42], [40, 41, 45]);
    expect(r).toEqual({
      nBaseline: 1,
      nTreatment: 3,
      meanBaseline: 42,
      meanTreatment: 42,
      absoluteDiff: 0,
      standardError: NaN,
      ciLow: NaN,
      ciHigh: NaN,
      t: NaN,
      df: NaN,
      p: NaN,
      relativeDiff: 0,
      relCiLow: NaN,
      relCiHigh: NaN,
      seRelative: NaN,
    });
  });

  it('answers NaN means for an empty arm', () => {
    const r = welchTest([], [1, 2]);
    expect([r.nBaseline, r.meanBaseline, r.absoluteDiff, r.relativeDiff, r.p]).toEqual([
      0,
      NaN,
      NaN,
      NaN,
      NaN,
    ]);
  });

  it('gives a point interval and no p-value when both arms are constant (R stops)', () => {
    const same = welchTest([5, 5, 5], [5, 5, 5, 5]);
    expect([same.p, same.t, same.df, same.ciLow, same.ciHigh]).toEqual([NaN, NaN, NaN, 0, 0]);
    expect([same.relCiLow, same.relCiHigh]).toEqual([0, 0]);

    const apart = welchTest([5, 5, 5], [6, 6, 6, 6]);
    expect([apart.p, apart.ciLow, apart.ciHigh]).toEqual([NaN, 1, 1]);
    expect([apart.relativeDiff, apart.relCiLow, apart.relCiHigh]).toEqual([0.2, 0.2, 0.2]);
  });

  it('uses R\'s "essentially constant" rule for spreads lost in rounding', () => {
    const r = welchTest([1e9, 1e9, 1e9], [1e9, 1e9, 1e9 + 1e-6]);
    expect(r.p).toBeNaN();
    expect(r.ciLow).toBe(r.absoluteDiff);
  });

  it('tests normally when only one arm is constant', () => {
    const r = welchTest([7, 7, 7, 7], [7.5, 8.1, 6.9, 7.7]);
    expect(r.df).toBeCloseTo(3, 12);
    expect(r.p).toBeGreaterThan(0);
    expect(r.p).toBeLessThan(1);
  });

  it('has no relative difference when the baseline mean is 0', () => {
    const r = welchTest([-1, 1, -2, 2], [1, 2, 3, 4]);
    expect(r.absoluteDiff).toBe(2.5);
    expect([r.relativeDiff, r.relCiLow, r.relCiHigh, r.seRelative]).toEqual([NaN, NaN, NaN, NaN]);
  });

  it.each([0, 1, -0.5, NaN])('refuses confidence %p', (confidence) => {
    expect(() => welchTest([1, 2], [3, 4], confidence)).toThrow(
      `confidence must be between 0 and 1, got ${confidence}`,
    );
  });
});

describe(welchFromMoments.name, () => {
  it('gives what welchTest gives for the raw values', () => {
    const baseline = [12.5, 11.25, 14, 13.5, 12, 15.75];
    const treatment = [11, 10.5, 12.25, 9.75, 11.5];
    expect(welchFromMoments(armMoments(baseline), armMoments(treatment), 0.9)).toEqual(
      welchTest(baseline, treatment, 0.9),
    );
  });
});
