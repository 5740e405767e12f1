import { findMetric } from '@fleetlab/shared';
import { compareMetric, sequentialPlanOf } from '../analysis/arm-comparison.js';
import type { Comparison } from '../analysis/comparison.model.js';
import type { HostValue } from '../analysis/host-values.js';
import type { ChangeEntity } from '../changes/change.entity.js';
import type { ExperimentEntity } from '../experiments/experiment.entity.js';
import { factMix } from './fact-mix.js';
import type {
  HostAggregate,
  ReportComparison,
  ReportData,
  ReportResult,
  ReportSegment,
  SegmentDimensionKey,
} from './report-data.js';
import type { EnrolledHost } from './report-queries.js';

/** What ReportsService reads from the database for one export. */
export interface GatheredEvidence {
  experiment: ExperimentEntity;
  change: ChangeEntity;
  /** The comparison of all hosts, per metric the experiment is judged on, in its order. */
  overall: Comparison[];
  hosts: EnrolledHost[];
  /** Host-level values of the window, in any order. */
  values: HostValue[];
  baseUrl: string;
  engineVersion: string;
  generatedAt: Date;
}

const SEGMENT_FACTS: [SegmentDimensionKey, 'rootFsType' | 'arch'][] = [
  ['ROOT_FS_TYPE', 'rootFsType'],
  ['ARCH', 'arch'],
];

/**
 * ReportData from what was read. The statistics are worked out here, once, from the
 * one reading of host values (overall and within each root filesystem and arch), so
 * that they agree exactly with the aggregates the bundle publishes even while samples
 * keep arriving; percentiles, health checks and the per-day series come from the
 * comparisons.
 */
export function assembleReport(g: GatheredEvidence): ReportData {
  const { experiment, change, hosts } = g;
  const arms = experiment.arms ?? [];
  const judged = experiment.metrics ?? [];
  const values = inStatisticsOrder(g);
  // The inference of the comparisons read (anytime-valid by default), so that both agree.
  const inference = {
    inference: g.overall[0]?.inference ?? ('SEQUENTIAL' as const),
    plan: sequentialPlanOf(experiment),
  };
  const resultOf = (metric: string, of: HostValue[]): ReportResult => {
    const result = compareMetric(
      arms,
      judged,
      metric,
      findMetric(metric)!.direction,
      of,
      inference,
    );
    return {
      arms: result.arms.map((arm) => ({ ...arm, median: null, p90: null, p99: null })),
      comparisons: result.comparisons,
    };
  };
  return {
    generatedAt: g.generatedAt.toISOString(),
    baseUrl: g.baseUrl,
    engineVersion: g.engineVersion,
    window: g.overall[0]?.window ?? { from: null, to: null },
    change: {
      slug: change.slug,
      title: change.title,
      description: change.description,
      upstreamUrl: change.upstreamUrl,
    },
    experiment: {
      slug: experiment.slug,
      title: experiment.title,
      hypothesis: experiment.hypothesis,
      status: experiment.status,
      startedAt: experiment.startedAt?.toISOString() ?? null,
      pausedAt: experiment.pausedAt?.toISOString() ?? null,
      concludedAt: experiment.concludedAt?.toISOString() ?? null,
      targeting: experiment.targeting.map((r) => ({ fact: r.fact, op: r.op, values: r.values })),
      plannedHostsPerArm: inference.plan.plannedHostsPerArm,
      inference: inference.inference,
      arms: arms.map((a) => ({
        key: a.key,
        name: a.name,
        weight: a.weight,
        baseline: a.baseline,
        packages: a.packages,
        repos: a.repos,
        optedIn: hosts.filter((h) => h.optedIn && h.armId === a.id).length,
      })),
    },
    metrics: judged.map((m, i) => {
      const definition = findMetric(m.metric)!;
      return {
        key: m.metric,
        title: definition.title,
        unit: definition.unit,
        direction: definition.direction,
        sampleKind: definition.sampleKind,
        role: m.role,
        margin: m.margin,
        comparison: withPercentiles(resultOf(m.metric, values), g.overall[i]!),
      };
    }),
    segments: segmentsOf(g, values, resultOf),
    mix: factMix(
      hosts,
      arms.map((a) => a.id),
    ),
    hostAggregates: aggregatesOf(g, values),
  };
}

/**
 * The judged metrics' values by metric and arm in the experiment's order, then by host
 * id: the order the statistics add them up in, and the bundle lists them in.
 */
function inStatisticsOrder({ experiment, values }: GatheredEvidence): HostValue[] {
  const metricOrder = (experiment.metrics ?? []).map((m) => m.metric);
  const armOrder = (experiment.arms ?? []).map((a) => a.id);
  return values
    .filter((v) => metricOrder.includes(v.metric))
    .sort(
      (a, b) =>
        metricOrder.indexOf(a.metric) - metricOrder.indexOf(b.metric) ||
        armOrder.indexOf(a.armId) - armOrder.indexOf(b.armId) ||
        (a.hostId < b.hostId ? -1 : a.hostId > b.hostId ? 1 : 0),
    );
}

function segmentsOf(
  { experiment, hosts }: GatheredEvidence,
  values: HostValue[],
  resultOf: (metric: string, of: HostValue[]) => ReportResult,
): ReportSegment[] {
  const hostById = new Map(hosts.map((h) => [h.hostId, h]));
  return SEGMENT_FACTS.flatMap(([dimension, fact]) =>
    [...new Set(hosts.filter((h) => h.optedIn).map((h) => h[fact]))]
      .filter((value) => value !== null)
      .sort()
      .map((value) => {
        const inSegment = values.filter((v) => hostById.get(v.hostId)?.[fact] === value);
        return {
          dimension,
          value,
          comparisons: (experiment.metrics ?? []).map(({ metric }) => ({
            metric,
            comparison: resultOf(metric, inSegment),
          })),
        };
      }),
  );
}

function aggregatesOf(
  { experiment, hosts }: GatheredEvidence,
  values: HostValue[],
): HostAggregate[] {
  const armKey = new Map((experiment.arms ?? []).map((a) => [a.id, a.key]));
  const hostById = new Map(hosts.map((h) => [h.hostId, h]));
  return values.map((v) => ({
    metric: v.metric,
    arm: armKey.get(v.armId) ?? v.armId,
    hostId: v.hostId,
    rootFsType: hostById.get(v.hostId)?.rootFsType ?? null,
    arch: hostById.get(v.hostId)?.arch ?? null,
    count: v.count,
    mean: v.mean,
    preMean: v.preMean,
  }));
}

/** A result with the percentiles, health checks and series of the comparison of all hosts. */
function withPercentiles(result: ReportResult, comparison: Comparison): ReportComparison {
  return {
    arms: result.arms.map((arm) => {
      const { median, p90, p99 } = comparison.arms.find((a) => a.armKey === arm.armKey)!;
      return { ...arm, median, p90, p99 };
    }),
    comparisons: result.comparisons,
    health: comparison.health,
    window: comparison.window,
    timeSeries: comparison.timeSeries,
  };
}
