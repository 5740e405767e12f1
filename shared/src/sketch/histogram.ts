import { describeValue } from '../describe-value.js';
import { sketchBucketBounds, sketchBucketOf, sketchBucketValue } from './log-buckets.js';

export interface HistogramBucket {
  /** Key from sketchBucketOf. */
  readonly bucket: number;
  readonly count: number;
}

/**
 * How many values fell in each log bucket: percentiles within
 * SKETCH_RELATIVE_ACCURACY, at a size that grows with the range of the values, not
 * their number. Plain data in the shape of the SQL rows `(bucket, count)`, so it
 * travels as JSON. Buckets ascend by key (so by value), each key once, every count a
 * whole number above zero; build histograms with the functions here to keep that so.
 */
export interface Histogram {
  readonly buckets: readonly HistogramBucket[];
}

/** A plotting bin: `count` values between `from` and `to`. */
export interface HistogramBin {
  readonly from: number;
  readonly to: number;
  readonly count: number;
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

export function emptyHistogram(): Histogram {
  return { buckets: [] };
}

/**
 * A histogram from `(bucket, count)` rows in any order; rows with the same key add up,
 * so rows of several series merge here too. Rejects what cannot be a stored row,
 * including counts that arrive as strings (node-postgres returns bigint sums as text).
 */
export function histogramFromBuckets(
  rows: Iterable<{ readonly bucket: number; readonly count: number }>,
): Histogram {
  const counts = new Map<number, number>();
  for (const { bucket, count } of rows) {
    if (!Number.isInteger(bucket) || bucket < INT32_MIN || bucket > INT32_MAX) {
      throw new RangeError(`bucket must be a 32-bit whole number, got ${describeValue(bucket)}`);
    }
    if (!Number.isSafeInteger(count) || count < 0) {
      throw new RangeError(
        `count of bucket ${bucket} must be a whole number >= 0, got ${describeValue(count)}`,
      );
    }
    counts.set(bucket, (counts.get(bucket) ?? 0) + count);
  }
  const buckets = [...counts]
    .filter(([, count]) => count > 0)
    .map(([bucket, count]) => ({ bucket, count }))
    .sort((a, b) => a.bucket - b.bucket);
  return { buckets };
}

/** The histogram of many values at once; addValue in a loop would copy it every time. */
export function histogramOf(values: Iterable<number>): Histogram {
  function* rows() {
    for (const value of values) yield { bucket: sketchBucketOf(value), count: 1 };
  }
  return histogramFromBuckets(rows());
}

/** A new histogram with `value` added `count` times; `h` is left as it was. */
export function addValue(h: Histogram, value: number, count = 1): Histogram {
  return histogramFromBuckets([...h.buckets, { bucket: sketchBucketOf(value), count }]);
}

/** Exactly the histogram of all their values together. */
export function mergeHistograms(...histograms: readonly Histogram[]): Histogram {
  return histogramFromBuckets(histograms.flatMap((h) => h.buckets));
}

export function histogramCount(h: Histogram): number {
  return h.buckets.reduce((sum, { count }) => sum + count, 0);
}

/**
 * The value at quantile `q` (0 to 1) by DDSketch's lower rank: the value of the bucket
 * holding sorted[floor(q * (n - 1))]. No interpolation, so it is always (close to) a
 * value that occurred. `undefined` for an empty histogram.
 */
export function quantile(h: Histogram, q: number): number | undefined {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be between 0 and 1, got ${q}`);
  const rank = q * (histogramCount(h) - 1);
  let seen = 0;
  for (const { bucket, count } of h.buckets) {
    seen += count;
    if (seen > rank) return sketchBucketValue(bucket);
  }
  return undefined;
}

export function histogramMin(h: Histogram): number | undefined {
  const first = h.buckets[0];
  return first ? sketchBucketValue(first.bucket) : undefined;
}

export function histogramMax(h: Histogram): number | undefined {
  const last = h.buckets.at(-1);
  return last ? sketchBucketValue(last.bucket) : undefined;
}

/** The lowest and highest bucket keys of a histogram; undefined when it is empty. */
export function histogramKeyRange(h: Histogram): [number, number] | undefined {
  const first = h.buckets[0]?.bucket;
  const last = h.buckets.at(-1)?.bucket;
  return first === undefined || last === undefined ? undefined : [first, last];
}

/**
 * At most `binCount` bins from the lowest bucket to the highest, each spanning the
 * same number of buckets (so equal widths on a log axis), empty ones included, each
 * ending where the next begins.
 */
export function histogramBins(
  h: Histogram,
  binCount: number,
  // Histograms binned over the same key range share their bins, so arms can be overlaid.
  keyRange: readonly [first: number, last: number] | undefined = histogramKeyRange(h),
): HistogramBin[] {
  if (!Number.isSafeInteger(binCount) || binCount < 1) {
    throw new RangeError(`bin count must be a whole number >= 1, got ${binCount}`);
  }
  if (!keyRange) return [];
  const [first, last] = keyRange;
  if (h.buckets.some(({ bucket }) => bucket < first || bucket > last)) {
    throw new RangeError(`histogram has buckets outside the key range ${first}..${last}`);
  }
  const width = Math.ceil((last - first + 1) / binCount);
  const counts = new Array<number>(Math.ceil((last - first + 1) / width)).fill(0);
  for (const { bucket, count } of h.buckets) counts[Math.floor((bucket - first) / width)]! += count;
  return counts.map((count, index) => {
    const firstKey = first + index * width;
    const lastKey = Math.min(firstKey + width - 1, last);
    return { from: sketchBucketBounds(firstKey)[0], to: sketchBucketBounds(lastKey)[1], count };
  });
}
