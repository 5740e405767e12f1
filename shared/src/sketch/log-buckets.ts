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

// Bucket i (before the offset) holds (GAMMA^(i-1), GAMMA^i]. Its representative value
// (1-a)*GAMMA^i = (1+a)*GAMMA^(i-1) is off by exactly a from either edge.
const GAMMA = (1 + SKETCH_RELATIVE_ACCURACY) / (1 - SKETCH_RELATIVE_ACCURACY);
const LN_GAMMA = Math.log(GAMMA);
// Shifts keys so SKETCH_MIN_MAGNITUDE gets key 1; key 0 stays free for zero.
const KEY_OFFSET = 1 - Math.ceil(Math.log(SKETCH_MIN_MAGNITUDE) / LN_GAMMA);

/**
 * The bucket key of a value. Keys sort like the values they stand for: negative
 * values get the negated key of their magnitude; zero, and magnitudes below about
 * SKETCH_MIN_MAGNITUDE, get 0. Every finite number gets a key within ±72,000, so
 * keys fit a PostgreSQL `integer`. A value right on a bucket edge may land in the
 * neighbouring bucket on another JavaScript engine (Math.log rounds differently);
 * either bucket's value is within the accuracy of it.
 */
export function sketchBucketOf(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`cannot bucket ${value}`);
  const key = Math.max(0, Math.ceil(Math.log(Math.abs(value)) / LN_GAMMA) + KEY_OFFSET);
  // `|| 0` turns -0 into 0, so key 0 has one spelling.
  return value < 0 ? -key || 0 : key;
}

/**
 * The value a bucket stands for: within SKETCH_RELATIVE_ACCURACY of every value in
 * it, except in the zero bucket, which stands for 0. (Infinity for the bucket of values
 * within 1% of Number.MAX_VALUE, far beyond any metric.)
 */
export function sketchBucketValue(key: number): number {
  if (key === 0) return 0;
  return Math.sign(key) * (1 - SKETCH_RELATIVE_ACCURACY) * upperEdge(Math.abs(key));
}

/**
 * The range of values a bucket holds, `[lower, upper]`. Adjacent keys share an edge,
 * so consecutive buckets tile the number line (for plotting).
 */
export function sketchBucketBounds(key: number): [lower: number, upper: number] {
  if (key > 0) return [upperEdge(key - 1), upperEdge(key)];
  if (key < 0) return [-upperEdge(-key), -upperEdge(-key - 1)];
  return [-upperEdge(0), upperEdge(0)];
}

/** Largest magnitude in the bucket with key k >= 0 (for k = 0: largest magnitude rounded to zero). */
function upperEdge(k: number): number {
  return GAMMA ** (k - KEY_OFFSET);
}
