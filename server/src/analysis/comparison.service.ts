import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  findMetric,
  histogramFromBuckets,
  histogramOf,
  HOST_MEAN_SCALE,
  type CountedValue,
  meanIntervalFromMoments,
  quantile,
  sketchBucketOf,
  type Histogram,
} from '@fleetlab/shared';
import { AppConfig } from '../config/app-config.js';
import { badInput } from '../common/graphql-errors.js';
import type { ExperimentEntity } from '../experiments/experiment.entity.js';
import { ExperimentsService } from '../experiments/experiments.service.js';
import { FolderService } from '../folding/folder.service.js';
import {
  compareMetricFromAggregates,
  hostMeansForRanks,
  type HostMeanBuckets,
} from './aggregate-comparison.js';
import {
  AGGREGATED_DIMENSIONS,
  readArmDays,
  readDailyMoments,
  readHistogramRows,
  readExactHostMeans,
  readHostMeanBuckets,
  readHostValues,
  readMoments,
  readTally,
  segmentKey,
  type ArmDay,
  type ArmMetricMoments,
  type RollupFilter,
  type TallyRow,
} from './analysis.queries.js';
import {
  compareMetric,
  distributions,
  sequentialPlanOf,
  type HostValueComparison,
} from './arm-comparison.js';
import type { ArmDayPoint, ArmSummary, Comparison, HealthCheck } from './comparison.model.js';
import { AnalysisMethod } from './dto/analysis-method.js';
import { Inference } from './dto/inference.js';
import type { SegmentInput } from './dto/segment.input.js';
import type { WindowInput } from './dto/window.input.js';
import { windowDays } from './window-days.js';
import { metricChecks, stackAndBalanceChecks } from './health-checks.js';
import type { HostValue } from './host-values.js';

/**
 * The parts of a comparison that cost reads of their own; a query that selects none of
 * a part's fields gets it empty (arms' percentiles null, no distributions or series,
 * no health checks, Mann-Whitney fields null).
 */
export interface ComparisonParts {
  percentiles: boolean;
  distributions: boolean;
  timeSeries: boolean;
  health: boolean;
  mannWhitney: boolean;
}

export const ALL_PARTS: ComparisonParts = {
  percentiles: true,
  distributions: true,
  timeSeries: true,
  health: true,
  mannWhitney: true,
};

/** The parts a query's selected fields (see selectedFields) need. */
export function partsOf(fields: ReadonlySet<string>): ComparisonParts {
  const any = (...paths: string[]): boolean => paths.some((p) => fields.has(p));
  return {
    percentiles: any('arms.median', 'arms.p90', 'arms.p99'),
    distributions: any('distributions', 'distributionOf'),
    timeSeries: any('timeSeries'),
    health: any('health'),
    mannWhitney: any(
      'comparisons.mannWhitneyP',
      'comparisons.hodgesLehmann',
      'comparisons.hlCiLow',
      'comparisons.hlCiHigh',
    ),
  };
}

/**
 * Treatment against baseline for one metric, from rollups only, by one of two paths:
 * EXACT reads one value per host and metric (results equal R's; cost grows with
 * hosts), AGGREGATED the per-arm aggregates the folder keeps (cost independent of
 * hosts). Percentiles come from the per-arm sample histograms either way, health from
 * the enrollment tally.
 */
