// The distribution functions come from stdlib (ports of Cephes and Boost, pure
// JavaScript, CommonJS with their own typings), so none is written here; these
// wrappers only fix the parameters the engine uses.
import gammainc from '@stdlib/math-base-special-gammainc';
import normalCdfOf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantileOf from '@stdlib/stats-base-dists-normal-quantile';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/** P(T ≤ t) for Student's t with `df` degrees of freedom (df may be fractional). */
export function studentTCdf(t: number, df: number): number {
  return tCdf(t, df);
}

/** The t with P(T ≤ t) = p. */
export function studentTQuantile(p: number, df: number): number {
  return tQuantile(p, df);
}

/** P(Z ≤ z) for the standard normal. */
export function normalCdf(z: number): number {
  return normalCdfOf(z, 0, 1);
}

/** The z with P(Z ≤ z) = p for the standard normal. */
export function normalQuantile(p: number): number {
  return normalQuantileOf(p, 0, 1);
}

/**
 * P(X ≥ x) for chi-square with `df` degrees of freedom: the upper regularised
 * incomplete gamma, computed directly so that tiny p-values keep their precision
 * (1 − CDF would round them to 0).
 */
export function chiSquareUpperTail(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  return gammainc(x / 2, df / 2, true, true);
}
