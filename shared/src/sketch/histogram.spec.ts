import { describe, expect, it } from '@jest/globals';
import {
  addValue,
  emptyHistogram,
  histogramBins,
  histogramKeyRange,
  histogramCount,
  histogramFromBuckets,
  histogramMax,
  histogramMin,
  histogramOf,
  mergeHistograms,
  quantile,
  type Histogram,
} from './histogram.js';
import { SKETCH_RELATIVE_ACCURACY, sketchBucketOf } from './log-buckets.js';

// A value on a bucket edge is off by exactly the accuracy; allow for float rounding.
const ACCURACY_BOUND = SKETCH_RELATIVE_ACCURACY * (1 + 1e-9);
const QUANTILES = [0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 1];

// Seeded, so a failure reproduces: mulberry32 for uniforms, Box-Muller for normals.
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function normals(seed: number): () => number {
  const uniform = mulberry32(seed);
  // 1 - uniform() is in (0, 1], so the log is finite.
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** Durations in ms around a median of 1000, sigma 1 in log space. */
function logNormal(count: number, seed: number): number[] {
  const normal = normals(seed);
  return Array.from({ length: count }, () => 1000 * Math.exp(normal()));
}

/** Whole 10 ms steps, many of them equal, some 0. */
function withTies(count: number, seed: number): number[] {
  const normal = normals(seed);
  return Array.from({ length: count }, () => Math.max(0, Math.round(normal() * 3 + 5)) * 10);
}

/** Disk-usage deltas in bytes: a fifth unchanged, the rest freeing or taking space. */
function deltas(count: number, seed: number): number[] {
  const uniform = mulberry32(seed);
  const normal = normals(seed + 1);
  return Array.from({ length: count }, () =>
    uniform() < 0.2 ? 0 : Math.round(normal() * 1e6 * Math.exp(normal())),
  );
}

function ascending(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** The order statistic DDSketch's quantile approximates: no interpolation. */
function lowerRankQuantile(sorted: readonly number[], q: number): number {
  return sorted[Math.floor(q * (sorted.length - 1))]!;
}

/** R's default (type 7): interpolates between the neighbouring order statistics. */
function type7Quantile(sorted: readonly number[], q: number): number {
  const h = q * (sorted.length - 1);
  const below = sorted[Math.floor(h)]!;
  const above = sorted[Math.ceil(h)]!;
  return below + (h - Math.floor(h)) * (above - below);
}

function relativeError(actual: number, expected: number): number {
  return expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
}

describe(quantile.name, () => {
  it.each([
    ['log-normal durations', logNormal(20_000, 1)],
    ['durations with many ties and zeros', withTies(20_000, 2)],
    ['negative, zero and positive deltas', deltas(20_000, 3)],
    ['a single value', [1234.5]],
    ['two values', [3, 1e6]],
    ['two negative values', [-3, -1e6]],
  ])('is within the accuracy of the exact lower-rank quantile for %s', (_name, values) => {
    const h = histogramOf(values);
    const sorted = ascending(values);
    const errors = QUANTILES.map((q) => ({
      q,
      error: relativeError(quantile(h, q)!, lowerRankQuantile(sorted, q)),
    }));
    expect(errors.filter(({ error }) => error > ACCURACY_BOUND)).toEqual([]);
  });

  it('stays within 1% of the interpolated (R type 7) quantile on smooth data', () => {
    const values = logNormal(100_000, 4);
    const h = histogramOf(values);
    const sorted = ascending(values);
    const errors = [0.01, 0.1, 0.5, 0.9, 0.99].map((q) => ({
      q,
      error: relativeError(quantile(h, q)!, type7Quantile(sorted, q)),
    }));
    expect(errors.filter(({ error }) => error > 0.01)).toEqual([]);
  });

  it('takes the lower of two values below q = 1, not a point between them', () => {
    const h = histogramOf([3, 1e6]);
    expect(quantile(h, 0.5)).toBeCloseTo(3, 1);
    expect(quantile(h, 0.99)).toBeCloseTo(3, 1);
    expect(relativeError(quantile(h, 1)!, 1e6)).toBeLessThanOrEqual(ACCURACY_BOUND);
  });

  it('reports exact zeros as 0', () => {
    expect(quantile(histogramOf([0, 0, 0, 5]), 0.5)).toBe(0);
  });

  it('has no quantiles for an empty histogram', () => {
    expect(quantile(emptyHistogram(), 0.5)).toBeUndefined();
  });

  it.each([-0.1, 1.1, NaN])('rejects q = %p', (q) => {
    expect(() => quantile(histogramOf([1]), q)).toThrow(RangeError);
  });
});

describe(mergeHistograms.name, () => {
  const a = logNormal(5_000, 5);
  const b = deltas(7_000, 6);
  const c = withTies(3_000, 7);

  it('equals the histogram of the concatenated values, exactly', () => {
    expect(mergeHistograms(histogramOf(a), histogramOf(b))).toEqual(histogramOf([...a, ...b]));
    expect(mergeHistograms(histogramOf(a), histogramOf(b), histogramOf(c))).toEqual(
      histogramOf([...a, ...b, ...c]),
    );
  });

  it('does not care about order, and the empty histogram changes nothing', () => {
    const [ha, hb] = [histogramOf(a), histogramOf(b)];
    expect(mergeHistograms(hb, ha)).toEqual(mergeHistograms(ha, hb));
    expect(mergeHistograms(ha, emptyHistogram())).toEqual(ha);
    expect(mergeHistograms()).toEqual(emptyHistogram());
  });

  it('matches summing counts per bucket, as the server does in SQL', () => {
    const rows = [...histogramOf(a).buckets, ...histogramOf(b).buckets];
    expect(histogramFromBuckets(rows)).toEqual(histogramOf([...a, ...b]));
  });
});

describe(histogramFromBuckets.name, () => {
  it('adds up rows of the same bucket, sorts them by key and drops empty ones', () => {
    const h = histogramFromBuckets([
      { bucket: 700, count: 2 },
      { bucket: -3, count: 1 },
      { bucket: 700, count: 1 },
      { bucket: 0, count: 0 },
    ]);
    expect(h).toEqual({
      buckets: [
        { bucket: -3, count: 1 },
        { bucket: 700, count: 3 },
      ],
    });
  });

  it('is plain data that survives JSON', () => {
    const h = histogramOf(deltas(1_000, 8));
    expect(JSON.parse(JSON.stringify(h))).toEqual(h);
  });

  it.each([
    [{ bucket: 1.5, count: 1 }, 'bucket must be a 32-bit whole number, got 1.5'],
    [{ bucket: 2 ** 31, count: 1 }, 'bucket must be a 32-bit whole number, got 2147483648'],
    [{ bucket: 1, count: -1 }, 'count of bucket 1 must be a whole number >= 0, got -1'],
    [{ bucket: 1, count: 0.5 }, 'count of bucket 1 must be a whole number >= 0, got 0.5'],
    // node-postgres returns SUM() of an integer column as a string.
    [{ bucket: 1, count: '3' as unknown as number }, 'got "3"'],
  ])('rejects %j', (row, message) => {
    expect(() => histogramFromBuckets([row])).toThrow(message);
  });
});

describe(addValue.name, () => {
  it('returns a new histogram with the value added count times', () => {
    const before = histogramOf([1, 2]);
    expect(addValue(before, 2, 3)).toEqual(histogramOf([1, 2, 2, 2, 2]));
    expect(addValue(before, -7)).toEqual(histogramOf([1, 2, -7]));
    expect(before).toEqual(histogramOf([1, 2]));
  });

  it('starts from the empty histogram', () => {
    expect(addValue(emptyHistogram(), 42)).toEqual({
      buckets: [{ bucket: sketchBucketOf(42), count: 1 }],
    });
  });
});

describe(histogramOf.name, () => {
  it('needs hundreds of buckets, not millions, for a million log-normal values', () => {
    const h = histogramOf(logNormal(1_000_000, 9));
    expect(histogramCount(h)).toBe(1_000_000);
    expect(h.buckets.length).toBeLessThan(2_000);
  });
});

describe(histogramCount.name, () => {
  it('counts values, and 0 for the empty histogram', () => {
    expect(histogramCount(histogramOf([1, 1, 0, -5]))).toBe(4);
    expect(histogramCount(emptyHistogram())).toBe(0);
  });
});

describe(`${histogramMin.name} and ${histogramMax.name}`, () => {
  it('are within the accuracy of the smallest and largest values', () => {
    const values = deltas(10_000, 10);
    const h = histogramOf(values);
    expect(relativeError(histogramMin(h)!, Math.min(...values))).toBeLessThanOrEqual(
      ACCURACY_BOUND,
    );
    expect(relativeError(histogramMax(h)!, Math.max(...values))).toBeLessThanOrEqual(
      ACCURACY_BOUND,
    );
  });

  it('are undefined for the empty histogram', () => {
    expect(histogramMin(emptyHistogram())).toBeUndefined();
    expect(histogramMax(emptyHistogram())).toBeUndefined();
  });
});

describe(histogramBins.name, () => {
  function expectContiguous(h: Histogram, binCount: number) {
    const bins = histogramBins(h, binCount);
    expect(bins.length).toBeLessThanOrEqual(binCount);
    expect(bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(histogramCount(h));
    bins.slice(1).forEach((bin, index) => expect(bin.from).toBe(bins[index]!.to));
    return bins;
  }

  it.each([1, 7, 20, 100, 10_000])(
    'splits deltas into at most %p contiguous bins holding every value',
    (binCount) => {
      const values = deltas(10_000, 11);
      const bins = expectContiguous(histogramOf(values), binCount);
      expect(bins[0]!.from).toBeLessThanOrEqual(Math.min(...values));
      expect(bins.at(-1)!.to).toBeGreaterThanOrEqual(Math.max(...values));
    },
  );

  it('gives one bin per bucket, empty ones included, when bins are plentiful', () => {
    // 100 and 102 are two buckets apart.
    const h = histogramOf([100, 100, 102]);
    const bins = expectContiguous(h, 50);
    expect(bins.map((bin) => bin.count)).toEqual([2, 0, 1]);
    expect(bins[0]!.from).toBeLessThan(100);
    expect(bins[0]!.to).toBeGreaterThanOrEqual(100);
  });

  it('groups neighbouring buckets when bins are scarce', () => {
    const h = histogramOf([100, 100, 102]);
    expect(expectContiguous(h, 2).map((bin) => bin.count)).toEqual([2, 1]);
  });

  it('gives no bins for the empty histogram', () => {
    expect(histogramBins(emptyHistogram(), 10)).toEqual([]);
  });

  it.each([0, 1.5, NaN])('rejects %p bins', (binCount) => {
    expect(() => histogramBins(histogramOf([1]), binCount)).toThrow(RangeError);
  });
});

describe('histogramBins over a shared key range', () => {
  it('gives two histograms the same bins, so they can be overlaid', () => {
    const a = histogramOf([10, 20, 40]);
    const b = histogramOf([15, 300, 900]);
    const range = histogramKeyRange(mergeHistograms(a, b))!;
    const binsA = histogramBins(a, 8, range);
    const binsB = histogramBins(b, 8, range);
    expect(binsA.map(({ from, to }) => [from, to])).toEqual(
      binsB.map(({ from, to }) => [from, to]),
    );
    expect(binsA.reduce((sum, bin) => sum + bin.count, 0)).toBe(3);
    expect(binsB.reduce((sum, bin) => sum + bin.count, 0)).toBe(3);
  });

  it('refuses a key range that leaves buckets out', () => {
    expect(() =>
      histogramBins(histogramOf([1, 1000]), 4, histogramKeyRange(histogramOf([1]))),
    ).toThrow(RangeError);
  });
});
