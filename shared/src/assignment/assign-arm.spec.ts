import { describe, it, expect } from '@jest/globals';
import { BUCKET_COUNT, assignArm, bucketOf, bucketRanges } from './assign-arm.js';

const HOSTS = Array.from({ length: 20_000 }, (_, i) => `host-${i}`);
const EVEN = [
  { key: 'baseline', weight: 1 },
  { key: 'cow', weight: 1 },
];

describe(bucketOf.name, () => {
  // Expected values from Python's hashlib (sha256, first 4 bytes big-endian,
  // * 10000 // 2**32), so other implementations can check themselves against them.
  it.each([
    ['salt-1', 'host-1', 7893],
    ['rpm-cow-2026', '3f2a9c', 5795],
    ['rpm-cow-2026', '', 9664],
    ['sálť', 'hôst-é', 5633],
  ])('bucketOf(%j, %j) = %d', (salt, hostId, bucket) => {
    expect(bucketOf(salt, hostId)).toBe(bucket);
  });

  it('stays within 0..9999', () => {
    for (const host of HOSTS.slice(0, 2000)) {
      const bucket = bucketOf('s', host);
      expect(Number.isInteger(bucket) && bucket >= 0 && bucket < BUCKET_COUNT).toBe(true);
    }
  });
});

describe(bucketRanges.name, () => {
  it.each([[[1, 1]], [[1, 2]], [[3, 3, 3]], [[1, 9999]], [[7, 11, 13, 17]], [[10000, 1, 10000]]])(
    'covers 0..10000 contiguously for weights %j',
    (weights) => {
      const ranges = bucketRanges(weights.map((weight, i) => ({ key: `arm-${i}`, weight })));
      expect(ranges[0]!.from).toBe(0);
      expect(ranges.at(-1)!.to).toBe(BUCKET_COUNT);
      ranges.forEach((range, i) => {
        expect(range.key).toBe(`arm-${i}`);
        if (i > 0) expect(range.from).toBe(ranges[i - 1]!.to);
        const exactShare = (weights[i]! * BUCKET_COUNT) / weights.reduce((a, b) => a + b, 0);
        expect(Math.abs(range.to - range.from - exactShare)).toBeLessThan(1);
      });
    },
  );

  it('gives leftover buckets to the largest remainders, earlier arm first', () => {
    expect(
      bucketRanges([
        { key: 'a', weight: 1 },
        { key: 'b', weight: 2 },
      ]),
    ).toEqual([
      { key: 'a', from: 0, to: 3333 },
      { key: 'b', from: 3333, to: 10000 },
    ]);
    expect(bucketRanges([3, 3, 3].map((weight, i) => ({ key: `${i}`, weight })))).toEqual([
      { key: '0', from: 0, to: 3334 },
      { key: '1', from: 3334, to: 6667 },
      { key: '2', from: 6667, to: 10000 },
    ]);
    expect(
      bucketRanges([
        { key: 'a', weight: 1 },
        { key: 'b', weight: 9999 },
      ]),
    ).toEqual([
      { key: 'a', from: 0, to: 1 },
      { key: 'b', from: 1, to: 10000 },
    ]);
  });

  it('refuses weights it cannot split', () => {
    expect(() => bucketRanges([])).toThrow(RangeError);
    expect(() => bucketRanges([{ key: 'a', weight: 0 }])).toThrow(
      'weight of arm "a" must be a positive whole number, got 0',
    );
    expect(() => bucketRanges([{ key: 'a', weight: 1.5 }])).toThrow(RangeError);
  });
});

describe(assignArm.name, () => {
  it('is deterministic', () => {
    const first = HOSTS.slice(0, 500).map((host) => assignArm('rpm-cow', host, EVEN));
    const again = HOSTS.slice(0, 500).map((host) => assignArm('rpm-cow', host, EVEN));
    expect(again).toEqual(first);
  });

  it('answers the arm whose range holds the bucket', () => {
    const ranges = bucketRanges(EVEN);
    for (const host of HOSTS.slice(0, 500)) {
      const bucket = bucketOf('rpm-cow', host);
      const expected = ranges.find((r) => bucket >= r.from && bucket < r.to)!.key;
      expect(assignArm('rpm-cow', host, EVEN)).toBe(expected);
    }
  });

  it('splits 50/50 within three standard errors', () => {
    const inBaseline = HOSTS.filter(
      (host) => assignArm('rpm-cow', host, EVEN) === 'baseline',
    ).length;
    const standardError = Math.sqrt(HOSTS.length * 0.25);
    expect(Math.abs(inBaseline - HOSTS.length / 2)).toBeLessThan(3 * standardError);
  });

  it('follows unequal weights', () => {
    const arms = [
      { key: 'baseline', weight: 9 },
      { key: 'cow', weight: 1 },
    ];
    const inCow = HOSTS.filter((host) => assignArm('rpm-cow', host, arms) === 'cow').length;
    const standardError = Math.sqrt(HOSTS.length * 0.1 * 0.9);
    expect(Math.abs(inCow - HOSTS.length * 0.1)).toBeLessThan(3 * standardError);
  });

  it('assigns independently under different salts', () => {
    const agree = HOSTS.filter(
      (host) => assignArm('experiment-a', host, EVEN) === assignArm('experiment-b', host, EVEN),
    ).length;
    const standardError = Math.sqrt(HOSTS.length * 0.25);
    expect(Math.abs(agree - HOSTS.length / 2)).toBeLessThan(3 * standardError);
  });
});
