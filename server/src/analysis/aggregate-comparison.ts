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

/**
 * How many of the pairs (baseline host, treatment host) Mann-Whitney may see tied
 * because their means share a bucket. Ties cost the test those pairs: p moves by at most
 * about half this share (twice that for the shape of real data), so 2e-4 keeps it within
 * 2e-4 of the exact test's.
 */
const MAX_TIED_SHARE = 2e-4;

/**
 * The arms' host-mean histograms as values with counts for Mann-Whitney, with buckets
 * merged 2, 4, 8... at a time (each at the value in the middle of its keys) as long as
 * the share of tied pairs between the baseline and every other arm stays within
 * `maxTiedShare`. Widely spread means fill tens of thousands of 0.01%-wide buckets
 * that each hold few of them: merged, the test reads a fraction of them with no more
 * than that share tied. Means close together fill few buckets and stay as they are.
 */
export function hostMeansForRanks(
  byArm: ReadonlyMap<string, HostMeanBuckets>,
  baselineId: string,
  maxTiedShare = MAX_TIED_SHARE,
): Map<string, CountedValue[]> {
  // Hosts by merged key for each arm; merging twice as many is merging these in pairs.
  let accepted = new Map(
    [...byArm].map(([armId, buckets]) => [
      armId,
      new Map(buckets.map((b) => [b.bucket, b.hosts] as const)),
    ]),
  );
  let factor = 1;
  while (factor < 1024) {
    const next = new Map([...accepted].map(([armId, hosts]) => [armId, mergePairs(hosts)]));
    if (tiedShare(next, baselineId) > maxTiedShare) break;
    accepted = next;
    factor *= 2;
  }
  return new Map(
    [...accepted].map(([armId, hosts]) => [
      armId,
      [...hosts].map(([key, count]) => ({ value: mergedValue(key, factor), count })),
    ]),
  );
}

/**
 * The buckets as values with counts: each bucket's hosts at the bucket's value, or with
 * `factor` > 1, buckets merged that many at a time (as hostMeansForRanks merges them),
 * each merged bucket's hosts at the value in the middle of its keys, the same in every
 * arm (so that what shares a bucket stays tied).
 */
export function countedHostMeans(buckets: HostMeanBuckets, factor = 1): CountedValue[] {
  const merged = new Map<number, number>();
  for (const b of buckets) {
    const key = Math.sign(b.bucket) * Math.ceil(Math.abs(b.bucket) / factor);
    merged.set(key, (merged.get(key) ?? 0) + b.hosts);
  }
  return [...merged].map(([key, count]) => ({ value: mergedValue(key, factor), count }));
}

/** The value of merged key `key` (`factor` keys as one): the middle of its keys. */
function mergedValue(key: number, factor: number): number {
  if (key === 0) return 0;
  return (
    Math.sign(key) * HOST_MEAN_SCALE.bucketValue((Math.abs(key) - 1) * factor + (factor + 1) / 2)
  );
}

/** Hosts by key, neighbouring keys merged in pairs: zero keeps its own, keys keep their order. */
function mergePairs(hosts: ReadonlyMap<number, number>): Map<number, number> {
  const merged = new Map<number, number>();
  for (const [key, count] of hosts) {
    const pair = Math.sign(key) * Math.ceil(Math.abs(key) / 2);
    merged.set(pair, (merged.get(pair) ?? 0) + count);
  }
  return merged;
}

/** The largest share of (baseline host, other arm's host) pairs that share a key. */
function tiedShare(byArm: ReadonlyMap<string, ReadonlyMap<number, number>>, baselineId: string) {
  const baseline = byArm.get(baselineId) ?? new Map<number, number>();
  const nBaseline = sumOf(baseline.values());
  let worst = 0;
  for (const [armId, arm] of byArm) {
    if (armId === baselineId) continue;
    let tied = 0;
    for (const [key, hosts] of arm) tied += hosts * (baseline.get(key) ?? 0);
    worst = Math.max(worst, tied / (nBaseline * sumOf(arm.values())));
  }
  return worst;
}

function sumOf(values: Iterable<number>): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum;
}

/** An arm's aggregates as the moments the statistics need (null: no host). */
function momentsOfAggregates(m: ArmMetricMoments | undefined): ArmMoments | null {
  return m && m.hosts > 0 ? { n: m.hosts, mean: m.mean, variance: m.variance ?? NaN } : null;
}

/**
 * Mann-Whitney and CUPED of a treatment against the baseline from the arms' aggregates
 * (the path at fleet scale): CUPED from exact sums, so equal to the host-level path up
 * to rounding; Mann-Whitney and Hodges-Lehmann from the arms' host means, each given
 * with how many hosts have it: the hosts' own means, or a histogram's buckets (values
 * in one bucket count as tied; bench:fleet measures the difference).
 */
function extrasOfAggregates(
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
