import {
  armMoments,
  cuped,
  DEFAULT_PLANNED_HOSTS_PER_ARM,
  histogramBins,
  histogramKeyRange,
  hostsNeeded,
  inferDifference,
  judgeMetric,
  mannWhitney,
  mergeHistograms,
  noMannWhitney,
  type ArmMoments,
  type Histogram,
  type Inference,
  type InferredDifference,
  type JudgedMetric,
  type MannWhitneyResult,
  type MetricDirection,
  type SequentialPlan,
} from '@fleetlab/shared';
import {
  Verdict,
  type ArmComparison,
  type ArmDistribution,
  type ArmSummary,
} from './comparison.model.js';
import type { HostValue } from './host-values.js';

const DISTRIBUTION_BINS = 40;

/** Histograms of the arms on one set of bins, and their ECDFs at the bins' upper edges. */
export function distributions(armKeys: string[], histograms: Histogram[]): ArmDistribution[] {
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

/** How a comparison draws its intervals and p-values, and what it tunes them for. */
export interface InferenceOptions {
  inference: Inference;
  plan: SequentialPlan;
}

/** The hosts per arm an experiment's confidence sequences are tuned for. */
export function sequentialPlanOf(experiment: {
  plannedHostsPerArm: number | null;
}): SequentialPlan {
  return { plannedHostsPerArm: experiment.plannedHostsPerArm ?? DEFAULT_PLANNED_HOSTS_PER_ARM };
}

/** What a comparison adds to the judged difference, however it was computed. */
export interface ArmExtras {
  mannWhitney: MannWhitneyResult;
  /** CUPED's difference under the same inference, where both arms have hosts with a pre-period. */
  cuped: InferredDifference | null;
}

/** A Mann-Whitney result nobody asked for: every figure NaN (answered as null). */
export const SKIPPED_MANN_WHITNEY: MannWhitneyResult = noMannWhitney();

/** A metric's host values as the moments the statistics need (null: no host). */
export function momentsOfValues(values: readonly HostValue[]): ArmMoments | null {
  return values.length ? armMoments(values.map((v) => v.mean)) : null;
}

/** Mann-Whitney and CUPED of a treatment against the baseline from host-level values. */
export function extrasOfValues(
  baseline: HostValue[],
  treatment: HostValue[],
  options: InferenceOptions & { withMannWhitney: boolean },
): ArmExtras {
  const withPre = (values: HostValue[]) =>
    values.filter((v) => v.preMean !== null).map((v) => ({ value: v.mean, pre: v.preMean! }));
  const cupedBaseline = withPre(baseline);
  const cupedTreatment = withPre(treatment);
  const enough = baseline.length >= 2 && treatment.length >= 2;
  return {
    mannWhitney:
      enough && options.withMannWhitney
        ? mannWhitney(
            baseline.map((v) => v.mean),
            treatment.map((v) => v.mean),
          )
        : SKIPPED_MANN_WHITNEY,
    cuped:
      enough && cupedBaseline.length >= 2 && cupedTreatment.length >= 2
        ? inferDifference(cuped(cupedBaseline, cupedTreatment), options.inference, options.plan)
        : null,
  };
}

const finite = (x: number | undefined | null): number | null =>
  x === undefined || x === null || !Number.isFinite(x) ? null : x;

/**
 * A treatment arm's comparison from its judged difference (null: fewer than 2 hosts in
 * an arm) and the figures that go with it.
 */
export function judgeArm(
  armKey: string,
  options: InferenceOptions,
  judged: JudgedMetric | null,
  extras: ArmExtras,
  metric: { margin: number | null; direction: MetricDirection; metricsJudged: number },
): ArmComparison {
  const { inference } = options;
  if (!judged) {
    return {
      armKey,
      inference,
      absoluteDiff: null,
      relativeDiff: null,
      ciLow: null,
      ciHigh: null,
      p: null,
      welchP: null,
      mannWhitneyP: null,
      hodgesLehmann: null,
      hlCiLow: null,
      hlCiHigh: null,
      cupedRelativeDiff: null,
      cupedCiLow: null,
      cupedCiHigh: null,
      adjustedP: null,
      verdict: Verdict.INCONCLUSIVE,
      hostsNeeded: null,
    };
  }
  const { mannWhitney: mw, cuped: adjusted } = extras;
  return {
    armKey,
    inference,
    absoluteDiff: finite(judged.absoluteDiff),
    relativeDiff: finite(judged.relativeDiff),
    ciLow: finite(judged.relCiLow),
    ciHigh: finite(judged.relCiHigh),
    p: finite(judged.p),
    welchP: finite(judged.welch.p),
    mannWhitneyP: finite(mw.p),
    hodgesLehmann: finite(mw.shift),
    hlCiLow: finite(mw.shiftCiLow),
    hlCiHigh: finite(mw.shiftCiHigh),
    cupedRelativeDiff: finite(adjusted?.relativeDiff),
    cupedCiLow: finite(adjusted?.relCiLow),
    cupedCiHigh: finite(adjusted?.relCiHigh),
    adjustedP: finite(judged.adjustedP),
    verdict: judged.verdict,
    // By the rule the plan is made with, under the comparison's own inference and tuning.
    hostsNeeded:
      judged.verdict === 'INCONCLUSIVE'
        ? hostsNeeded({
            nBaseline: judged.welch.nBaseline,
            nTreatment: judged.welch.nTreatment,
            seRelative: judged.welch.seRelative,
            relativeDiff: judged.welch.relativeDiff,
            margin: metric.margin,
            direction: metric.direction,
            inference,
            plan: options.plan,
            metricsJudged: metric.metricsJudged,
          })
        : null,
  };
}

/** What a comparison learns from host-level values alone; percentiles need the histograms. */
export interface HostValueComparison {
  arms: Omit<ArmSummary, 'median' | 'p90' | 'p99'>[];
  comparisons: ArmComparison[];
}

/**
 * One metric's arms and treatments against the baseline, from the host-level values
 * of every metric the experiment is judged on (`values`): Holm's correction runs over
 * those metrics, per treatment arm, on the p-values of the inference asked for. Arms
 * in the experiment's order; values in any order, which is kept within an arm.
 */
export function compareMetric(
  arms: readonly { id: string; key: string; baseline: boolean }[],
  metrics: readonly { metric: string; margin: number | null }[],
  metricKey: string,
  direction: MetricDirection,
  values: readonly HostValue[],
  options: InferenceOptions & { withMannWhitney?: boolean },
): HostValueComparison {
  const of = (metric: string, armId: string): HostValue[] =>
    values.filter((v) => v.metric === metric && v.armId === armId);
  const baseline = arms.find((a) => a.baseline)!;
  const treatments = arms.filter((a) => !a.baseline);
  const metricIndex = metrics.findIndex((m) => m.metric === metricKey);
  const margin = metrics[metricIndex]?.margin ?? null;
  const summaries = arms.map((arm) => {
    const hostValues = of(metricKey, arm.id);
    return {
      armKey: arm.key,
      baseline: arm.baseline,
      hosts: hostValues.length,
      samples: hostValues.reduce((sum, v) => sum + v.count, 0),
      mean: hostValues.length
        ? hostValues.reduce((sum, v) => sum + v.mean, 0) / hostValues.length
        : null,
    };
  });
  const baselineValues = of(metricKey, baseline.id);
  const comparisons = treatments.map((arm) => {
    const judged = judgeMetric(
      metrics.map((m) => ({
        baseline: momentsOfValues(of(m.metric, baseline.id)),
        treatment: momentsOfValues(of(m.metric, arm.id)),
      })),
      metricIndex,
      { direction, margin, inference: options.inference, plan: options.plan },
    );
    const extras = extrasOfValues(baselineValues, of(metricKey, arm.id), {
      ...options,
      withMannWhitney: options.withMannWhitney ?? true,
    });
    return judgeArm(arm.key, options, judged, extras, {
      margin,
      direction,
      metricsJudged: metrics.length,
    });
  });
  return { arms: summaries, comparisons };
}
