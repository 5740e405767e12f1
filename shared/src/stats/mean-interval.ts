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
  const n = values.length;
  const m = mean(values);
  if (n < 2) return { n, mean: m, low: null, high: null };
  const halfWidth =
    studentTQuantile(1 - (1 - level) / 2, n - 1) * Math.sqrt(sampleVariance(values, m) / n);
  return { n, mean: m, low: m - halfWidth, high: m + halfWidth };
}
