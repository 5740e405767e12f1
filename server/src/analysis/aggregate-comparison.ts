import {
  cupedFromMoments,
  HOST_MEAN_SCALE,
  inferDifference,
  judgeMetric,
  mannWhitneyFromCounts,
  type ArmMoments,
  type CountedValue,
  type MetricDirection,
} from '@fleetlab/shared';
import type { ArmMetricMoments } from './analysis.queries.js';
import {
  judgeArm,
  SKIPPED_MANN_WHITNEY,
  type ArmExtras,
  type HostValueComparison,
  type InferenceOptions,
} from './arm-comparison.js';

/** One arm's host-mean histogram of one metric: bucket keys of HOST_MEAN_SCALE and host counts. */
export type HostMeanBuckets = readonly { bucket: number; hosts: number }[];

/** The buckets as values with counts, each bucket's hosts at the bucket's value. */
export function countedHostMeans(buckets: HostMeanBuckets): CountedValue[] {
  return buckets.map((b) => ({ value: HOST_MEAN_SCALE.bucketValue(b.bucket), count: b.hosts }));
}

/** An arm's aggregates as the moments the statistics need (null: no host). */
export function momentsOfAggregates(m: ArmMetricMoments | undefined): ArmMoments | null {
  return m && m.hosts > 0 ? { n: m.hosts, mean: m.mean, variance: m.variance ?? NaN } : null;
}

/**
 * Mann-Whitney and CUPED of a treatment against the baseline from the arms' aggregates
 * (the path at fleet scale): CUPED from exact sums, so equal to the host-level path up
 * to rounding; Mann-Whitney and Hodges-Lehmann from the arms' host means, each given
 * with how many hosts have it: the hosts' own means, or a histogram's buckets (values
 * in one bucket count as tied; bench:fleet measures the difference).
 */
export function extrasOfAggregates(
  baseline: ArmMetricMoments | undefined,
  treatment: ArmMetricMoments | undefined,
  baselineMeans: readonly CountedValue[] | null,
  treatmentMeans: readonly CountedValue[] | null,
  options: InferenceOptions,
): ArmExtras {
  const enough = !!baseline && !!treatment && baseline.hosts >= 2 && treatment.hosts >= 2;
  return {
    mannWhitney:
      enough && baselineMeans && treatmentMeans
        ? mannWhitneyFromCounts(baselineMeans, treatmentMeans)
        : SKIPPED_MANN_WHITNEY,
    cuped:
      enough && baseline.cuped.n >= 2 && treatment.cuped.n >= 2
        ? inferDifference(
            cupedFromMoments(baseline.cuped, treatment.cuped),
            options.inference,
            options.plan,
          )
        : null,
  };
}

/**
 * compareMetric from aggregates: the arms' moments of every metric the experiment is
 * judged on (Holm runs over those metrics) and each arm's host means of this one, with
 * their counts (null when Mann-Whitney is not wanted). The difference, its interval, p-values and
 * verdict come from the same judgeMetric as the host-level path's.
 */
export function compareMetricFromAggregates(
  arms: readonly { id: string; key: string; baseline: boolean }[],
  metrics: readonly { metric: string; margin: number | null }[],
  metricKey: string,
  direction: MetricDirection,
  moments: readonly ArmMetricMoments[],
  hostMeans: ReadonlyMap<string, readonly CountedValue[]> | null,
  options: InferenceOptions,
): HostValueComparison {
  const of = (metric: string, armId: string): ArmMetricMoments | undefined =>
    moments.find((m) => m.metric === metric && m.armId === armId);
  const baseline = arms.find((a) => a.baseline)!;
  const metricIndex = metrics.findIndex((m) => m.metric === metricKey);
  const margin = metrics[metricIndex]?.margin ?? null;
  const summaries = arms.map((arm) => {
    const m = of(metricKey, arm.id);
    return {
      armKey: arm.key,
      baseline: arm.baseline,
      hosts: m?.hosts ?? 0,
      samples: m?.samples ?? 0,
      mean: m ? m.mean : null,
    };
  });
  const comparisons = arms
    .filter((a) => !a.baseline)
    .map((arm) => {
      const judged = judgeMetric(
        metrics.map((m) => ({
          baseline: momentsOfAggregates(of(m.metric, baseline.id)),
          treatment: momentsOfAggregates(of(m.metric, arm.id)),
        })),
        metricIndex,
        { direction, margin, inference: options.inference, plan: options.plan },
      );
      const extras = extrasOfAggregates(
        of(metricKey, baseline.id),
        of(metricKey, arm.id),
        hostMeans ? (hostMeans.get(baseline.id) ?? []) : null,
        hostMeans ? (hostMeans.get(arm.id) ?? []) : null,
        options,
      );
      return judgeArm(arm.key, options, judged, extras, {
        margin,
        direction,
        metricsJudged: metrics.length,
      });
    });
  return { arms: summaries, comparisons };
}
