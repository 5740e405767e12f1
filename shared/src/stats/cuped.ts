import { mean, sampleCovariance, sampleVariance } from './descriptive.js';
import { armMoments, welchFromMoments, welchTest, type WelchResult } from './welch.js';

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

/**
 * What CUPED needs of one arm's hosts (those with a pre-period value): how many, the
 * means of value (y) and pre-period value (x), and the sums of squares and cross
 * products about those means. A rollup keeps them; no host-level rows are needed.
 */
export interface CupedMoments {
  readonly n: number;
  readonly meanY: number;
  readonly meanX: number;
  /** Σ(y − ȳ)² */
  readonly syy: number;
  /** Σ(x − x̄)² */
  readonly sxx: number;
  /** Σ(x − x̄)(y − ȳ) */
  readonly sxy: number;
}

/** The moments of a list of hosts, for tests and small arms. */
export function cupedMoments(hosts: readonly CupedHost[]): CupedMoments {
  const n = hosts.length;
  const meanY = mean(hosts.map((h) => h.value));
  const meanX = mean(hosts.map((h) => h.pre));
  let syy = 0;
  let sxx = 0;
  let sxy = 0;
  for (const h of hosts) {
    syy += (h.value - meanY) ** 2;
    sxx += (h.pre - meanX) ** 2;
    sxy += (h.pre - meanX) * (h.value - meanY);
  }
  return { n, meanY, meanX, syy, sxx, sxy };
}

/**
 * cuped from each arm's moments: θ and mean(pre) pooled over both arms, each arm's
 * adjusted mean ȳ − θ(x̄ − mean(pre)) and variance (syy − 2θ·sxy + θ²·sxx)/(n − 1), then
 * Welch's test. Equal to cuped over the hosts up to rounding.
 */
export function cupedFromMoments(
  baseline: CupedMoments,
  treatment: CupedMoments,
  confidence = 0.95,
): CupedResult {
  const n = baseline.n + treatment.n;
  const pooledX = (baseline.n * baseline.meanX + treatment.n * treatment.meanX) / n;
  const pooledY = (baseline.n * baseline.meanY + treatment.n * treatment.meanY) / n;
  const between = (arm: CupedMoments, a: number, b: number): number => arm.n * a * b;
  const sxx =
    baseline.sxx +
    treatment.sxx +
    between(baseline, baseline.meanX - pooledX, baseline.meanX - pooledX) +
    between(treatment, treatment.meanX - pooledX, treatment.meanX - pooledX);
  const sxy =
    baseline.sxy +
    treatment.sxy +
    between(baseline, baseline.meanX - pooledX, baseline.meanY - pooledY) +
    between(treatment, treatment.meanX - pooledX, treatment.meanY - pooledY);
  const estimated = sxy / sxx;
  const theta = Number.isFinite(estimated) && n >= 2 ? estimated : 0;
  const adjusted = (arm: CupedMoments) => ({
    n: arm.n,
    mean: arm.meanY - theta * (arm.meanX - pooledX),
    variance: (arm.syy - 2 * theta * arm.sxy + theta * theta * arm.sxx) / (arm.n - 1),
  });
  const b = adjusted(baseline);
  const t = adjusted(treatment);
  const result = welchFromMoments(b, t, confidence);
  const raw =
    baseline.syy / (baseline.n - 1) / baseline.n + treatment.syy / (treatment.n - 1) / treatment.n;
  const after = b.variance / b.n + t.variance / t.n;
  return { ...result, theta, varianceReduction: 1 - after / raw };
}
