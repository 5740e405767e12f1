import type { Inference, MetricDirection, MetricUnit, TargetingRule } from '@fleetlab/shared';
import type { ArmComparison, ArmSummary, Comparison } from '../analysis/comparison.model.js';

/**
 * Everything an export shows, gathered once by ReportsService and handed to the pure
 * renderers (MediaWiki, Markdown, CSV, JSON, SVG). Plain data: no entities, no I/O.
 */
export interface ReportData {
  /** ISO timestamp; the only value that differs between two exports of the same data. */
  generatedAt: string;
  /** Where the dashboard and the downloads are, e.g. https://fleetlab.example.org. */
  baseUrl: string;
  /** Version of @fleetlab/shared, the statistics engine. */
  engineVersion: string;
  /** The UTC days compared, inclusive; null for an open end. */
  window: { from: string | null; to: string | null };
  change: ReportChange;
  experiment: ReportExperiment;
  /** One per metric the experiment is judged on, in the experiment's order. */
  metrics: ReportMetric[];
  /** The same comparisons within each root filesystem and each arch. */
  segments: ReportSegment[];
  /** Facts of the opted-in hosts, counted per arm. */
  mix: FactMix[];
  /** Per host and metric: what the statistics are computed from, sorted by metric, arm, host. */
  hostAggregates: HostAggregate[];
}

export interface ReportChange {
  slug: string;
  title: string;
  description: string | null;
  upstreamUrl: string | null;
}

export interface ReportExperiment {
  slug: string;
  title: string;
  hypothesis: string | null;
  status: string;
  startedAt: string | null;
  pausedAt: string | null;
  concludedAt: string | null;
  targeting: TargetingRule[];
  /** Hosts per arm its confidence sequences are tuned for (its plan, or the default). */
  plannedHostsPerArm: number;
  /** How every comparison of the export draws its intervals and verdicts. */
  inference: Inference;
  /** In the experiment's order; exactly one is the baseline. */
  arms: ReportArm[];
}

export interface ReportArm {
  key: string;
  name: string | null;
  weight: number;
  baseline: boolean;
  /** name-version-release */
  packages: string[];
  repos: string[];
  /** Hosts opted in now. */
  optedIn: number;
}

export interface ReportMetric {
  key: string;
  title: string;
  unit: MetricUnit;
  direction: MetricDirection;
  sampleKind: string;
  role: 'PRIMARY' | 'GUARDRAIL';
  margin: number | null;
  comparison: ReportComparison;
}

/** The arms and each treatment against the baseline, from the host aggregates. */
export interface ReportResult {
  arms: ArmSummary[];
  comparisons: ArmComparison[];
}

/** A metric over all hosts: also the health checks and the per-day series. */
export type ReportComparison = ReportResult & Pick<Comparison, 'health' | 'window' | 'timeSeries'>;

export type SegmentDimensionKey = 'ROOT_FS_TYPE' | 'ARCH';

export interface ReportSegment {
  dimension: SegmentDimensionKey;
  value: string;
  /** Per metric, in the experiment's order; arms without percentiles (they are of all hosts). */
  comparisons: { metric: string; comparison: ReportResult }[];
}

export interface FactMix {
  /** rootFsType, reflink, arch or os. */
  fact: string;
  /** Each value with its count of hosts per arm, in the experiment's order of arms. */
  values: { value: string; hostsPerArm: number[] }[];
}

export interface HostAggregate {
  metric: string;
  arm: string;
  hostId: string;
  rootFsType: string | null;
  arch: string | null;
  /** Samples behind the host-level value. */
  count: number;
  /** The host-level value: the mean of its samples in the window. */
  mean: number;
  /** The mean of its samples before it opted in, if it has any. */
  preMean: number | null;
}
