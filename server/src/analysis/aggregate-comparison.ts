import {
  cupedFromMoments,
  holm,
  HOST_MEAN_SCALE,
  mannWhitneyFromCounts,
  welchFromMoments,
  type CountedValue,
  type MetricDirection,
} from '@fleetlab/shared';
import type { ArmMetricMoments } from './analysis.queries.js';
import {
  judgeArm,
  SKIPPED_MANN_WHITNEY,
  type ArmTests,
  type HostValueComparison,
} from './arm-comparison.js';

/** One arm's host-mean histogram of one metric: bucket keys of HOST_MEAN_SCALE and host counts. */
export type HostMeanBuckets = readonly { bucket: number; hosts: number }[];

/** The buckets as values with counts, each bucket's hosts at the bucket's value. */
export function countedHostMeans(buckets: HostMeanBuckets): CountedValue[] {
  return buckets.map((b) => ({ value: HOST_MEAN_SCALE.bucketValue(b.bucket), count: b.hosts }));
}

/**
 * The tests of a treatment against the baseline from the arms' aggregates (the path
 * at fleet scale): Welch and CUPED from exact sums, so equal to the host-level path up
 * to rounding; Mann-Whitney and Hodges-Lehmann from the host-mean histograms, whose
 * 0.1%-wide buckets count as ties (bench:fleet measures the difference).
 */
export function testsOfAggregates(
  baseline: ArmMetricMoments | undefined,
  treatment: ArmMetricMoments | undefined,
  baselineMeans: HostMeanBuckets | null,
  treatmentMeans: HostMeanBuckets | null,
): ArmTests | null {
  if (!baseline || !treatment || baseline.hosts < 2 || treatment.hosts < 2) return null;
  const moments = (m: ArmMetricMoments) => ({ n: m.hosts, mean: m.mean, variance: m.variance! });
  return {
    welch: welchFromMoments(moments(baseline), moments(treatment)),
    mannWhitney:
      baselineMeans && treatmentMeans
        ? mannWhitneyFromCounts(countedHostMeans(baselineMeans), countedHostMeans(treatmentMeans))
        : SKIPPED_MANN_WHITNEY,
    cupedRelativeDiff:
      baseline.cuped.n >= 2 && treatment.cuped.n >= 2
        ? cupedFromMoments(baseline.cuped, treatment.cuped).relativeDiff
        : null,
    nPerArm: Math.min(baseline.hosts, treatment.hosts),
  };
}

/**
 * compareMetric from aggregates: the arms' moments of every metric the experiment is
 * judged on (Holm runs over those metrics) and the host-mean histograms of this one
 * (null when Mann-Whitney is not wanted).
 */
export function compareMetricFromAggregates(
  arms: readonly { id: string; key: string; baseline: boolean }[],
  metrics: readonly { metric: string; margin: number | null }[],
  metricKey: string,
  direction: MetricDirection,
  moments: readonly ArmMetricMoments[],
  hostMeans: ReadonlyMap<string, HostMeanBuckets> | null,
): HostValueComparison {
  const of = (metric: string, armId: string): ArmMetricMoments | undefined =>
    moments.find((m) => m.metric === metric && m.armId === armId);
  const baseline = arms.find((a) => a.baseline)!;
  const metricIndex = metrics.findIndex((m) => m.metric === metricKey);
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
      const ps = metrics.map((m) => {
        const b = of(m.metric, baseline.id);
        const t = of(m.metric, arm.id);
        return b && t && b.hosts >= 2 && t.hosts >= 2
          ? welchFromMoments(
              { n: b.hosts, mean: b.mean, variance: b.variance! },
              { n: t.hosts, mean: t.mean, variance: t.variance! },
            ).p
          : NaN;
      });
      const adjustedP = holm(ps)[metricIndex];
      const tests = testsOfAggregates(
        of(metricKey, baseline.id),
        of(metricKey, arm.id),
        hostMeans ? (hostMeans.get(baseline.id) ?? []) : null,
        hostMeans ? (hostMeans.get(arm.id) ?? []) : null,
      );
      return judgeArm(arm.key, tests, {
        direction,
        margin: metrics[metricIndex]?.margin ?? null,
        adjustedP: adjustedP === undefined || Number.isNaN(adjustedP) ? null : adjustedP,
      });
    });
  return { arms: summaries, comparisons };
}