@Injectable()
export class ComparisonService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly experiments: ExperimentsService,
    private readonly folder: FolderService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Every metric of the experiment. What does not depend on the metric (the
   * experiment, every host value or arm aggregate, the tally) is read once.
   */
  async compareAll(
    slug: string,
    segment?: SegmentInput | null,
    window?: WindowInput | null,
    method: AnalysisMethod = AnalysisMethod.AUTO,
    parts: ComparisonParts = ALL_PARTS,
    inference: Inference = Inference.SEQUENTIAL,
  ): Promise<Comparison[]> {
    const shared = await this.readShared(
      slug,
      { segment, ...windowDays(window, this.config.FLEETLAB_RETENTION_DAYS) },
      method,
      parts,
      inference,
    );
    return Promise.all(
      (shared.experiment.metrics ?? []).map((m) => this.compareMetricOf(shared, m.metric)),
    );
  }

  async compare(
    slug: string,
    metricKey: string,
    segment?: SegmentInput | null,
    window?: WindowInput | null,
    method: AnalysisMethod = AnalysisMethod.AUTO,
    parts: ComparisonParts = ALL_PARTS,
    inference: Inference = Inference.SEQUENTIAL,
  ): Promise<Comparison> {
    return this.compareMetricOf(
      await this.readShared(
        slug,
        { segment, ...windowDays(window, this.config.FLEETLAB_RETENTION_DAYS) },
        method,
        parts,
        inference,
      ),
      metricKey,
    );
  }

  /** The reads a comparison of any of the experiment's metrics needs, side by side. */
  private async readShared(
    slug: string,
    filter: RollupFilter,
    requested: AnalysisMethod,
    parts: ComparisonParts,
    inference: Inference,
  ): Promise<SharedReads> {
    const experiment = await this.experiments.bySlug(slug);
    const [tally, asOf] = await Promise.all([
      readTally(this.dataSource, [experiment.id]),
      this.folder.asOf(),
    ]);
    const method = this.methodFor(tally, filter, requested);
    const arms = experiment.arms ?? [];
    const base = {
      experiment,
      filter,
      parts,
      tally,
      asOf,
      inference,
      stackHealth: parts.health ? stackAndBalanceChecks(arms, tally) : [],
    };
    if (method === AnalysisMethod.AGGREGATED) {
      const moments = await readMoments(this.dataSource, experiment.id, segmentKey(filter.segment));
      return { ...base, method, moments };
    }
    const values = await readHostValues(this.dataSource, experiment.id, filter);
    return { ...base, method, values };
  }

  /** AUTO takes the aggregates for a large experiment where they answer the question. */
  private methodFor(
    tally: readonly TallyRow[],
    filter: RollupFilter,
    requested: AnalysisMethod,
  ): 'EXACT' | 'AGGREGATED' {
    const aggregatable =
      !filter.fromDay &&
      !filter.toDay &&
      (!filter.segment || AGGREGATED_DIMENSIONS.has(filter.segment.dimension));
    if (requested === AnalysisMethod.AGGREGATED) {
      if (!aggregatable) {
        throw badInput(
          'method AGGREGATED answers the whole experiment, for all hosts or a ROOT_FS_TYPE or ARCH segment; use EXACT (or AUTO) with a window or another segment.',
          { field: 'method' },
        );
      }
      return AnalysisMethod.AGGREGATED;
    }
    if (requested === AnalysisMethod.EXACT || !aggregatable) return AnalysisMethod.EXACT;
    return enrolled(tally) > this.config.FLEETLAB_EXACT_ANALYSIS_MAX_HOSTS
      ? AnalysisMethod.AGGREGATED
      : AnalysisMethod.EXACT;
  }

  private async compareMetricOf(shared: SharedReads, metricKey: string): Promise<Comparison> {
    const { experiment, filter, parts } = shared;
    const slug = experiment.slug;
    const segment = filter.segment;
    const metrics = experiment.metrics ?? [];
    const judged = metrics.find((m) => m.metric === metricKey);
    const metric = findMetric(metricKey);
    if (!metric || !judged) {
      throw badInput(
        `Experiment "${slug}" is not judged on metric ${JSON.stringify(metricKey)}; its metrics are ${metrics.map((m) => m.metric).join(', ')}.`,
        { field: 'metric' },
      );
    }
    const arms = experiment.arms ?? [];
    // The sample histograms are per arm, not per host: they answer the whole fleet only.
    const aggregated = shared.method === AnalysisMethod.AGGREGATED;
    // Mann-Whitney reads every host's mean where that stays cheap, else the histogram.
    const exactRanks =
      aggregated &&
      parts.mannWhitney &&
      enrolled(shared.tally) <= this.config.FLEETLAB_EXACT_RANKS_MAX_HOSTS;
    const [percentiles, timeSeries, hostMeans, exactMeans] = await Promise.all([
      segment || !(parts.percentiles || parts.distributions)
        ? null
        : this.percentiles(experiment.id, metricKey, filter),
      parts.timeSeries ? this.timeSeries(shared, metricKey) : [],
      aggregated && ((parts.mannWhitney && !exactRanks) || (segment && parts.distributions))
        ? this.hostMeans(shared, metricKey)
        : null,
      exactRanks ? this.exactHostMeans(shared, metricKey) : null,
    ]);
    const inference = { inference: shared.inference, plan: sequentialPlanOf(experiment) };
    let result: HostValueComparison;
    let hostMeanHistograms: Histogram[];
    if (shared.method === AnalysisMethod.AGGREGATED) {
      result = compareMetricFromAggregates(
        arms,
        metrics,
        metricKey,
        metric.direction,
        shared.moments,
        !parts.mannWhitney
          ? null
          : (exactMeans ??
              (hostMeans && hostMeansForRanks(hostMeans, arms.find((a) => a.baseline)!.id))),
        inference,
      );
      hostMeanHistograms = arms.map((arm) => sketchOfHostMeans(hostMeans?.get(arm.id) ?? []));
    } else {
      const { values } = shared;
      result = compareMetric(arms, metrics, metricKey, metric.direction, values, {
        ...inference,
        withMannWhitney: parts.mannWhitney,
      });
      hostMeanHistograms = parts.distributions
        ? arms.map((arm) =>
            histogramOf(
              values.filter((v) => v.metric === metricKey && v.armId === arm.id).map((v) => v.mean),
            ),
          )
        : [];
    }

    const summaries: ArmSummary[] = result.arms.map((summary, i) => {
      const histogram = percentiles?.get(arms[i]!.id);
      const q = (p: number): number | null => (histogram ? (quantile(histogram, p) ?? null) : null);
      return { ...summary, median: q(0.5), p90: q(0.9), p99: q(0.99) };
    });
    const health: HealthCheck[] = parts.health
      ? [...metricChecks(arms, summaries, shared.tally, shared.inference), ...shared.stackHealth]
      : [];
    return {
      experimentSlug: slug,
      metric: metricKey,
      method: shared.method,
      inference: shared.inference,
      plannedHostsPerArm: inference.plan.plannedHostsPerArm,
      asOf: shared.asOf,
      distributionOf: percentiles ? 'SAMPLES' : 'HOST_MEANS',
      distributions: parts.distributions
        ? distributions(
            arms.map((a) => a.key),
            arms.map((arm, i) => percentiles?.get(arm.id) ?? hostMeanHistograms[i]!),
          )
        : [],
      segment: segment ? `${segment.dimension}=${segment.value}` : null,
      window: { from: filter.fromDay ?? null, to: filter.toDay ?? null },
      timeSeries,
      arms: summaries,
      comparisons: result.comparisons,
      health,
    };
  }

  private async timeSeries(shared: SharedReads, metric: string): Promise<ArmDayPoint[]> {
    const { experiment, filter } = shared;
    const arms = experiment.arms ?? [];
    const keyOf = new Map(arms.map((a) => [a.id, a.key]));
    const order = new Map(arms.map((a, i) => [a.id, i]));
    const days: ArmDay[] =
      shared.method === AnalysisMethod.AGGREGATED
        ? await readDailyMoments(this.dataSource, experiment.id, metric, segmentKey(filter.segment))
        : await readArmDays(this.dataSource, experiment.id, metric, filter);
    // By day, then in the experiment's order of arms.
    days.sort((a, b) =>
      a.day === b.day ? order.get(a.armId)! - order.get(b.armId)! : a.day < b.day ? -1 : 1,
    );
    return days.map((d) => {
      const interval = meanIntervalFromMoments(d.hosts, d.mean, d.variance ?? NaN);
      return {
        armKey: keyOf.get(d.armId) ?? d.armId,
        day: d.day,
        hosts: interval.n,
        samples: d.samples,
        mean: interval.mean,
        ciLow: interval.low,
        ciHigh: interval.high,
      };
    });
  }

  private hostMeans(shared: SharedReads, metric: string): Promise<Map<string, HostMeanBuckets>> {
    return readHostMeanBuckets(
      this.dataSource,
      shared.experiment.id,
      metric,
      segmentKey(shared.filter.segment),
    );
  }

  private async exactHostMeans(
    shared: SharedReads,
    metric: string,
  ): Promise<Map<string, CountedValue[]>> {
    const byArm = await readExactHostMeans(
      this.dataSource,
      shared.experiment.id,
      metric,
      shared.filter.segment,
    );
    return new Map(
      [...byArm].map(([armId, means]) => [armId, means.map((value) => ({ value, count: 1 }))]),
    );
  }

  private async percentiles(experimentId: string, metric: string, filter: RollupFilter) {
    const rows = await readHistogramRows(this.dataSource, experimentId, metric, filter);
    const byArm = new Map<string, typeof rows>();
    for (const row of rows) {
      const list = byArm.get(row.armId);
      if (list) list.push(row);
      else byArm.set(row.armId, [row]);
    }
    return new Map([...byArm].map(([armId, list]) => [armId, histogramFromBuckets(list)]));
  }
}

/** What every metric's comparison of one experiment, segment and window reads alike. */
type SharedReads = {
  experiment: ExperimentEntity;
  filter: RollupFilter;
  parts: ComparisonParts;
  tally: TallyRow[];
  asOf: Date;
  inference: Inference;
  stackHealth: HealthCheck[];
} & (
  { method: 'EXACT'; values: HostValue[] } | { method: 'AGGREGATED'; moments: ArmMetricMoments[] }
);

/** The hosts enrolled in the experiment, in any status. */
const enrolled = (tally: readonly TallyRow[]): number => tally.reduce((sum, t) => sum + t.hosts, 0);

/** Host means kept in fine buckets, put in the sample sketch's buckets for plotting. */
function sketchOfHostMeans(buckets: HostMeanBuckets): Histogram {
  return histogramFromBuckets(
    buckets.map((b) => ({
      bucket: sketchBucketOf(HOST_MEAN_SCALE.bucketValue(b.bucket)),
      count: b.hosts,
    })),
  );
}
