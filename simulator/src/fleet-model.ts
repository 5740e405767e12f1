import { createHash } from 'node:crypto';
import type { HostFacts, SampleInput } from '@fleetlab/shared';
import { logNormal, pick, seededRandom, type Random } from './random.js';

/**
 * Relative changes the treatment makes to a metric's expected value (-0.4 is 40%
 * lower). Install and rpm times change only on hosts whose root can reflink, as
 * RPM CoW does; disk use during updates and the dnf cache grow on every treatment
 * host (the cache holds uncompressed packages); downloads do not change.
 */
export interface SimulationEffects {
  installDuration: number;
  rpmDuration: number;
  diskUsedDelta: number;
  download: number;
  dnfCache: number;
}

export const RPM_COW_EFFECTS: SimulationEffects = {
  installDuration: -0.35,
  rpmDuration: -0.5,
  diskUsedDelta: 0.6,
  download: 0,
  dnfCache: 1.8,
};

export const NO_EFFECTS: SimulationEffects = {
  installDuration: 0,
  rpmDuration: 0,
  diskUsedDelta: 0,
  download: 0,
  dnfCache: 0,
};

export interface SimulatedHost {
  index: number;
  machineIdHash: string;
  hostname: string;
  facts: HostFacts;
  /** How much slower than typical this machine is (host-to-host variation, ~20%). */
  speed: number;
  random: Random;
}

/** A Hyperscale-like fleet: mostly x86_64; xfs, btrfs and ext4 roots; reflinks on btrfs and most xfs. */
export function simulatedFleet(count: number, seed: number): SimulatedHost[] {
  return Array.from({ length: count }, (_, index) => {
    const random = seededRandom(seed * 1_000_003 + index);
    const rootFsType = pick(random, [
      ['xfs', 45],
      ['btrfs', 30],
      ['ext4', 25],
    ] as const);
    const arch = pick(random, [
      ['x86_64', 80],
      ['aarch64', 20],
    ] as const);
    const osVersion = pick(random, [
      ['9', 75],
      ['10', 25],
    ] as const);
    const region = pick(random, [
      ['us-east', 45],
      ['eu-west', 35],
      ['ap-south', 20],
    ] as const);
    const role = pick(random, [
      ['builder', 30],
      ['web', 40],
      ['db', 15],
      ['ci', 15],
    ] as const);
    return {
      index,
      machineIdHash: createHash('sha256').update(`fleetlab-sim-${seed}-${index}`).digest('hex'),
      hostname: `${role}-${region}-${String(index + 1).padStart(5, '0')}`,
      speed: logNormal(random, 1, 0.2),
      random,
      facts: {
        arch,
        osId: 'centos',
        osVersion,
        kernel: osVersion === '9' ? `5.14.0-570.el9.${arch}` : `6.12.0-55.el10.${arch}`,
        rootFsType,
        reflink: rootFsType === 'btrfs' || (rootFsType === 'xfs' && random() < 0.9),
        cpus: pick(random, [
          [4, 15],
          [8, 30],
          [16, 30],
          [32, 15],
          [64, 10],
        ] as const),
        memoryBytes:
          pick(random, [
            [8, 20],
            [16, 35],
            [32, 30],
            [128, 15],
          ] as const) *
          1024 ** 3,
        region,
        labels: ['hyperscale', role],
      },
    };
  });
}

const MB = 1024 * 1024;

/**
 * One dnf transaction, with DOMAIN.md magnitudes: from one package to hundreds
 * (log-uniform), packages of ~250 KB median with a heavy tail, about a second of rpm
 * time per package on a typical SSD, a few seconds of resolving, ~50 MB/s downloads.
 */
export function simulatedTransaction(
  host: SimulatedHost,
  treatment: boolean,
  effects: SimulationEffects,
  observedAt: Date,
  sequence: string,
): SampleInput {
  const r = host.random;
  const packages = Math.max(1, Math.round(Math.exp(r() * Math.log(600))));
  const action = pick(r, [
    ['upgrade', 60],
    ['install', 30],
    ['remove', 10],
  ] as const);
  let downloadBytes = 0;
  for (let i = 0; i < packages; i++) downloadBytes += Math.round(logNormal(r, 250 * 1024, 1.3));
  const installedBytes = downloadBytes * 3;
  const cow = treatment && host.facts.reflink === true;
  const change = (base: number, effect: number, applies: boolean): number =>
    base * (1 + (applies ? effect : 0));

  const rpmBaseMs = packages * logNormal(r, 900, 0.15) * host.speed + (installedBytes / MB) * 4;
  const resolveMs = logNormal(r, 2500, 0.3) * host.speed;
  const downloadMs =
    action === 'remove' ? 0 : (downloadBytes / (50 * MB)) * 1000 * logNormal(r, 1, 0.3);
  const rpmMs = change(rpmBaseMs, effects.rpmDuration, cow);
  const installMs = change(resolveMs + downloadMs + rpmBaseMs, effects.installDuration, cow);
  const deltaBase =
    action === 'remove'
      ? -installedBytes
      : action === 'install'
        ? installedBytes
        : installedBytes * 0.08;
  const diskDelta = Math.round(
    deltaBase > 0 ? change(deltaBase, effects.diskUsedDelta, treatment) : deltaBase,
  );

  return {
    id: `sim-${host.machineIdHash.slice(0, 12)}-${sequence}`,
    kind: 'package_transaction',
    observedAt: observedAt.toISOString(),
    values: [
      { metric: 'install_duration_ms', value: Math.round(installMs) },
      { metric: 'rpm_duration_ms', value: Math.round(rpmMs) },
      ...(action === 'remove'
        ? []
        : [
            {
              metric: 'download_bytes',
              value: Math.round(change(downloadBytes, effects.download, treatment)),
            },
          ]),
      { metric: 'disk_used_delta_bytes', value: diskDelta },
    ],
    context: { action, packages, tool: 'dnf4', toolVersion: '4.14.0' },
  };
}

/** Root filesystem usage and dnf cache size at one moment. */
export function simulatedDiskSnapshot(
  host: SimulatedHost,
  treatment: boolean,
  effects: SimulationEffects,
  observedAt: Date,
  sequence: string,
): SampleInput {
  const r = host.random;
  const cache = logNormal(r, 400 * MB, 0.5) * (treatment ? 1 + effects.dnfCache : 1);
  return {
    id: `sim-${host.machineIdHash.slice(0, 12)}-${sequence}`,
    kind: 'disk_snapshot',
    observedAt: observedAt.toISOString(),
    values: [
      { metric: 'disk_used_bytes', value: Math.round(logNormal(r, 40 * 1024 * MB, 0.6) + cache) },
      { metric: 'dnf_cache_bytes', value: Math.round(cache) },
    ],
    context: {},
  };
}
