import type { MetricDirection, MetricUnit } from '../domain/metrics.js';

export type { MetricDirection, MetricUnit } from '../domain/metrics.js';

export interface MetricDefinition {
  key: string;
  sampleKind: string;
  title: string;
  description: string;
  unit: MetricUnit;
  direction: MetricDirection;
  integer: boolean;
  /** Plausible bounds: a value outside is a broken clock or counter, not a measurement. */
  min: number;
  max: number;
  /**
   * The smallest size other than 0 a value may have. Below it a value is noise no host
   * measures, and its square underflows a double (1e-200 stopped folding once).
   */
  minMagnitude: number;
}

export interface SampleKindDefinition {
  key: string;
  title: string;
  description: string;
  metrics: readonly string[];
  contextKeys: readonly string[];
}

// A week: anything longer is a broken clock or a hung transaction, not a measurement.
const MAX_DURATION_MS = 7 * 24 * 60 * 60 * 1000;
// A microsecond: finer than any clock a host reads a transaction or a boot with.
const MIN_DURATION_MS = 0.001;

const duration = {
  unit: 'ms',
  integer: false,
  min: 0,
  max: MAX_DURATION_MS,
  minMagnitude: MIN_DURATION_MS,
} as const;
// Whole bytes below 2^53, which a double holds exactly (and whose squares it holds).
const size = {
  unit: 'bytes',
  integer: true,
  min: 0,
  max: Number.MAX_SAFE_INTEGER,
  minMagnitude: 1,
} as const;

// Adding a metric is one entry here; its sample kind lists it by itself.
export const METRICS: readonly MetricDefinition[] = [
  {
    key: 'install_duration_ms',
    sampleKind: 'package_transaction',
    title: 'Install time',
    description: 'Wall time of the whole dnf transaction, from start to finish.',
    direction: 'LOWER_IS_BETTER',
    ...duration,
  },
  {
    key: 'rpm_duration_ms',
    sampleKind: 'package_transaction',
    title: 'RPM phase time',
    description:
      'Time spent in the rpm phase of the transaction (unpacking and scriptlets), without resolving and downloading.',
    direction: 'LOWER_IS_BETTER',
    ...duration,
  },
  {
    key: 'download_bytes',
    sampleKind: 'package_transaction',
    title: 'Downloaded',
    description: 'Bytes downloaded for the transaction.',
    direction: 'LOWER_IS_BETTER',
    ...size,
  },
  {
    key: 'disk_used_delta_bytes',
    sampleKind: 'package_transaction',
    title: 'Disk used change',
    description:
      'Used bytes of the root filesystem after the transaction minus before it; negative when it freed space.',
    direction: 'LOWER_IS_BETTER',
    ...size,
    min: -Number.MAX_SAFE_INTEGER,
  },
  {
    key: 'free_space_drop_bytes',
    sampleKind: 'package_transaction',
    title: 'Free-space low point',
    description:
      'How far free space on the root filesystem fell, at its lowest during the transaction (downloads included), below where it was at the start: the room an update needs, which RPM copy-on-write raises.',
    direction: 'LOWER_IS_BETTER',
    ...size,
  },
  {
    key: 'rpm_cpu_ms',
    sampleKind: 'package_transaction',
    title: 'RPM phase CPU time',
    description:
      'CPU time (user and system) of the dnf process during the rpm phase, scriptlets excluded, as the dnf hook reads it.',
    direction: 'LOWER_IS_BETTER',
    ...duration,
  },
  {
    key: 'disk_used_bytes',
    sampleKind: 'disk_snapshot',
    title: 'Disk used',
    description: 'Used bytes of the root filesystem.',
    direction: 'LOWER_IS_BETTER',
    ...size,
  },
  {
    key: 'dnf_cache_bytes',
    sampleKind: 'disk_snapshot',
    title: 'dnf cache size',
    description:
      'Bytes held by the dnf cache (with RPM copy-on-write it holds uncompressed packages).',
    direction: 'LOWER_IS_BETTER',
    ...size,
  },
  {
    key: 'boot_duration_ms',
    sampleKind: 'boot',
    title: 'Boot time',
    description:
      'Time from firmware hand-off until the default target is reached, as systemd-analyze reports it.',
    direction: 'LOWER_IS_BETTER',
    ...duration,
  },
];

const KINDS: readonly Omit<SampleKindDefinition, 'metrics'>[] = [
  {
    key: 'package_transaction',
    title: 'Package transaction',
    description: 'One dnf transaction (install, upgrade, remove...) on a host.',
    // Package count is context rather than a metric: it explains a duration, it is
    // not something a change tries to make better, and it segments by size.
    contextKeys: ['action', 'packages', 'tool', 'toolVersion'],
  },
  {
    key: 'disk_snapshot',
    title: 'Disk snapshot',
    description: 'Disk usage measured at one moment.',
    contextKeys: [],
  },
  {
    key: 'boot',
    title: 'Boot',
    description: 'One boot of a host.',
    contextKeys: [],
  },
];

export const SAMPLE_KINDS: readonly SampleKindDefinition[] = KINDS.map((kind) => ({
  ...kind,
  metrics: METRICS.filter((metric) => metric.sampleKind === kind.key).map((metric) => metric.key),
}));

export const METRIC_KEYS: readonly string[] = METRICS.map((metric) => metric.key);

export function findMetric(key: string): MetricDefinition | undefined {
  return METRICS.find((metric) => metric.key === key);
}

export function findSampleKind(key: string): SampleKindDefinition | undefined {
  return SAMPLE_KINDS.find((kind) => kind.key === key);
}
