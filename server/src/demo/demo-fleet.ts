import { createHash } from 'node:crypto';
import type { HostFacts } from '@fleetlab/shared';

export interface DemoHost {
  machineIdHash: string;
  hostname: string;
  facts: HostFacts;
}

/** A small deterministic PRNG (mulberry32), so every demo fleet is the same. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, weighted: [T, number][]): T {
  const total = weighted.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [value, w] of weighted) {
    if ((r -= w) < 0) return value;
  }
  return weighted[weighted.length - 1]![0];
}

/**
 * A Hyperscale-like fleet: mostly x86_64, a mix of xfs, btrfs and ext4 roots
 * (reflinks work on btrfs and on most xfs), CentOS Stream 9 and 10.
 */
export function demoFleet(count: number, seed = 2026): DemoHost[] {
  const random = prng(seed);
  return Array.from({ length: count }, (_, i) => {
    const rootFsType = pick(random, [
      ['xfs', 45],
      ['btrfs', 30],
      ['ext4', 25],
    ]);
    const arch = pick(random, [
      ['x86_64', 80],
      ['aarch64', 20],
    ]);
    const osVersion = pick(random, [
      ['9', 75],
      ['10', 25],
    ]);
    const region = pick(random, [
      ['us-east', 45],
      ['eu-west', 35],
      ['ap-south', 20],
    ]);
    const role = pick(random, [
      ['builder', 30],
      ['web', 40],
      ['db', 15],
      ['ci', 15],
    ]);
    const hostname = `${role}-${region}-${String(i + 1).padStart(4, '0')}`;
    return {
      machineIdHash: createHash('sha256').update(`fleetlab-demo-${seed}-${i}`).digest('hex'),
      hostname,
      facts: {
        arch,
        osId: 'centos',
        osVersion,
        kernel:
          osVersion === '9'
            ? `5.14.0-${pick(random, [
                ['503', 1],
                ['570', 2],
              ])}.el9.${arch}`
            : `6.12.0-55.el10.${arch}`,
        rootFsType,
        reflink: rootFsType === 'btrfs' || (rootFsType === 'xfs' && random() < 0.9),
        cpus: pick(random, [
          [4, 15],
          [8, 30],
          [16, 30],
          [32, 15],
          [64, 10],
        ]),
        memoryBytes:
          pick(random, [
            [8, 20],
            [16, 35],
            [32, 30],
            [128, 15],
          ]) *
          1024 ** 3,
        region,
        labels: ['hyperscale', role],
        packages: {
          rpm: osVersion === '9' ? '4.16.1.3-34.el9' : '4.19.1.1-12.el10',
          dnf: '4.14.0-25.el9',
        },
      },
    };
  });
}
