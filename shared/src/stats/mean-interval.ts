import { mean, sampleVariance } from './descriptive.js';
import { studentTQuantile } from './distributions.js';

export interface MeanInterval {
  n: number;
  mean: number;
  /** Null below two values: one value says nothing about its spread. */
  low: number | null;
  high: number | null;
}

/** The mean of values with its two-sided t interval at `level`, as R's t.test(x)$conf.int. */
export function meanInterval(values: readonly number[], level = 0.95): MeanInterval {
  const m = mean(values);
  return meanIntervalFromMoments(values.length, m, sampleVariance(values, m), level);
}

/** The same from the count, mean and sample variance (as SQL's avg and var_samp give them). */
export function meanIntervalFromMoments(
  n: number,
  valuesMean: number,
  variance: number,
  level = 0.95,
): MeanInterval {
  if (n < 2) return { n, mean: valuesMean, low: null, high: null };
  const halfWidth = studentTQuantile(1 - (1 - level) / 2, n - 1) * Math.sqrt(variance / n);
  return { n, mean: valuesMean, low: valuesMean - halfWidth, high: valuesMean + halfWidth };
}
