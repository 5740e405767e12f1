import type { Verdict } from '../domain/analysis.js';
import type { MetricDirection } from '../domain/metrics.js';

export { VERDICTS, type Verdict } from '../domain/analysis.js';

export interface VerdictInput {
  readonly direction: MetricDirection;
  /** Relative non-inferiority margin (0.02 = no more than 2% worse); none: never NO_WORSE. */
  readonly margin?: number | null;
  /** (treatment − baseline) / baseline and its interval. */
  readonly relativeDiff: number;
  readonly relCiLow: number;
  readonly relCiHigh: number;
  /** The p-value after Holm's correction across the experiment's metrics. */
  readonly adjustedP: number;
  readonly alpha?: number;
}

/**
 * One metric's verdict, in this order:
 * - BETTER: significant (adjustedP < alpha) and the change is an improvement;
 * - NO_WORSE: the interval excludes a degradation beyond the margin
 *   (lower is better: relCiHigh < margin; higher is better: relCiLow > −margin),
 *   even when a smaller degradation is significant;
 * - WORSE: significant and the change is a degradation;
 * - INCONCLUSIVE: anything else, including NaN inputs.
 *
 * The relative difference carries the direction, so it assumes a positive baseline
 * mean (a negative one flips its sign).
 */
export function verdict(input: VerdictInput): Verdict {
  const { direction, margin, relativeDiff, relCiLow, relCiHigh, adjustedP } = input;
  const alpha = input.alpha ?? 0.05;
  const lowerIsBetter = direction === 'LOWER_IS_BETTER';
  const improvement = lowerIsBetter ? relativeDiff < 0 : relativeDiff > 0;
  const degradation = lowerIsBetter ? relativeDiff > 0 : relativeDiff < 0;
  const significant = adjustedP < alpha;

  if (significant && improvement) return 'BETTER';
  if (margin !== undefined && margin !== null) {
    const withinMargin = lowerIsBetter ? relCiHigh < margin : relCiLow > -margin;
    if (withinMargin) return 'NO_WORSE';
  }
  if (significant && degradation) return 'WORSE';
  return 'INCONCLUSIVE';
}
