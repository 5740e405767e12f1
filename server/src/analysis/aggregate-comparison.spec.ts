import { describe, expect, it } from '@jest/globals';
import { HOST_MEAN_SCALE, mannWhitney, mannWhitneyFromCounts } from '@fleetlab/shared';
import { logNormal, seededRandom } from '@fleetlab/simulator';
import {
  countedHostMeans,
  hostMeansForRanks,
  type HostMeanBuckets,
} from './aggregate-comparison.js';

/** Host means as the folder keeps them: hosts per HOST_MEAN_SCALE bucket. */
function histogram(means: readonly number[]): HostMeanBuckets {
  const hosts = new Map<number, number>();
  for (const m of means) {
    const bucket = HOST_MEAN_SCALE.bucketOf(m);
    hosts.set(bucket, (hosts.get(bucket) ?? 0) + 1);
  }
  return [...hosts].map(([bucket, n]) => ({ bucket, hosts: n }));
}

function arms(sigma: number, shift: number, n: number, seed: number) {
  const random = seededRandom(seed);
  const baseline = Array.from({ length: n }, () => logNormal(random, 60_000, sigma));
  const treatment = Array.from({ length: n }, () => logNormal(random, 60_000 * shift, sigma));
  const byArm = new Map([
    ['b', histogram(baseline)],
    ['t', histogram(treatment)],
  ]);
  return { baseline, treatment, byArm };
}

describe('host means for ranks', () => {
  it('merges widely spread means into fewer values and keeps Mann-Whitney within 3e-4 of exact', () => {
    const { baseline, treatment, byArm } = arms(0.5, 0.996, 60_000, 7);
    const forRanks = hostMeansForRanks(byArm, 'b');
    const exact = mannWhitney(baseline, treatment);
    const merged = mannWhitneyFromCounts(forRanks.get('b')!, forRanks.get('t')!);
    expect(forRanks.get('t')!.length).toBeLessThan(byArm.get('t')!.length / 1.5);
    expect(exact.p).toBeGreaterThan(0.01);
    expect(Math.abs(merged.p - exact.p)).toBeLessThan(3e-4);
    expect(Math.abs(merged.shift - exact.shift)).toBeLessThan(1e-3 * 60_000);
    expect(merged.nBaseline + merged.nTreatment).toBe(120_000);
  });

  it('leaves means close together in their own buckets', () => {
    const { byArm } = arms(0.02, 1, 20_000, 8);
    const forRanks = hostMeansForRanks(byArm, 'b');
    expect(forRanks.get('b')).toEqual(countedHostMeans(byArm.get('b')!));
  });

  it('keeps zero alone and every value in order, with the same value for a merged bucket in every arm', () => {
    const buckets = [-8, -7, -1, 0, 1, 2, 7, 8].map((bucket) => ({ bucket, hosts: 1 }));
    const merged = countedHostMeans(buckets, 4);
    expect(merged.map((m) => m.count)).toEqual([2, 1, 1, 2, 2]);
    const values = merged.map((m) => m.value);
    expect([...values].sort((a, b) => a - b)).toEqual(values);
    expect(values[2]).toBe(0);
    // Keys 1 and 2 merge into the bucket of keys 1..4, whose value lies between theirs and 4's.
    expect(values[3]).toBeGreaterThan(HOST_MEAN_SCALE.bucketValue(2));
    expect(values[3]).toBeLessThan(HOST_MEAN_SCALE.bucketValue(4));
    expect(countedHostMeans([{ bucket: 3, hosts: 5 }], 4)[0]!.value).toBe(values[3]);
  });
});
