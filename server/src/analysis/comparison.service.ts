import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  findMetric,
  histogramFromBuckets,
  histogramOf,
  meanIntervalFromMoments,
  quantile,
} from '@fleetlab/shared';
import { badInput } from '../common/graphql-errors.js';
import type { ExperimentEntity } from '../experiments/experiment.entity.js';
import { ExperimentsService } from '../experiments/experiments.service.js';
import { compareMetric, distributions } from './arm-comparison.js';
import { dayOf } from '../telemetry/rollups.js';
import type { ArmDayPoint, ArmSummary, Comparison, HealthCheck } from './comparison.model.js';
import type { SegmentInput } from './dto/segment.input.js';
import type { WindowInput } from './dto/window.input.js';
import { HealthChecksService } from './health-checks.service.js';
import type { HostValue } from './host-values.js';
import {
  readArmDays,
  readHistogramRows,
  readHostValues,
  type RollupFilter,
} from './rollup-queries.js';

/**
 * Treatment against baseline for one metric, from rollups only: host-level values
 * (one per host, the unit of randomisation) for the tests, the per-arm histograms
 * for percentiles. Its cost grows with hosts and with the days and buckets of the
 * histograms (past days are compacted), not with samples.
 */
/** What every metric's comparison of one experiment, segment and window reads alike. */
interface SharedReads {
  experiment: ExperimentEntity;
  filter: RollupFilter;
  values: HostValue[];
  stackHealth: HealthCheck[];
}

@Injectable()
export class ComparisonService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly experiments: ExperimentsService,
    private readonly healthChecks: HealthChecksService,
  ) {}

  /**
   * Every metric of the experiment. What does not depend on the metric (the
   * experiment, every host value, the stack and balance checks) is read once.
   */
  async compareAll(
    slug: string,
    segment?: SegmentInput | null,
    window?: WindowInput | null,
  ): Promise<Comparison[]> {
    const shared = await this.readShared(slug, { segment, ...windowDays(window) });
    const results: Comparison[] = [];
    for (const m of shared.experiment.metrics ?? []) {
      results.push(await this.compareMetricOf(shared, m.metric));
    }
    return results;
  }

  async compare(
    slug: string,
    metricKey: string,
    segment?: SegmentInput | null,
    window?: WindowInput | null,
  ): Promise<Comparison> {
    return this.compareMetricOf(
      await this.readShared(slug, { segment, ...windowDays(window) }),
      metricKey,
    );
  }

  /** The reads a comparison of any of the experiment's metrics needs, side by side. */
  private async readShared(slug: string, filter: RollupFilter): Promise<SharedReads> {
    const experiment = await this.experiments.bySlug(slug);
    const [values, stackHealth] = await Promise.all([
      readHostValues(this.dataSource, experiment.id, filter),
      this.healthChecks.stackAndBalance(experiment),
    ]);
    return { experiment, filter, values, stackHealth };
  }

  private async compareMetricOf(shared: SharedReads, metricKey: string): Promise<Comparison> {
    const { experiment, filter, values, stackHealth } = shared;
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
    // The histograms are per arm, not per host: they answer the whole fleet only.
    const [percentiles, timeSeries] = await Promise.all([
      segment ? null : this.percentiles(experiment.id, metricKey, filter),
      this.timeSeries(experiment, metricKey, filter),
    ]);
    const of = (metric: string, armId: string): HostValue[] =>
      values.filter((v) => v.metric === metric && v.armId === armId);
    const result = compareMetric(arms, metrics, metricKey, metric.direction, values);

    const summaries: ArmSummary[] = result.arms.map((summary, i) => {
      const histogram = percentiles?.get(arms[i]!.id);
      const q = (p: number): number | null => (histogram ? (quantile(histogram, p) ?? null) : null);
      return { ...summary, median: q(0.5), p90: q(0.9), p99: q(0.99) };
    });

    const histograms = arms.map(
      (arm) => percentiles?.get(arm.id) ?? histogramOf(of(metricKey, arm.id).map((v) => v.mean)),
    );
    return {
      experimentSlug: slug,
      metric: metricKey,
      distributionOf: percentiles ? 'SAMPLES' : 'HOST_MEANS',
      distributions: distributions(
        arms.map((a) => a.key),
        histograms,
      ),
      segment: segment ? `${segment.dimension}=${segment.value}` : null,
      window: { from: filter.fromDay ?? null, to: filter.toDay ?? null },
      timeSeries,
      arms: summaries,
      comparisons: result.comparisons,
      health: [...(await this.healthChecks.check(experiment, summaries)), ...stackHealth],
    };
  }

  private async timeSeries(
    experiment: ExperimentEntity,
    metric: string,
    filter: RollupFilter,
  ): Promise<ArmDayPoint[]> {
    const arms = experiment.arms ?? [];
    const keyOf = new Map(arms.map((a) => [a.id, a.key]));
    const order = new Map(arms.map((a, i) => [a.id, i]));
    const days = await readArmDays(this.dataSource, experiment.id, metric, filter);
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

/** The whole UTC days a window covers; a window that ends before it starts is refused. */
function windowDays(window?: WindowInput | null): { fromDay: string | null; toDay: string | null } {
  const from = window?.from ?? null;
  const to = window?.to ?? null;
  if (from && to && from.getTime() > to.getTime()) {
    throw badInput(
      `The window ends (${to.toISOString()}) before it starts (${from.toISOString()}); swap from and to.`,
      { field: 'window' },
    );
  }
  return { fromDay: from ? dayOf(from) : null, toDay: to ? dayOf(to) : null };
}
