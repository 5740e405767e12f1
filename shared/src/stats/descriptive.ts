/**
 * The arithmetic mean, with the second pass R's mean() makes: the first estimate is
 * corrected by the mean residual, which keeps large offsets (1e6 + small noise)
 * accurate. NaN for no values.
 */
export function mean(values: readonly number[]): number {
  const n = values.length;
  if (n === 0) return NaN;
  let sum = 0;
  for (const v of values) sum += v;
  const first = sum / n;
  if (!Number.isFinite(first)) return first;
  let residual = 0;
  for (const v of values) residual += v - first;
  return first + residual / n;
}

/** The sample variance (denominator n − 1), two-pass like R's var(). NaN below 2 values. */
export function sampleVariance(values: readonly number[], valuesMean = mean(values)): number {
  const n = values.length;
  if (n < 2) return NaN;
  let squares = 0;
  for (const v of values) squares += (v - valuesMean) ** 2;
  return squares / (n - 1);
}

/** The sample covariance (denominator n − 1) of paired values. NaN below 2 pairs. */
export function sampleCovariance(xs: readonly number[], ys: readonly number[]): number {
  if (xs.length !== ys.length) {
    throw new RangeError(`covariance needs paired values, got ${xs.length} and ${ys.length}`);
  }
  const n = xs.length;
  if (n < 2) return NaN;
  const xMean = mean(xs);
  const yMean = mean(ys);
  let products = 0;
  for (let i = 0; i < n; i++) products += (xs[i]! - xMean) * (ys[i]! - yMean);
  return products / (n - 1);
}

/** A sorted copy, ascending. */
export function sortedAscending(values: readonly number[]): number[] {
  return Array.from(Float64Array.from(values).sort());
}

/** The median of values already sorted ascending, like R's median(). NaN for none. */
export function medianOfSorted(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const half = Math.floor(n / 2);
  return n % 2 === 1 ? sorted[half]! : (sorted[half - 1]! + sorted[half]!) / 2;
}
