import { describe, expect, it } from '@jest/globals';
import { HOST_MEAN_SCALE, logBucketScale } from '../sketch/log-buckets.js';
import { cuped, cupedFromMoments, cupedMoments } from './cuped.js';
import { mannWhitney, mannWhitneyFromCounts } from './mann-whitney.js';
import { armMoments, welchFromMoments, welchTest } from './welch.js';

// The statistics at fleet scale read per-arm aggregates instead of host-level values.
// These hold each aggregate form to the host-level one it stands for.

/** A deterministic pseudo-random stream (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function lognormal(next: () => number, median: number, sigma: number): number {
  const u = Math.max(next(), 1e-12);
  const v = next();
  return median * Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
}

function relative(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
}

describe('statistics from aggregates', () => {
  const next = random(7);
  const hosts = (n: number, effect: number) =>
    Array.from({ length: n }, () => {
      const pre = lognormal(next, 4000, 0.3);
      return { pre, value: pre * (1 + effect) * lognormal(next, 1, 0.1) };
    });
  const baseline = hosts(700, 0);
  const treatment = hosts(900, -0.03);

  it('welchFromMoments equals welchTest', () => {
    const b = baseline.map((h) => h.value);
    const t = treatment.map((h) => h.value);
    const exact = welchTest(b, t);
    const fromMoments = welchFromMoments(armMoments(b), armMoments(t));
    for (const key of ['p', 'relativeDiff', 'relCiLow', 'relCiHigh', 'ciLow', 'ciHigh'] as const) {
      expect(relative(fromMoments[key], exact[key])).toBeLessThan(1e-12);
    }
  });

  it('cupedFromMoments equals cuped over the hosts', () => {
    const exact = cuped(baseline, treatment);
    const fromMoments = cupedFromMoments(cupedMoments(baseline), cupedMoments(treatment));
    for (const key of [
      'theta',
      'relativeDiff',
      'p',
      'relCiLow',
      'relCiHigh',
      'varianceReduction',
    ] as const) {
      expect(relative(fromMoments[key], exact[key])).toBeLessThan(1e-9);
    }
  });

  it('cupedFromMoments leaves values alone when the pre-period is the same everywhere', () => {
    const b = [1, 2, 3].map((value) => ({ value, pre: 10 }));
    const t = [2, 3, 5].map((value) => ({ value, pre: 10 }));
    const r = cupedFromMoments(cupedMoments(b), cupedMoments(t));
    expect(r.theta).toBe(0);
    expect(r.relativeDiff).toBeCloseTo(cuped(b, t).relativeDiff, 12);
  });

  it('mannWhitneyFromCounts equals mannWhitney over the values repeated', () => {
    // Values on a coarse grid, so that many are tied, as in a histogram's buckets.
    const grid = (values: number[]) => values.map((v) => Math.round(v / 50) * 50);
    const b = grid(baseline.map((h) => h.value));
    const t = grid(treatment.map((h) => h.value));
    const counts = (values: number[]) => {
      const map = new Map<number, number>();
      for (const v of values) map.set(v, (map.get(v) ?? 0) + 1);
      return [...map].map(([value, count]) => ({ value, count }));
    };
    const exact = mannWhitney(b, t);
    const fromCounts = mannWhitneyFromCounts(counts(b), counts(t));
    expect(fromCounts.w).toBe(exact.w);
    expect(fromCounts.p).toBeCloseTo(exact.p, 12);
    expect(fromCounts.shift).toBeCloseTo(exact.shift, 3);
    expect(fromCounts.shiftCiLow).toBeCloseTo(exact.shiftCiLow, 3);
    expect(fromCounts.shiftCiHigh).toBeCloseTo(exact.shiftCiHigh, 3);
  });

  it('mannWhitneyFromCounts of host-mean buckets stays close to the exact test', () => {
    const b = baseline.map((h) => h.value);
    const t = treatment.map((h) => h.value);
    const buckets = (values: number[]) => {
      const map = new Map<number, number>();
      for (const v of values) {
        const key = HOST_MEAN_SCALE.bucketOf(v);
        map.set(key, (map.get(key) ?? 0) + 1);
      }
      return [...map].map(([key, count]) => ({ value: HOST_MEAN_SCALE.bucketValue(key), count }));
    };
    const exact = mannWhitney(b, t);
    const binned = mannWhitneyFromCounts(buckets(b), buckets(t));
    expect(Math.abs(binned.p - exact.p)).toBeLessThan(1e-3);
    const width = exact.shiftCiHigh - exact.shiftCiLow;
    expect(Math.abs(binned.shift - exact.shift)).toBeLessThan(0.01 * width + 5);
  });

  it('host-mean buckets are fine enough for host means spread by 10% at fleet scale', () => {
    // Ties cost the test about (bucket width) / (spread) of its pairs whatever the
    // hosts, and p moves most where z is near 1: there 0.1% wide buckets were 2e-3 off.
    const next = random(22);
    const n = 30_000;
    const b = Array.from({ length: n }, () => lognormal(next, 60_000, 0.1));
    const t = Array.from({ length: n }, () => lognormal(next, 60_000 * 1.0012, 0.1));
    const buckets = (values: number[], scale: typeof HOST_MEAN_SCALE) => {
      const map = new Map<number, number>();
      for (const v of values) {
        const key = scale.bucketOf(v);
        map.set(key, (map.get(key) ?? 0) + 1);
      }
      return [...map].map(([key, count]) => ({ value: scale.bucketValue(key), count }));
    };
    const exact = mannWhitney(b, t);
    expect(exact.p).toBeGreaterThan(0.05);
    expect(exact.p).toBeLessThan(0.6);
    const error = (scale: typeof HOST_MEAN_SCALE): number =>
      Math.abs(mannWhitneyFromCounts(buckets(b, scale), buckets(t, scale)).p - exact.p);
    expect(error(HOST_MEAN_SCALE)).toBeLessThan(5e-4);
    expect(error(logBucketScale(0.0005, 1e-3))).toBeGreaterThan(1e-3);
  });

  it('mannWhitneyFromCounts takes small arms through the exact test', () => {
    const r = mannWhitneyFromCounts(
      [
        { value: 1, count: 1 },
        { value: 2, count: 1 },
        { value: 3, count: 1 },
      ],
      [
        { value: 4, count: 1 },
        { value: 5, count: 1 },
      ],
    );
    expect(r.method).toBe('exact');
    expect(r.p).toBeCloseTo(mannWhitney([1, 2, 3], [4, 5]).p, 12);
  });
});
