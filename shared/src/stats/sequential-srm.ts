import gammaln from '@stdlib/math-base-special-gammaln';
import { assertCountsAndWeights, SRM_P_THRESHOLD } from './srm.js';

export interface SequentialSampleRatio {
  /** ln of the Bayes factor of a Dirichlet mixture of splits against the weights' split. */
  readonly logBayesFactor: number;
  /** Anytime-valid p-value: min(1, 1 / Bayes factor). */
  readonly p: number;
  /** p < SRM_P_THRESHOLD: the arms' sizes do not follow the weights. */
  readonly mismatch: boolean;
}

/**
 * How strongly the Dirichlet mixture is centred on the intended split: a prior worth
 * this many hosts (Lindon's reference implementation takes 100).
 */
export const SRM_DIRICHLET_CONCENTRATION = 100;

/**
 * Sequential sample ratio mismatch test (Lindon & Malek 2022, "Anytime-valid inference
 * for multinomial count data", the sequential SRM test GrowthBook and Optimizely use).
 * Under the intended split p each host lands in arm i with probability pᵢ; the
 * alternative mixes over splits drawn from Dirichlet(k·p). The Bayes factor of the
 * counts xᵢ (n in all, multinomial coefficients cancel),
 *
 *   BF = Γ(k) / Γ(k + n) · Πᵢ Γ(k pᵢ + xᵢ) / Γ(k pᵢ) / Πᵢ pᵢ^xᵢ,
 *
 * is a martingale under the intended split, so by Ville's inequality it ever exceeds
 * 1/α with probability at most α: p = min(1, 1/BF) may be read after every host and
 * still fails a healthy experiment at most α of the time. It needs only the current
 * counts. Arms with weight 0 and no hosts are left out; hosts in an arm of weight 0
 * are an infinite mismatch (p = 0).
 */
export function sequentialSampleRatioMismatch(
  counts: readonly number[],
  weights: readonly number[],
  concentration = SRM_DIRICHLET_CONCENTRATION,
): SequentialSampleRatio {
  assertCountsAndWeights(counts, weights);
  if (!(concentration > 0 && concentration < Infinity)) {
    throw new RangeError(`concentration must be positive, got ${concentration}`);
  }
  const arms = counts
    .map((count, i) => ({ count, weight: weights[i]! }))
    .filter((arm) => arm.count > 0 || arm.weight > 0);
  const n = arms.reduce((sum, arm) => sum + arm.count, 0);
  if (n === 0 || arms.length < 2) return { logBayesFactor: NaN, p: NaN, mismatch: false };
  if (arms.some((arm) => arm.weight === 0)) {
    return { logBayesFactor: Infinity, p: 0, mismatch: true };
  }
  const totalWeight = arms.reduce((sum, arm) => sum + arm.weight, 0);
  let logBayesFactor = gammaln(concentration) - gammaln(concentration + n);
  for (const { count, weight } of arms) {
    const share = weight / totalWeight;
    const prior = concentration * share;
    logBayesFactor += gammaln(prior + count) - gammaln(prior) - count * Math.log(share);
  }
  const p = Math.min(1, Math.exp(-logBayesFactor));
  return { logBayesFactor, p, mismatch: p < SRM_P_THRESHOLD };
}
