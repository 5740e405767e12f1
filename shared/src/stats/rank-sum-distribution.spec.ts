import { describe, expect, it } from '@jest/globals';
import { rankSumCdf, rankSumCounts, rankSumQuantile } from './rank-sum-distribution.js';

function choose(n: number, k: number): number {
  let r = 1;
  for (let j = 1; j <= k; j++) r = (r * (n - k + j)) / j;
  return r;
}

describe(rankSumCounts.name, () => {
  it('counts the orderings of two samples by U', () => {
    // m = 2, n = 2: the 6 orderings xxyy..yyxx give U = 0, 1, 2, 2, 3, 4.
    expect(Array.from(rankSumCounts(2, 2))).toEqual([1, 1, 2, 1, 1]);
    expect(Array.from(rankSumCounts(1, 3))).toEqual([1, 1, 1, 1]);
  });

  it.each([
    [3, 7],
    [12, 5],
    [20, 20],
  ])('sums to C(m + n, m) and is symmetric for m = %i, n = %i', (m, n) => {
    const counts = Array.from(rankSumCounts(m, n));
    expect(counts).toHaveLength(m * n + 1);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(choose(m + n, m));
    expect(counts).toEqual([...counts].reverse());
    expect(Array.from(rankSumCounts(n, m))).toEqual(counts);
  });
});

describe(rankSumCdf.name, () => {
  it('is 0 below the support and 1 at its top', () => {
    expect(rankSumCdf(-1, 4, 5)).toBe(0);
    expect(rankSumCdf(20, 4, 5)).toBe(1);
    expect(rankSumCdf(20, 4, 5, false)).toBe(0);
  });

  it('adds both tails to 1', () => {
    for (let q = 0; q < 30; q++) {
      expect(rankSumCdf(q, 5, 6) + rankSumCdf(q, 5, 6, false)).toBeCloseTo(1, 14);
    }
  });
});

describe(rankSumQuantile.name, () => {
  it('is the smallest U whose lower tail reaches p', () => {
    for (const p of [0.01, 0.025, 0.1, 0.3, 0.7, 0.9]) {
      const q = rankSumQuantile(p, 6, 8);
      expect(rankSumCdf(q, 6, 8)).toBeGreaterThanOrEqual(p - 1e-12);
      if (q > 0) expect(rankSumCdf(q - 1, 6, 8)).toBeLessThan(p);
    }
  });

  it('answers the ends for 0 and 1 and NaN outside', () => {
    expect([0, 1, -0.1, NaN].map((p) => rankSumQuantile(p, 3, 4))).toEqual([0, 12, NaN, NaN]);
  });
});
