// Log-spaced buckets for metric values, in the spirit of DDSketch: a value is kept
// only as the key of the bucket it falls in, so a histogram is a small map of
// key -> count that merges by adding counts (the server does it in SQL).
//
// Keys are stored in the database. Changing SKETCH_RELATIVE_ACCURACY or
// SKETCH_MIN_MAGNITUDE re-keys every value, so stored buckets would have to be rebuilt.

/**
 * Every value in a bucket is within this relative error of the bucket's
 * representative value; half of the 1% we promise for percentiles, for headroom.
 */
export const SKETCH_RELATIVE_ACCURACY = 0.005;

/**
 * The smallest magnitude sure to get a bucket of its own (a microsecond when durations
 * are in milliseconds; byte counts are whole numbers). Anything below the edge of its
 * bucket (about 0.99e-3) goes to the zero bucket, so tiny noise adds no keys.
 */
export const SKETCH_MIN_MAGNITUDE = 1e-3;

/** Log-spaced buckets of one relative accuracy: keys, their values and edges, and the key in SQL. */
export interface LogBucketScale {
  /** Every value in a bucket is within this relative error of the bucket's value. */
  readonly relativeAccuracy: number;
  bucketOf: (value: number) => number;
  bucketValue: (key: number) => number;
  bucketBounds: (key: number) => [lower: number, upper: number];
  /**
   * The same key in PostgreSQL for a float8 expression (used where rollups are folded
   * in SQL). PostgreSQL's ln() may round a value right on a bucket edge the other way.
   */
  bucketSql: (value: string) => string;
}

/**
 * Bucket i (before the offset) holds (GAMMA^(i-1), GAMMA^i]; its representative value
 * (1-a)*GAMMA^i = (1+a)*GAMMA^(i-1) is off by exactly a from either edge. Keys are
 * shifted so that `minMagnitude` gets key 1; key 0 stays free for zero.
 */
export function logBucketScale(relativeAccuracy: number, minMagnitude: number): LogBucketScale {
  const gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
  const lnGamma = Math.log(gamma);
  const keyOffset = 1 - Math.ceil(Math.log(minMagnitude) / lnGamma);
  /** Largest magnitude in the bucket with key k >= 0 (for k = 0: largest magnitude rounded to zero). */
  const upperEdge = (k: number): number => gamma ** (k - keyOffset);
  return {
    relativeAccuracy,
    bucketOf: (value) => {
      if (!Number.isFinite(value)) throw new RangeError(`cannot bucket ${value}`);
      const key = Math.max(0, Math.ceil(Math.log(Math.abs(value)) / lnGamma) + keyOffset);
      // `|| 0` turns -0 into 0, so key 0 has one spelling.
      return value < 0 ? -key || 0 : key;
    },
    bucketValue: (key) => {
      if (key === 0) return 0;
      return Math.sign(key) * (1 - relativeAccuracy) * upperEdge(Math.abs(key));
    },
    bucketBounds: (key) => {
      if (key > 0) return [upperEdge(key - 1), upperEdge(key)];
      if (key < 0) return [-upperEdge(-key), -upperEdge(-key - 1)];
      return [-upperEdge(0), upperEdge(0)];
    },
    bucketSql: (value) => {
      // Shortest round-trip spellings: PostgreSQL reads back the very same doubles.
      return `(CASE WHEN (${value}) = 0 THEN 0 ELSE sign(${value})::int * greatest(0, ceil(ln(abs(${value})) / ${String(lnGamma)}::float8)::int + ${keyOffset}) END)`;
    },
  };
}

/** The scale of the per-arm sample histograms (percentiles within 1%). */
export const SKETCH_SCALE = logBucketScale(SKETCH_RELATIVE_ACCURACY, SKETCH_MIN_MAGNITUDE);

/**
 * The scale of the per-arm histograms of host-level means, far finer than the samples'
 * (0.01% wide buckets): Mann-Whitney and Hodges-Lehmann read them in experiments too
 * large to read every host's mean, where a bucket's values count as tied. Ties cost the
 * test the pairs they hold, about (bucket width) / (spread of the host means) of them,
 * whatever the number of hosts: at 0.1% wide buckets, host means spread by 10% put
 * p-values 3e-3 off; at 0.01%, 3e-4 (test/bench/fleet.ts measures it). Finer buckets are
 * cheap where they matter: host means close together fill few of them.
 */
export const HOST_MEAN_SCALE = logBucketScale(0.00005, SKETCH_MIN_MAGNITUDE);

/**
 * The bucket key of a value. Keys sort like the values they stand for: negative
 * values get the negated key of their magnitude; zero, and magnitudes below about
 * SKETCH_MIN_MAGNITUDE, get 0. Every finite number gets a key within ±72,000, so
 * keys fit a PostgreSQL `integer`. A value right on a bucket edge may land in the
 * neighbouring bucket on another JavaScript engine (Math.log rounds differently);
 * either bucket's value is within the accuracy of it.
 */
export const sketchBucketOf = SKETCH_SCALE.bucketOf;

/**
 * The value a bucket stands for: within SKETCH_RELATIVE_ACCURACY of every value in
 * it, except in the zero bucket, which stands for 0. (Infinity for the bucket of values
 * within 1% of Number.MAX_VALUE, far beyond any metric.)
 */
export const sketchBucketValue = SKETCH_SCALE.bucketValue;

/**
 * The range of values a bucket holds, `[lower, upper]`. Adjacent keys share an edge,
 * so consecutive buckets tile the number line (for plotting).
 */
export const sketchBucketBounds = SKETCH_SCALE.bucketBounds;
