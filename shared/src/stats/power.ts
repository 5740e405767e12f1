import type { MetricDirection } from '../metrics/metric-catalogue.js';
import { normalQuantile } from './distributions.js';

export interface HostsNeededInput {
  /** Hosts per arm so far (for unequal arms, the smaller). */
  readonly nPerArm: number;
  /** Standard error of the relative difference at nPerArm (welchTest's seRelative). */
  readonly seRelative: number;
  /** The observed relative difference, taken as the true effect. */
  readonly relativeDiff: number;
  /** Relative non-inferiority margin (0.02 = 2% worse allowed); none: significance only. */
  readonly margin?: number | null;
  readonly direction: MetricDirection;
  readonly alpha?: number;
  readonly power?: number;
}

/**
 * How many more hosts per arm would likely make an inconclusive comparison decisive,
 * assuming the observed relative difference r is the true one and both arms grow in
 * the same proportion, so that the standard error shrinks as 1/√n:
 *
 *   se(N) = se · √(n / N)
 *
 * A result is decisive when its (1 − α) interval r ± z₁₋α/₂·se(N) clears a boundary
 * at distance g from r, which happens with the asked power when
 * g / se(N) ≥ z₁₋α/₂ + z_power, i.e.
 *
 *   N = n · ((z₁₋α/₂ + z_power) · se / g)²
 *
 * with two boundaries, and whichever needs fewer hosts wins:
 * - significance: the interval excludes 0 on the observed side, g = |r|;
 * - non-inferiority (with a margin): the interval excludes a degradation beyond the
 *   margin, g = margin − r when lower is better, r + margin when higher is better
 *   (only when r is on the good side of the margin, g > 0).
 *
 * Answers max(0, ⌈N − n⌉), or null when it cannot be estimated: fewer than 2 hosts,
 * no usable standard error, r = 0 with no margin to reach, or an absurd count.
 */
export function hostsNeeded(input: HostsNeededInput): number | null {
  const { nPerArm, seRelative, relativeDiff, margin, direction } = input;
  const alpha = input.alpha ?? 0.05;
  const power = input.power ?? 0.8;
  if (!(nPerArm >= 2) || !(seRelative > 0 && seRelative < Infinity)) return null;
  if (!Number.isFinite(relativeDiff)) return null;

  const gaps = [Math.abs(relativeDiff)];
  if (margin !== undefined && margin !== null) {
    gaps.push(direction === 'LOWER_IS_BETTER' ? margin - relativeDiff : relativeDiff + margin);
  }
  const z = normalQuantile(1 - alpha / 2) + normalQuantile(power);
  const needed = Math.min(
    ...gaps.filter((g) => g > 0).map((g) => nPerArm * ((z * seRelative) / g) ** 2),
  );
  // Math.min of nothing is Infinity. The tolerance keeps N = n (up to rounding) at 0.
  const more = Math.max(0, Math.ceil(needed - nPerArm - 1e-9));
  return Number.isSafeInteger(more) ? more : null;
}
