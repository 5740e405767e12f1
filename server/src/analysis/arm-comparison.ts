import {
  cuped,
  histogramBins,
  type MannWhitneyResult,
  type WelchResult,
  histogramKeyRange,
  holm,
  hostsNeeded,
  mannWhitney,
  noMannWhitney,
  mergeHistograms,
  verdict,
  welchTest,
  type Histogram,
  type MetricDirection,
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

export interface JudgeOptions {
  direction: 'LOWER_IS_BETTER' | 'HIGHER_IS_BETTER';
  margin: number | null;
  adjustedP: number | null;
}

/** The tests of one treatment arm against the baseline, however they were computed. */
export interface ArmTests {
  welch: WelchResult;
  mannWhitney: MannWhitneyResult;
  /** CUPED's relative difference, where both arms have hosts with a pre-period. */
  cupedRelativeDiff: number | null;
  /** Hosts per arm behind the comparison (the smaller arm). */
  nPerArm: number;
}

/** A Mann-Whitney result nobody asked for: every figure NaN (answered as null). */
export const SKIPPED_MANN_WHITNEY: MannWhitneyResult = noMannWhitney();

/** The tests of a treatment against the baseline from host-level values (the exact path). */
export function testsOfValues(
  baseline: HostValue[],
  treatment: HostValue[],
  withMannWhitney = true,
): ArmTests | null {
  if (baseline.length < 2 || treatment.length < 2) return null;
  const b = baseline.map((v) => v.mean);
  const t = treatment.map((v) => v.mean);
  const withPre = (values: HostValue[]) =>
    values.filter((v) => v.preMean !== null).map((v) => ({ value: v.mean, pre: v.preMean! }));
  const cupedBaseline = withPre(baseline);
  const cupedTreatment = withPre(treatment);
  return {
    welch: welchTest(b, t),
    mannWhitney: withMannWhitney ? mannWhitney(b, t) : SKIPPED_MANN_WHITNEY,
    cupedRelativeDiff:
      cupedBaseline.length >= 2 && cupedTreatment.length >= 2
        ? cuped(cupedBaseline, cupedTreatment).relativeDiff
        : null,
    nPerArm: Math.min(b.length, t.length),
  };
}

/** A treatment arm's comparison and verdict from its tests (null: too few hosts). */
export function judgeArm(
  armKey: string,
  tests: ArmTests | null,
  options: JudgeOptions,
): ArmComparison {
  if (!tests) {
    return {
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
  }
  const { welch, mannWhitney: mw } = tests;
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
    cupedRelativeDiff: finite(tests.cupedRelativeDiff),
    adjustedP: finite(options.adjustedP),
    verdict: judged,
    hostsNeeded:
      judged === 'INCONCLUSIVE'
        ? hostsNeeded({
            nPerArm: tests.nPerArm,
            seRelative: welch.seRelative,
            relativeDiff: welch.relativeDiff,
            margin: options.margin,
            direction: options.direction,
          })
        : null,
  };
}

/** One treatment arm against the baseline from host-level values. */
export function compareArm(
  armKey: string,
  baseline: HostValue[],
  treatment: HostValue[],
  options: JudgeOptions,
): ArmComparison {
  return judgeArm(armKey, testsOfValues(baseline, treatment), options);
}

/** What a comparison learns from host-level values alone; percentiles need the histograms. */
export interface HostValueComparison {
  arms: Omit<ArmSummary, 'median' | 'p90' | 'p99'>[];
  comparisons: ArmComparison[];
}

/**
 * One metric's arms and treatments against the baseline, from the host-level values
 * of every metric the experiment is judged on (`values`): Holm's correction runs over
 * those metrics, per treatment arm, on Welch's p-values. Arms in the experiment's
 * order; values in any order, which is kept within an arm.
 */
export function compareMetric(
  arms: readonly { id: string; key: string; baseline: boolean }[],
  metrics: readonly { metric: string; margin: number | null }[],
  metricKey: string,
  direction: MetricDirection,
  values: readonly HostValue[],
  withMannWhitney = true,
): HostValueComparison {
  const of = (metric: string, armId: string): HostValue[] =>
    values.filter((v) => v.metric === metric && v.armId === armId);
  const baseline = arms.find((a) => a.baseline)!;
  const treatments = arms.filter((a) => !a.baseline);
  const metricIndex = metrics.findIndex((m) => m.metric === metricKey);
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
    const ps = metrics.map((m) => {
      const b = of(m.metric, baseline.id).map((v) => v.mean);
      const t = of(m.metric, arm.id).map((v) => v.mean);
      return b.length >= 2 && t.length >= 2 ? welchTest(b, t).p : NaN;
    });
    const adjustedP = holm(ps)[metricIndex];
    return judgeArm(
      arm.key,
      testsOfValues(baselineValues, of(metricKey, arm.id), withMannWhitney),
      {
        direction,
        margin: metrics[metricIndex]?.margin ?? null,
        adjustedP: adjustedP === undefined || Number.isNaN(adjustedP) ? null : adjustedP,
      },
    );
  });
  return { arms: summaries, comparisons };
}
