/**
 * Sample quantiles by R's default definition (`quantile(x, probs, type = 7)`): linear
 * interpolation between the order statistics around 1 + (n − 1)·q. NaN for no values.
 */
export function quantilesType7(values: readonly number[], probs: readonly number[]): number[] {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  return probs.map((q) => {
    checkProbability(q);
    if (n === 0) return NaN;
    // 1-based like R, so that h rounds exactly as R's does.
    const index = 1 + (n - 1) * q;
    const lo = Math.floor(index);
    const hi = Math.ceil(index);
    const low = sorted[lo - 1]!;
    const high = sorted[hi - 1]!;
    if (!(index > lo && high !== low)) return low;
    const h = index - lo;
    return (1 - h) * low + h * high;
  });
}

/**
 * The lower-rank order statistic sorted[floor(q·(n − 1))]: no interpolation, always
 * a value that occurred. The definition the histogram sketch's quantile follows, so
 * the two can be compared. NaN for no values.
 */
export function lowerRankQuantiles(values: readonly number[], probs: readonly number[]): number[] {
  const sorted = Float64Array.from(values).sort();
  return probs.map((q) => {
    checkProbability(q);
    return sorted.length === 0 ? NaN : sorted[Math.floor(q * (sorted.length - 1))]!;
  });
}

function checkProbability(q: number): void {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be between 0 and 1, got ${q}`);
}
