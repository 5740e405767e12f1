import { chiSquareUpperTail } from './distributions.js';

export interface SampleRatioMismatch {
  readonly chiSquare: number;
  readonly df: number;
  readonly p: number;
  /** p < 0.001: the arms' sizes do not match their weights; assignment or reporting is broken. */
  readonly mismatch: boolean;
}

/** The p-value under which the arm sizes are taken not to follow the weights. */
export const SRM_P_THRESHOLD = 0.001;

/**
 * Sample ratio mismatch: Pearson's chi-square of the hosts per arm against the arm
 * weights, as R's `chisq.test(counts, p = weights / sum(weights))`.
 *
 * An arm with weight 0 and no hosts is left out (R would answer NaN); an arm with
 * weight 0 that has hosts is an infinite mismatch (p = 0). No hosts at all, or fewer
 * than two arms left: NaN and no mismatch.
 */
export function sampleRatioMismatch(
  counts: readonly number[],
  weights: readonly number[],
): SampleRatioMismatch {
  assertCountsAndWeights(counts, weights);
  const arms = counts
    .map((count, i) => ({ count, weight: weights[i]! }))
    .filter((arm) => arm.count > 0 || arm.weight > 0);
  const n = arms.reduce((sum, arm) => sum + arm.count, 0);
  const totalWeight = arms.reduce((sum, arm) => sum + arm.weight, 0);
  const df = arms.length - 1;
  if (n === 0 || df < 1) return { chiSquare: NaN, df, p: NaN, mismatch: false };

  let chiSquare = 0;
  for (const { count, weight } of arms) {
    const expected = n * (weight / totalWeight);
    chiSquare += (count - expected) ** 2 / expected;
  }
  const p = chiSquareUpperTail(chiSquare, df);
  return { chiSquare, df, p, mismatch: p < SRM_P_THRESHOLD };
}

/** Hosts per arm and the arms' weights, as both sample-ratio tests take them. */
export function assertCountsAndWeights(
  counts: readonly number[],
  weights: readonly number[],
): void {
  if (counts.length !== weights.length) {
    throw new RangeError(`one weight per arm: ${counts.length} counts, ${weights.length} weights`);
  }
  if (counts.some((c) => !(c >= 0 && c < Infinity))) {
    throw new RangeError(`counts must be finite and non-negative, got [${counts.join(', ')}]`);
  }
  if (weights.some((w) => !(w >= 0 && w < Infinity))) {
    throw new RangeError(`weights must be finite and non-negative, got [${weights.join(', ')}]`);
  }
}
