import { describe, expect, it } from '@jest/globals';
import {
  SKETCH_MIN_MAGNITUDE,
  SKETCH_RELATIVE_ACCURACY,
  sketchBucketBounds,
  sketchBucketOf,
  sketchBucketValue,
} from './log-buckets.js';

// Values on a bucket edge are off by exactly the accuracy; allow for float rounding.
const ACCURACY_BOUND = SKETCH_RELATIVE_ACCURACY * (1 + 1e-9);

function relativeError(actual: number, expected: number): number {
  return expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
}

// Geometric steps of 0.01% (a fiftieth of a bucket) from 1e-3 to 1e12, plus every
// whole number up to 10,000 (small byte counts and milliseconds).
function positiveValues(): number[] {
  const values: number[] = [];
  for (let value = SKETCH_MIN_MAGNITUDE; value <= 1e12; value *= 1.0001) values.push(value);
  for (let value = 1; value <= 10_000; value++) values.push(value);
  values.push(1e12, Number.MAX_SAFE_INTEGER);
  return values;
}

describe(sketchBucketOf.name, () => {
  it('keeps every value from 1e-3 to 1e12, and its negative, within the accuracy of its bucket value', () => {
    let worst = 0;
    for (const magnitude of positiveValues()) {
      for (const value of [magnitude, -magnitude]) {
        worst = Math.max(worst, relativeError(sketchBucketValue(sketchBucketOf(value)), value));
      }
    }
    expect(worst).toBeLessThanOrEqual(ACCURACY_BOUND);
  });

  it('puts every value inside the bounds of its bucket', () => {
    const outside = positiveValues()
      .flatMap((magnitude) => [magnitude, -magnitude])
      .filter((value) => {
        const [lower, upper] = sketchBucketBounds(sketchBucketOf(value));
        // Values on an edge may round into either neighbour.
        return value < lower - Math.abs(lower) * 1e-12 || value > upper + Math.abs(upper) * 1e-12;
      });
    expect(outside).toEqual([]);
  });

  it('orders keys like the values', () => {
    const values = positiveValues()
      .flatMap((magnitude) => [magnitude, -magnitude, 0])
      .sort((a, b) => a - b);
    const keys = values.map(sketchBucketOf);
    expect(keys.every((key, index) => index === 0 || key >= keys[index - 1]!)).toBe(true);
  });

  it('gives SKETCH_MIN_MAGNITUDE key 1 and negative values the negated key', () => {
    expect(sketchBucketOf(SKETCH_MIN_MAGNITUDE)).toBe(1);
    expect(sketchBucketOf(-SKETCH_MIN_MAGNITUDE)).toBe(-1);
    for (const value of [0.5, 1, 999, 1e6, 2 ** 40]) {
      expect(sketchBucketOf(-value)).toBe(-sketchBucketOf(value));
      expect(sketchBucketValue(-sketchBucketOf(value))).toBe(
        -sketchBucketValue(sketchBucketOf(value)),
      );
    }
  });

  it.each([0, -0, 1e-4, -1e-4, SKETCH_MIN_MAGNITUDE * 0.98, Number.MIN_VALUE, -Number.MIN_VALUE])(
    'puts %p in the zero bucket, which stands for 0',
    (value) => {
      expect(Object.is(sketchBucketOf(value), 0)).toBe(true);
      expect(sketchBucketValue(0)).toBe(0);
    },
  );

  it.each([
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    Number.MAX_SAFE_INTEGER,
    -Number.MAX_SAFE_INTEGER,
    1e12,
    SKETCH_MIN_MAGNITUDE,
  ])('gives %p a whole key that fits a PostgreSQL integer', (value) => {
    const key = sketchBucketOf(value);
    expect(Number.isInteger(key)).toBe(true);
    expect(Math.abs(key)).toBeLessThanOrEqual(72_000);
  });

  it('keeps keys of metric values small: 1e-3 to 1e12 spans under 4,000 keys either side', () => {
    expect(sketchBucketOf(1e12)).toBeLessThan(4_000);
    expect(sketchBucketOf(-1e12)).toBeGreaterThan(-4_000);
  });

  it.each([NaN, Infinity, -Infinity])('rejects %p', (value) => {
    expect(() => sketchBucketOf(value)).toThrow(RangeError);
  });
});

describe(sketchBucketBounds.name, () => {
  it('tiles the number line: each bucket ends where the next begins', () => {
    for (let key = -3_000; key < 3_000; key++) {
      expect(sketchBucketBounds(key)[1]).toBe(sketchBucketBounds(key + 1)[0]);
    }
  });

  it('holds the value of its bucket', () => {
    for (const key of [-2_000, -1, 0, 1, 691, 2_000]) {
      const [lower, upper] = sketchBucketBounds(key);
      expect(sketchBucketValue(key)).toBeGreaterThanOrEqual(lower);
      expect(sketchBucketValue(key)).toBeLessThanOrEqual(upper);
    }
  });

  it('puts the zero bucket around 0, up to SKETCH_MIN_MAGNITUDE', () => {
    const [lower, upper] = sketchBucketBounds(0);
    expect(lower).toBe(-upper);
    expect(upper).toBeLessThan(SKETCH_MIN_MAGNITUDE);
    expect(upper).toBeGreaterThan(SKETCH_MIN_MAGNITUDE * (1 - 2 * SKETCH_RELATIVE_ACCURACY));
  });
});
