import { cupedFromMoments, type CupedMoments } from './cuped.js';
import { welchFromMoments, type ArmMoments, type WelchResult } from './welch.js';

/**
 * Anytime-valid inference for the difference of two arms' means: the asymptotic
 * confidence sequence of Waudby-Smith, Arbour, Sinha, Kennedy and Ramdas (2023),
 * "Time-uniform central limit theory and asymptotic confidence sequences", eq. (9)
 * (Robbins' normal mixture, Howard et al. 2021), in the two-sample form GrowthBook's
 * sequential engine uses. With n hosts in the two arms together and the estimate's
 * standard error SE,
 *
 *   estimate ± SE · √( 2(nρ² + 1) / (nρ²) · ln( √(nρ² + 1) / α ) )
 *
 * covers the true difference at every n at once with probability 1 − α (as n grows),
 * so looking every day, or every minute, does not raise the error rate. ρ is fixed
 * before the first look from the planned hosts N (both arms):
 *
 *   ρ² = ( −2 ln α + ln(1 − 2 ln α) ) / N
 *
 * (the paper's approximate minimiser of the width at n = N, GrowthBook's tuning
 * parameter). It makes the sequence narrowest near the plan; it never affects validity.
 *
 * The anytime-valid p-value is the smallest α at which the sequence excludes 0, i.e. the
 * reciprocal of the mixture e-value (the paper's eq. 155), capped at 1:
 *
 *   p = min(1, √(nρ² + 1) · exp( −nρ² z² / (2(nρ² + 1)) )),   z = estimate / SE.
 *
 * Only n and SE enter, so everything follows from per-arm counts, means and variances.
 */

/** The error rate the sequences are built for: 95% intervals, p < 0.05. */
export const SEQUENTIAL_ALPHA = 0.05;

/**
 * Hosts per arm the sequence is tuned for when an experiment names none: the width
 * grows steeply below the plan and only slowly above it (about 20% wider at a
 * hundred times the plan), so a small plan is the safer guess.
 */
export const DEFAULT_PLANNED_HOSTS_PER_ARM = 100;

export interface SequentialPlan {
  /** Hosts per arm the experiment plans to reach: the sequence is narrowest there. */
  readonly plannedHostsPerArm: number;
}

export interface SequentialResult {
  /** Hosts in both arms together: the sequence's "time". */
  readonly n: number;
  /** ρ² of the normal mixture. */
  readonly rho2: number;
  /** How many standard errors the half-width is (1.96 for a fixed-horizon interval). */
  readonly multiplier: number;
  readonly absoluteDiff: number;
  readonly standardError: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  /** Anytime-valid, two-sided; NaN where Welch's p is (constant or too small arms). */
  readonly p: number;
  readonly relativeDiff: number;
  readonly seRelative: number;
  readonly relCiLow: number;
  readonly relCiHigh: number;
}

/** ρ² tuned so that the sequence is narrowest after `plannedHosts` (both arms). */
export function mixingRho2(plannedHosts: number, alpha = SEQUENTIAL_ALPHA): number {
  if (!(plannedHosts > 0 && plannedHosts < Infinity)) {
    throw new RangeError(`planned hosts must be positive, got ${plannedHosts}`);
  }
  assertAlpha(alpha);
  const logAlpha = Math.log(alpha);
  return (-2 * logAlpha + Math.log(1 - 2 * logAlpha)) / plannedHosts;
}

/** The half-width in standard errors after n hosts. */
export function boundaryMultiplier(n: number, rho2: number, alpha = SEQUENTIAL_ALPHA): number {
  assertAlpha(alpha);
  if (!(n > 0)) return NaN;
  const v = n * rho2;
  return Math.sqrt((2 * (v + 1) * Math.log(Math.sqrt(v + 1) / alpha)) / v);
}

/** The smallest α whose sequence excludes 0, for z = estimate / SE after n hosts. */
export function anytimeValidP(z: number, n: number, rho2: number): number {
  if (!Number.isFinite(z) || !(n > 0)) return NaN;
  const v = n * rho2;
  // In logs: the e-value overflows long before its reciprocal stops being useful.
  const logP = 0.5 * Math.log(v + 1) - (v * z * z) / (2 * (v + 1));
  return Math.min(1, Math.exp(logP));
}

/**
 * The confidence sequence around any Welch-type result (plain or CUPED-adjusted): its
 * differences and standard errors, a wider boundary. `n` is the hosts behind it.
 */
export function confidenceSequence(
  result: WelchResult,
  n: number,
  plan: SequentialPlan,
): SequentialResult {
  const rho2 = mixingRho2(2 * plan.plannedHostsPerArm);
  const multiplier = boundaryMultiplier(n, rho2);
  const around = (estimate: number, se: number): [number, number] =>
    // A constant arm pair has SE 0: the interval is the point, as welchTest gives it.
    se === 0 ? [estimate, estimate] : [estimate - multiplier * se, estimate + multiplier * se];
  const [ciLow, ciHigh] = around(result.absoluteDiff, result.standardError);
  const [relCiLow, relCiHigh] = around(result.relativeDiff, result.seRelative);
  return {
    n,
    rho2,
    multiplier,
    absoluteDiff: result.absoluteDiff,
    standardError: result.standardError,
    ciLow,
    ciHigh,
    // Welch's t is estimate / SE, NaN exactly where no p-value can be given.
    p: anytimeValidP(result.t, n, rho2),
    relativeDiff: result.relativeDiff,
    seRelative: result.seRelative,
    relCiLow,
    relCiHigh,
  };
}

/** The sequence for treatment − baseline from each arm's size, mean and variance. */
export function sequentialFromMoments(
  baseline: ArmMoments,
  treatment: ArmMoments,
  plan: SequentialPlan,
): SequentialResult {
  return confidenceSequence(welchFromMoments(baseline, treatment), baseline.n + treatment.n, plan);
}

/**
 * CUPED's adjusted difference with the same boundary, over the hosts that have a
 * pre-period value. θ is estimated from the data at each look, which the paper's
 * regression-adjusted sequences allow asymptotically.
 */
export function sequentialCupedFromMoments(
  baseline: CupedMoments,
  treatment: CupedMoments,
  plan: SequentialPlan,
): SequentialResult {
  return confidenceSequence(cupedFromMoments(baseline, treatment), baseline.n + treatment.n, plan);
}

function assertAlpha(alpha: number): void {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
}
