// Realistic, reproducible data for the benchmarks: host facts and package
// transactions with log-normal durations and sizes, from a seeded generator so that
// two runs send the same fleet.
import { sampleCopyLine } from '../../../server/src/telemetry/sample-copy.js';

/** mulberry32: small, fast, good enough for test data; not for anything secret. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  between(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  int(low: number, high: number): number {
    return Math.floor(this.between(low, high + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Log-normal with the given median and sigma of the underlying normal. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }
}

const WEEK_MS = 7 * 86_400_000;
const FILESYSTEMS = ['btrfs', 'btrfs', 'xfs', 'xfs', 'xfs', 'ext4'] as const;
const REGIONS = ['prn', 'ash', 'eu-west', 'eu-central', 'ap-south'] as const;
const KERNELS = ['5.14.0-427.el9', '5.14.0-503.el9', '6.6.58-1.hs.el9', '6.12.9-2.hs.el10'];

/** The facts an agent would report for the i-th host of the fleet. */
export function hostFacts(random: Random, i: number): Record<string, unknown> {
  const rootFsType = random.pick(FILESYSTEMS);
  const arch = random.next() < 0.8 ? 'x86_64' : 'aarch64';
  const osVersion = random.next() < 0.85 ? '9' : '10';
  return {
    arch,
    osId: 'centos',
    osVersion,
    kernel: `${random.pick(KERNELS)}.${arch}`,
    rootFsType,
    reflink: rootFsType !== 'ext4',
    cpus: random.pick([2, 4, 8, 16, 32, 64]),
    memoryBytes: random.pick([4, 8, 16, 32, 64, 128, 256]) * 2 ** 30,
    region: random.pick(REGIONS),
    labels: i % 10 === 0 ? ['canary', 'tier=build'] : [random.pick(['tier=web', 'tier=build'])],
    packages: {
      rpm: osVersion === '9' ? '4.16.1.3-34.el9' : '4.19.1.1-12.el10',
      dnf: osVersion === '9' ? '4.14.0-25.el9' : '4.20.0-9.el10',
    },
  };
}

export const TRANSACTION_METRICS = [
  'install_duration_ms',
  'rpm_duration_ms',
  'download_bytes',
  'disk_used_delta_bytes',
] as const;

export type TransactionValues = Record<(typeof TRANSACTION_METRICS)[number], number>;

export interface Transaction {
  id: string;
  observedAt: Date;
  values: TransactionValues;
  context: { action: string; packages: number; tool: string; toolVersion: string };
}

/** One dnf transaction as a host measures it. */
export function packageTransaction(random: Random, id: string, observedAt: Date): Transaction {
  const roll = random.next();
  const action =
    roll < 0.55 ? 'upgrade' : roll < 0.85 ? 'install' : roll < 0.97 ? 'remove' : 'mixed';
  const packages = Math.max(1, Math.round(random.logNormal(action === 'upgrade' ? 40 : 4, 1.1)));
  const installMs = Math.min(
    WEEK_MS,
    Math.round(random.logNormal(2500 + 350 * packages, 0.6) * 10) / 10,
  );
  const rpmMs = Math.round(installMs * random.between(0.3, 0.75) * 10) / 10;
  const downloadBytes =
    action === 'remove' ? 0 : Math.round(random.logNormal(2_500_000 * packages, 0.9));
  const diskDelta =
    action === 'remove'
      ? -Math.round(random.logNormal(8_000_000 * packages, 0.8))
      : Math.round(downloadBytes * random.between(1.2, 3.5) - random.logNormal(1_000_000, 1));
  const dnf5 = random.next() < 0.2;
  return {
    id,
    observedAt,
    values: {
      install_duration_ms: installMs,
      rpm_duration_ms: rpmMs,
      download_bytes: downloadBytes,
      disk_used_delta_bytes: diskDelta,
    },
    context: {
      action,
      packages,
      tool: dnf5 ? 'dnf5' : 'dnf4',
      toolVersion: dnf5 ? '5.2.8.1' : '4.14.0',
    },
  };
}

/** The sample as `ingestSamples` takes it (GraphQL SampleInput). */
export function toSampleInput(t: Transaction): {
  id: string;
  kind: string;
  observedAt: string;
  values: { metric: string; value: number }[];
  context: unknown;
} {
  return {
    id: t.id,
    kind: 'package_transaction',
    observedAt: t.observedAt.toISOString(),
    values: TRANSACTION_METRICS.map((metric) => ({ metric, value: t.values[metric] })),
    context: t.context,
  };
}

/**
 * One line of COPY text (newline included) for the `sample` table: the columns the
 * server's ingest COPYs, in its own format.
 */
export function toCopyLine(hostId: string, t: Transaction): string {
  return sampleCopyLine(hostId, { ...t, kind: 'package_transaction' });
}
