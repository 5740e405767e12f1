import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  cuped,
  findMetric,
  histogramBins,
  histogramFromBuckets,
  histogramKeyRange,
  histogramOf,
  mergeHistograms,
  type Histogram,
  holm,
  hostsNeeded,
  independenceTest,
  mannWhitney,
  quantile,
  sampleRatioMismatch,
  stackMatches,
  verdict,
  welchTest,
} from '@fleetlab/shared';
import { badInput } from '../common/graphql-errors.js';
import type { ExperimentEntity } from '../experiments/experiment.entity.js';
import { ExperimentsService } from '../experiments/experiments.service.js';
import {
  HealthStatus,
  Verdict,
  type ArmComparison,
  type ArmDistribution,
  type ArmSummary,
  type Comparison,
  type HealthCheck,
} from './comparison.model.js';
import { SegmentDimension, type SegmentInput } from './dto/segment.input.js';
import type { HistogramRow, HostValue } from './host-values.js';

/** Below this many hosts with data in an arm, intervals are too wide to trust. */
const MIN_HOSTS_PER_ARM = 10;

const SEGMENT_SQL: Record<SegmentDimension, string> = {
  [SegmentDimension.ROOT_FS_TYPE]: `h.facts->>'rootFsType' = $2`,
  [SegmentDimension.ARCH]: `h.facts->>'arch' = $2`,
  [SegmentDimension.LABEL]: `jsonb_exists(h.facts->'labels', $2)`,
};

/**
 * Treatment against baseline for one metric, from rollups only: host-level values
 * (one per host, the unit of randomisation) for the tests, the per-arm histograms
 * for percentiles. Its cost grows with hosts, never with samples.
 */
