import { describe, expect, it } from '@jest/globals';
import {
  chiSquareUpperTail,
  normalCdf,
  normalQuantile,
  studentTCdf,
  studentTQuantile,
} from './distributions.js';

// Reference values from R: qnorm(0.975), pt(-2, 5), qt(0.975, 5), pchisq(460, 1, lower.tail = FALSE).
describe(normalQuantile.name, () => {
  it('matches qnorm', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalCdf(normalQuantile(0.3))).toBeCloseTo(0.3, 14);
  });
});

describe(studentTCdf.name, () => {
  it('matches pt and qt, including fractional degrees of freedom', () => {
    expect(studentTCdf(-2, 5)).toBeCloseTo(0.05096973941492914, 14);
    expect(studentTQuantile(0.975, 5)).toBeCloseTo(2.570581835636314, 12);
    expect(studentTCdf(studentTQuantile(0.9, 7.3), 7.3)).toBeCloseTo(0.9, 12);
  });
});

describe(chiSquareUpperTail.name, () => {
  it('keeps tiny upper tails', () => {
    const p = chiSquareUpperTail(460, 1);
    expect(Math.abs(p / 4.80718976497e-102 - 1)).toBeLessThan(1e-9);
  });

  it('handles the edges', () => {
    expect([
      chiSquareUpperTail(0, 3),
      chiSquareUpperTail(-1, 3),
      chiSquareUpperTail(Infinity, 3),
      chiSquareUpperTail(NaN, 3),
      chiSquareUpperTail(1, 0),
    ]).toEqual([1, 1, 0, NaN, NaN]);
  });
});
