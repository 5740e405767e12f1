import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  findMetric,
  histogramFromBuckets,
  histogramOf,
  holm,
  quantile,
  welchTest,
} from '@fleetlab/shared';
import { badInput } from '../common/graphql-errors.js';
import type { ExperimentEntity } from '../experiments/experiment.entity.js';
import { ExperimentsService } from '../experiments/experiments.service.js';
import { compareArm, distributions } from './arm-comparison.js';
import type { ArmComparison, ArmSummary, Comparison } from './comparison.model.js';
import { SegmentDimension, type SegmentInput } from './dto/segment.input.js';
import { HealthChecksService } from './health-checks.service.js';
import type { HistogramRow, HostValue } from './host-values.js';

const SEGMENT_SQL: Record<SegmentDimension, string> = {
  [SegmentDimension.ROOT_FS_TYPE]: `h.facts->>'rootFsType' = $2`,
  [SegmentDimension.ARCH]: `h.facts->>'arch' = $2`,
  [SegmentDimension.LABEL]: `jsonb_exists(h.facts->'labels', $2)`,
};

/**
 * Treatment against baseline for one metric, from rollups only: host-level values
 * (one per host, the unit of randomisation) for the tests, the per-arm histograms
 * for percentiles. Its cost grows with hosts and with the days and buckets of the
 * histograms (past days are compacted), not with samples.
 */
@Injectable()
export class ComparisonService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly experiments: ExperimentsService,
    private readonly healthChecks: HealthChecksService,
  ) {}

  async compare(
    slug: string,
    metricKey: string,
    segment?: SegmentInput | null,
  ): Promise<Comparison> {
    const experiment = await this.experiments.bySlug(slug);
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
    const baseline = arms.find((a) => a.baseline)!;
    const values = await this.hostValues(experiment, segment);
    const of = (metric: string, armId: string): HostValue[] =>
      values.filter((v) => v.metric === metric && v.armId === armId);

    // Holm over the experiment's metrics, per treatment arm, on Welch's p-values.
    const adjusted = new Map<string, number[]>();
    for (const arm of arms.filter((a) => !a.baseline)) {
      const ps = metrics.map((m) => {
        const b = of(m.metric, baseline.id).map((v) => v.mean);
        const t = of(m.metric, arm.id).map((v) => v.mean);
        return b.length >= 2 && t.length >= 2 ? welchTest(b, t).p : NaN;
      });
      adjusted.set(arm.id, holm(ps));
    }
    const metricIndex = metrics.indexOf(judged);

    const percentiles = segment ? null : await this.percentiles(experiment.id, metricKey);
    const summaries: ArmSummary[] = arms.map((arm) => {
      const hostValues = of(metricKey, arm.id);
      const histogram = percentiles?.get(arm.id);
      const q = (p: number): number | null => (histogram ? (quantile(histogram, p) ?? null) : null);
      return {
        armKey: arm.key,
        baseline: arm.baseline,
        hosts: hostValues.length,
        samples: hostValues.reduce((sum, v) => sum + v.count, 0),
        mean: hostValues.length
          ? hostValues.reduce((sum, v) => sum + v.mean, 0) / hostValues.length
          : null,
        median: q(0.5),
        p90: q(0.9),
        p99: q(0.99),
      };
    });

    const baselineValues = of(metricKey, baseline.id);
    const comparisons: ArmComparison[] = arms
      .filter((a) => !a.baseline)
      .map((arm) => {
        const treatmentValues = of(metricKey, arm.id);
        const adjustedP = adjusted.get(arm.id)?.[metricIndex];
        return compareArm(arm.key, baselineValues, treatmentValues, {
          direction: metric.direction,
          margin: judged.margin,
          adjustedP: adjustedP === undefined || Number.isNaN(adjustedP) ? null : adjustedP,
        });
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
      arms: summaries,
      comparisons,
      health: await this.healthChecks.check(experiment, summaries),
    };
  }

  private async hostValues(
    experiment: ExperimentEntity,
    segment?: SegmentInput | null,
  ): Promise<HostValue[]> {
    const rows = await this.dataSource.query<
      {
        metric: string;
        arm_id: string;
        host_id: string;
        count: number;
        mean: number;
        pre_mean: number | null;
      }[]
    >(
      `SELECT r.metric, r.arm_id, r.host_id, r.count::float8 AS count, r.sum / r.count AS mean,
              pre.sum / pre.count AS pre_mean
         FROM host_metric_rollup r
         JOIN host h ON h.id = r.host_id
         LEFT JOIN host_metric_rollup pre
           ON pre.experiment_id = r.experiment_id AND pre.host_id = r.host_id
          AND pre.metric = r.metric AND pre.period = 'PRE'
        WHERE r.experiment_id = $1 AND r.period = 'IN'${segment ? ` AND ${SEGMENT_SQL[segment.dimension]}` : ''}`,
      segment ? [experiment.id, segment.value] : [experiment.id],
    );
    return rows.map((r) => ({
      metric: r.metric,
      armId: r.arm_id,
      hostId: r.host_id,
      count: r.count,
      mean: r.mean,
      preMean: r.pre_mean,
    }));
  }

  private async percentiles(experimentId: string, metric: string) {
    const rows = await this.dataSource.query<{ arm_id: string; bucket: number; count: number }[]>(
      `SELECT arm_id, bucket, sum(count)::float8 AS count FROM arm_metric_histogram
        WHERE experiment_id = $1 AND metric = $2 GROUP BY arm_id, bucket`,
      [experimentId, metric],
    );
    const byArm = new Map<string, HistogramRow[]>();
    for (const r of rows) {
      const list = byArm.get(r.arm_id) ?? [];
      list.push({ armId: r.arm_id, bucket: r.bucket, count: r.count });
      byArm.set(r.arm_id, list);
    }
    return new Map([...byArm].map(([armId, list]) => [armId, histogramFromBuckets(list)]));
  }
}