@Injectable()
export class ComparisonService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly experiments: ExperimentsService,
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
      health: await this.health(experiment, summaries),
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

  private async health(experiment: ExperimentEntity, arms: ArmSummary[]): Promise<HealthCheck[]> {
    const checks: HealthCheck[] = [];
    const experimentArms = experiment.arms ?? [];
    const enrolled = await this.dataSource.query<{ arm_id: string; n: number }[]>(
      `SELECT arm_id, count(*)::int AS n FROM enrollment WHERE experiment_id = $1 GROUP BY arm_id`,
      [experiment.id],
    );
    const counts = experimentArms.map((a) => enrolled.find((e) => e.arm_id === a.id)?.n ?? 0);
    const total = counts.reduce((s, n) => s + n, 0);
    if (total > 0) {
      const srm = sampleRatioMismatch(
        counts,
        experimentArms.map((a) => a.weight),
      );
      const split = experimentArms.map((a, i) => `${a.key} ${counts[i]}`).join(', ');
      checks.push(
        srm.mismatch
          ? {
              name: 'Sample ratio',
              status: HealthStatus.FAILED,
              message: `The arms hold ${split} hosts, which the weights make very unlikely (chi-square p = ${srm.p.toExponential(2)}). Something assigns or loses hosts unevenly; find it before trusting any result.`,
            }
          : {
              name: 'Sample ratio',
              status: HealthStatus.OK,
              message: `The arms hold ${split} hosts, as the weights lead one to expect (p = ${srm.p.toPrecision(2)}).`,
            },
      );
    }
    const samples = arms.reduce((s, a) => s + a.samples, 0);
    if (samples === 0) {
      checks.push({
        name: 'Data',
        status: HealthStatus.FAILED,
        message:
          'No samples for this metric from opted-in hosts yet: run `fleetlab-agent report` (or `run -- dnf ...`) on them.',
      });
    } else {
      const thin = arms.filter((a) => a.hosts < MIN_HOSTS_PER_ARM);
      checks.push(
        thin.length
          ? {
              name: 'Hosts',
              status: HealthStatus.WARNING,
              message: `${thin.map((a) => `${a.armKey} has ${a.hosts}`).join(', ')} host(s) with data; below ${MIN_HOSTS_PER_ARM} per arm intervals are too wide to trust. Opt more hosts in.`,
            }
          : {
              name: 'Hosts',
              status: HealthStatus.OK,
              message: `Every arm has at least ${MIN_HOSTS_PER_ARM} hosts with data.`,
            },
      );
    }
    checks.push(...(await this.stackAndBalance(experiment)));
    return checks;
  }

  /** Exposure, contamination and balance of strata, from the opted-in hosts' facts. */
  private async stackAndBalance(experiment: ExperimentEntity): Promise<HealthCheck[]> {
    const arms = experiment.arms ?? [];
    const hosts = await this.dataSource.query<
      {
        arm_id: string;
        fs: string | null;
        arch: string | null;
        packages: Record<string, string> | null;
      }[]
    >(
      `SELECT e.arm_id, h.facts->>'rootFsType' AS fs, h.facts->>'arch' AS arch, h.facts->'packages' AS packages
         FROM enrollment e JOIN host h ON h.id = e.host_id
        WHERE e.experiment_id = $1 AND e.status = 'OPTED_IN'`,
      [experiment.id],
    );
    if (hosts.length === 0) return [];
    const checks: HealthCheck[] = [];
    const armOf = new Map(arms.map((a) => [a.id, a]));
    const withStack = arms.filter((a) => a.packages.length > 0);

    let known = 0;
    const unexposed = new Map<string, number>();
    let contaminated = 0;
    for (const host of hosts) {
      const arm = armOf.get(host.arm_id)!;
      const own = stackMatches(arm.packages, host.packages ?? undefined);
      if (own === undefined) continue;
      known += 1;
      if (!own) unexposed.set(arm.key, (unexposed.get(arm.key) ?? 0) + 1);
      if (
        arm.baseline &&
        withStack.some(
          (t) => !t.baseline && stackMatches(t.packages, host.packages ?? undefined) === true,
        )
      ) {
        contaminated += 1;
      }
    }
    if (withStack.length > 0) {
      const missing = [...unexposed].reduce((sum, [, n]) => sum + n, 0);
      const unknown = hosts.length - known;
      const unknownNote = unknown
        ? ` ${unknown} host(s) report no versions of the arms' packages; \`fleetlab-agent facts --send\` on them tells.`
        : '';
      checks.push(
        known === 0
          ? {
              name: 'Exposure',
              status: HealthStatus.WARNING,
              message: `No opted-in host reports the versions of its arm's packages, so exposure is unknown.${unknownNote}`,
            }
          : missing / known > 0.05
            ? {
                name: 'Exposure',
                status: HealthStatus.WARNING,
                message: `${[...unexposed].map(([key, n]) => `${n} ${key} host(s)`).join(', ')} do not run their arm's stack (${missing} of ${known} with known versions). Check that the arm's repositories are enabled and its packages installed there; unexposed hosts dilute the effect.${unknownNote}`,
              }
            : {
                name: 'Exposure',
                status: HealthStatus.OK,
                message: `${known - missing} of ${known} hosts with known versions run their arm's stack.${unknownNote}`,
              },
      );
      checks.push(
        contaminated > 0
          ? {
              name: 'Contamination',
              status: HealthStatus.WARNING,
              message: `${contaminated} baseline host(s) run a treatment stack: they are contaminated and pull the arms together. Remove the treatment packages there or opt them out.`,
            }
          : {
              name: 'Contamination',
              status: HealthStatus.OK,
              message: 'No baseline host runs a treatment stack.',
            },
      );
    }

    for (const [name, key] of [
      ['root filesystem', 'fs'],
      ['arch', 'arch'],
    ] as const) {
      const strata = [...new Set(hosts.map((h) => h[key] ?? 'unknown'))].sort();
      const table = arms.map((arm) =>
        strata.map(
          (stratum) =>
            hosts.filter((h) => h.arm_id === arm.id && (h[key] ?? 'unknown') === stratum).length,
        ),
      );
      const test = independenceTest(table);
      const mix = arms
        .map(
          (arm, i) =>
            `${arm.key}: ${strata.map((stratum, j) => `${stratum} ${table[i]![j]}`).join(', ')}`,
        )
        .join('; ');
      checks.push(
        test.p < 0.001
          ? {
              name: `Balance of ${name}`,
              status: HealthStatus.WARNING,
              message: `The ${name} mix differs between arms more than chance explains (p = ${test.p.toExponential(2)}; ${mix}). Compare within segments rather than overall.`,
            }
          : {
              name: `Balance of ${name}`,
              status: HealthStatus.OK,
              message: `The ${name} mix is alike across arms (${mix}).`,
            },
      );
    }
    return checks;
  }
}

