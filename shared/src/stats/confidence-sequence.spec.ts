import { describe, expect, it } from '@jest/globals';
import {
  anytimeValidP,
  boundaryMultiplier,
  confidenceSequence,
  mixingRho2,
  sequentialFromMoments,
  SEQUENTIAL_ALPHA,
} from './confidence-sequence.js';
import { normalQuantile } from './distributions.js';
import { welchFromMoments } from './welch.js';

const plan = { plannedHostsPerArm: 100 };

/** A small seeded generator (mulberry32) and standard normals from it (Box-Muller). */
function normals(seed: number): () => number {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

describe(boundaryMultiplier.name, () => {
  it('is narrowest near the planned hosts and wider than a fixed-horizon interval everywhere', () => {
    const rho2 = mixingRho2(200);
    const widths = [2, 20, 100, 200, 400, 2000, 20000].map((n) => boundaryMultiplier(n, rho2));
    const narrowest = widths.indexOf(Math.min(...widths));
    expect([200, 400]).toContain([2, 20, 100, 200, 400, 2000, 20000][narrowest]);
    for (const w of widths) expect(w).toBeGreaterThan(normalQuantile(0.975));
    // Past the plan it widens slowly; before it, steeply.
    expect(boundaryMultiplier(20000, rho2) / boundaryMultiplier(200, rho2)).toBeLessThan(1.2);
    expect(boundaryMultiplier(2, rho2) / boundaryMultiplier(200, rho2)).toBeGreaterThan(2.5);
  });

  it('is about 3.04 standard errors at the plan for 95%', () => {
    expect(boundaryMultiplier(200, mixingRho2(200))).toBeCloseTo(3.035, 3);
  });

  it('refuses a plan or an alpha that makes no sense', () => {
    expect(() => mixingRho2(0)).toThrow(RangeError);
    expect(() => mixingRho2(Infinity)).toThrow(RangeError);
    expect(() => mixingRho2(100, 1)).toThrow(RangeError);
    expect(boundaryMultiplier(0, 0.1)).toBeNaN();
  });
});

describe(anytimeValidP.name, () => {
  it('is below alpha exactly when the sequence excludes 0', () => {
    const rho2 = mixingRho2(200);
    for (const n of [10, 200, 5000]) {
      const m = boundaryMultiplier(n, rho2);
      expect(anytimeValidP(m * 1.0001, n, rho2)).toBeLessThan(SEQUENTIAL_ALPHA);
      expect(anytimeValidP(m * 0.9999, n, rho2)).toBeGreaterThan(SEQUENTIAL_ALPHA);
      expect(anytimeValidP(m, n, rho2)).toBeCloseTo(SEQUENTIAL_ALPHA, 12);
    }
  });

  it('is 1 without evidence and stays positive with overwhelming evidence', () => {
    expect(anytimeValidP(0, 100, 0.04)).toBe(1);
    expect(anytimeValidP(37, 10000, 0.04)).toBeGreaterThan(0);
    expect(anytimeValidP(37, 10000, 0.04)).toBeLessThan(1e-290);
    expect(anytimeValidP(NaN, 100, 0.04)).toBeNaN();
  });
});

describe(sequentialFromMoments.name, () => {
  it('keeps the estimates of Welch and widens the interval around them', () => {
    const b = { n: 40, mean: 100, variance: 225 };
    const t = { n: 45, mean: 92, variance: 196 };
    const welch = welchFromMoments(b, t);
    const s = sequentialFromMoments(b, t, plan);
    expect(s.absoluteDiff).toBe(welch.absoluteDiff);
    expect(s.relativeDiff).toBe(welch.relativeDiff);
    expect(s.ciLow).toBeLessThan(welch.ciLow);
    expect(s.ciHigh).toBeGreaterThan(welch.ciHigh);
    expect(s.relCiHigh - s.relCiLow).toBeGreaterThan(welch.relCiHigh - welch.relCiLow);
    expect(s.p).toBeGreaterThan(welch.p);
    expect(s.n).toBe(85);
  });

  it('answers NaN below two hosts an arm and a point for constant arms', () => {
    const tiny = sequentialFromMoments(
      { n: 1, mean: 3, variance: NaN },
      { n: 5, mean: 4, variance: 1 },
      plan,
    );
    expect(tiny.ciLow).toBeNaN();
    expect(tiny.p).toBeNaN();
    const constant = sequentialFromMoments(
      { n: 5, mean: 7, variance: 0 },
      { n: 5, mean: 8, variance: 0 },
      plan,
    );
    expect([constant.ciLow, constant.ciHigh]).toEqual([1, 1]);
    expect(constant.p).toBeNaN();
  });

  it('reads a CUPED or any other Welch-type result the same way', () => {
    const welch = welchFromMoments(
      { n: 30, mean: 10, variance: 4 },
      { n: 30, mean: 11, variance: 4 },
    );
    expect(confidenceSequence(welch, 60, plan)).toEqual(
      sequentialFromMoments(
        { n: 30, mean: 10, variance: 4 },
        { n: 30, mean: 11, variance: 4 },
        plan,
      ),
    );
  });

  // Time-uniform validity, looked at after every 10 new hosts per arm up to 1,000: the
  // share of A/A runs whose sequence ever excludes 0 stays under α, where the
  // fixed-horizon interval at each look does so far more often.
  it('keeps the error rate over many looks', () => {
    const z = normals(20261204);
    const runs = 400;
    let sequentialErrors = 0;
    let fixedErrors = 0;
    for (let run = 0; run < runs; run++) {
      const sums = [0, 0];
      const squares = [0, 0];
      let n = 0;
      let sequentialHit = false;
      let fixedHit = false;
      for (let look = 1; look <= 100; look++) {
        for (let i = 0; i < 10; i++) {
          for (const arm of [0, 1]) {
            const x = 100 + 15 * z();
            sums[arm]! += x;
            squares[arm]! += x * x;
          }
          n++;
        }
        const moments = [0, 1].map((arm) => ({
          n,
          mean: sums[arm]! / n,
          variance: (squares[arm]! - sums[arm]! ** 2 / n) / (n - 1),
        }));
        sequentialHit ||= sequentialFromMoments(moments[0]!, moments[1]!, plan).p < 0.05;
        fixedHit ||= welchFromMoments(moments[0]!, moments[1]!).p < 0.05;
      }
      if (sequentialHit) sequentialErrors++;
      if (fixedHit) fixedErrors++;
    }
    expect(sequentialErrors / runs).toBeLessThanOrEqual(0.05);
    expect(fixedErrors / runs).toBeGreaterThan(0.2);
  });
});
