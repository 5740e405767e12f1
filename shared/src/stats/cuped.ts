import { mean, sampleCovariance, sampleVariance } from './descriptive.js';
import { armMoments, welchTest, type WelchResult } from './welch.js';

/** One host's metric value in the experiment window and in its pre-enrollment period. */
export interface CupedHost {
  readonly value: number;
  readonly pre: number;
}

export interface CupedResult extends WelchResult {
  /** cov(pre, value) / var(pre), pooled over both arms. */
  readonly theta: number;
  /**
   * Share of the variance of the difference estimate removed by the adjustment:
   * 1 − (varT/nT + varB/nB) adjusted ÷ the same unadjusted. 0.6 means the interval
   * is √0.4 ≈ 0.63 times as wide.
   */
  readonly varianceReduction: number;
}

/**
 * CUPED: each host's value adjusted by its pre-period value,
 * value − θ·(pre − mean(pre)), with θ and mean(pre) pooled over both arms (so the
 * adjustment cannot create a difference between arms), then Welch's test on the
 * adjusted values. The caller passes only hosts with both values.
 *
 * When θ cannot be estimated (fewer than 2 hosts, or the same pre value everywhere)
 * it is 0 and the values are left as they are.
 */
export function cuped(
  baseline: readonly CupedHost[],
  treatment: readonly CupedHost[],
  confidence = 0.95,
): CupedResult {
  const hosts = [...baseline, ...treatment];
  const pre = hosts.map((h) => h.pre);
  const preVariance = sampleVariance(pre);
  const estimated =
    sampleCovariance(
      pre,
      hosts.map((h) => h.value),
    ) / preVariance;
  const theta = Number.isFinite(estimated) ? estimated : 0;
  const preMean = mean(pre);
  const adjust = (arm: readonly CupedHost[]): number[] =>
    arm.map((h) => h.value - theta * (h.pre - preMean));

  const adjustedBaseline = adjust(baseline);
  const adjustedTreatment = adjust(treatment);
  const result = welchTest(adjustedBaseline, adjustedTreatment, confidence);
  const raw = differenceVariance(
    baseline.map((h) => h.value),
    treatment.map((h) => h.value),
  );
  const adjusted = differenceVariance(adjustedBaseline, adjustedTreatment);
  return { ...result, theta, varianceReduction: 1 - adjusted / raw };
}

function differenceVariance(baseline: readonly number[], treatment: readonly number[]): number {
  const b = armMoments(baseline);
  const t = armMoments(treatment);
  return b.variance / b.n + t.variance / t.n;
}