const DISTRIBUTION_BINS = 40;

/** Histograms of the arms on one set of bins, and their ECDFs at the bins' upper edges. */
function distributions(armKeys: string[], histograms: Histogram[]): ArmDistribution[] {
  const range = histogramKeyRange(mergeHistograms(...histograms));
  return armKeys.map((armKey, i) => {
    const bins = range ? histogramBins(histograms[i]!, DISTRIBUTION_BINS, range) : [];
    const total = bins.reduce((sum, bin) => sum + bin.count, 0);
    let below = 0;
    return {
      armKey,
      bins,
      ecdf: total
        ? bins.map((bin) => {
            below += bin.count;
            return { value: bin.to, fraction: below / total };
          })
        : [],
    };
  });
}

interface JudgeOptions {
  direction: 'LOWER_IS_BETTER' | 'HIGHER_IS_BETTER';
  margin: number | null;
  adjustedP: number | null;
}

function compareArm(
  armKey: string,
  baseline: HostValue[],
  treatment: HostValue[],
  options: JudgeOptions,
): ArmComparison {
  const empty: ArmComparison = {
    armKey,
    absoluteDiff: null,
    relativeDiff: null,
    ciLow: null,
    ciHigh: null,
    welchP: null,
    mannWhitneyP: null,
    hodgesLehmann: null,
    hlCiLow: null,
    hlCiHigh: null,
    cupedRelativeDiff: null,
    adjustedP: null,
    verdict: Verdict.INCONCLUSIVE,
    hostsNeeded: null,
  };
  if (baseline.length < 2 || treatment.length < 2) return empty;
  const b = baseline.map((v) => v.mean);
  const t = treatment.map((v) => v.mean);
  const welch = welchTest(b, t);
  const mw = mannWhitney(b, t);
  const withPre = (values: HostValue[]) =>
    values.filter((v) => v.preMean !== null).map((v) => ({ value: v.mean, pre: v.preMean! }));
  const cupedBaseline = withPre(baseline);
  const cupedTreatment = withPre(treatment);
  const adjusted =
    cupedBaseline.length >= 2 && cupedTreatment.length >= 2
      ? cuped(cupedBaseline, cupedTreatment)
      : null;
  const finite = (x: number | undefined | null): number | null =>
    x === undefined || x === null || !Number.isFinite(x) ? null : x;
  const judged = verdict({
    direction: options.direction,
    margin: options.margin,
    relativeDiff: welch.relativeDiff,
    relCiLow: welch.relCiLow,
    relCiHigh: welch.relCiHigh,
    adjustedP: options.adjustedP ?? welch.p,
  });
  return {
    armKey,
    absoluteDiff: finite(welch.absoluteDiff),
    relativeDiff: finite(welch.relativeDiff),
    ciLow: finite(welch.relCiLow),
    ciHigh: finite(welch.relCiHigh),
    welchP: finite(welch.p),
    mannWhitneyP: finite(mw.p),
    hodgesLehmann: finite(mw.shift),
    hlCiLow: finite(mw.shiftCiLow),
    hlCiHigh: finite(mw.shiftCiHigh),
    cupedRelativeDiff: finite(adjusted?.relativeDiff),
    adjustedP: finite(options.adjustedP),
    verdict: judged as Verdict,
    hostsNeeded:
      judged === 'INCONCLUSIVE'
        ? hostsNeeded({
            nPerArm: Math.min(b.length, t.length),
            seRelative: welch.seRelative,
            relativeDiff: welch.relativeDiff,
            margin: options.margin,
            direction: options.direction,
          })
        : null,
  };
}
