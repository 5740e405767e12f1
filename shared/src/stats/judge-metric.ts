import type { Inference } from '../domain/analysis.js';
import type { MetricDirection } from '../domain/metrics.js';
import { confidenceSequence, type SequentialPlan } from './confidence-sequence.js';
import { holm } from './holm.js';
import { verdict, type Verdict } from './verdict.js';
import { welchFromMoments, type ArmMoments, type WelchResult } from './welch.js';

export { INFERENCES, type Inference } from '../domain/analysis.js';

/** A difference's interval and p-value under one inference. */
export interface InferredDifference {
  readonly inference: Inference;
  readonly absoluteDiff: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  readonly relativeDiff: number;
  readonly relCiLow: number;
  readonly relCiHigh: number;
  /** Two-sided: Welch's, or the anytime-valid one. */
  readonly p: number;
}

/**
 * A Welch-type result (plain or CUPED-adjusted) read under an inference: as it is for
 * FIXED_HORIZON, its confidence sequence for SEQUENTIAL (n: the hosts behind it).
 */
export function inferDifference(
  result: WelchResult,
  inference: Inference,
  plan: SequentialPlan,
): InferredDifference {
  const r =
    inference === 'SEQUENTIAL'
      ? confidenceSequence(result, result.nBaseline + result.nTreatment, plan)
      : result;
  return {
    inference,
    absoluteDiff: r.absoluteDiff,
    ciLow: r.ciLow,
    ciHigh: r.ciHigh,
    relativeDiff: r.relativeDiff,
    relCiLow: r.relCiLow,
    relCiHigh: r.relCiHigh,
    p: r.p,
  };
}

/** One metric's arms, as the comparison reads them (null: no host has data). */
export interface MetricArms {
  readonly baseline: ArmMoments | null;
  readonly treatment: ArmMoments | null;
}

export interface JudgeMetricOptions {
  readonly direction: MetricDirection;
  /** The judged metric's relative non-inferiority margin. */
  readonly margin: number | null;
  readonly inference: Inference;
  readonly plan: SequentialPlan;
}

export interface JudgedMetric extends InferredDifference {
  /** Welch's test of the judged metric (its fixed-horizon figures, and standard errors). */
  readonly welch: WelchResult;
  /** p after Holm's correction over every metric the experiment is judged on. */
  readonly adjustedP: number;
  readonly verdict: Verdict;
}

/**
 * A treatment against the baseline on metric `index` of the experiment's metrics, from
 * each metric's per-arm host counts, means and variances: the difference under the
 * inference asked for, its p-value Holm-adjusted over every metric (anytime-valid
 * p-values keep Holm valid at every look: it rests only on a union bound), and the
 * verdict. Null when either arm of the metric has fewer than 2 hosts.
 *
 * The host-level and the aggregated comparisons both come here, as does
 * `npm run bench:peeking`, so what the benchmark measures is what the API answers.
 */
export function judgeMetric(
  metrics: readonly MetricArms[],
  index: number,
  options: JudgeMetricOptions,
): JudgedMetric | null {
  const inferred = metrics.map(({ baseline, treatment }) => {
    if (!baseline || !treatment || baseline.n < 2 || treatment.n < 2) return null;
    const welch = welchFromMoments(baseline, treatment);
    return { welch, ...inferDifference(welch, options.inference, options.plan) };
  });
  const judged = inferred[index];
  if (!judged) return null;
  const adjustedP = holm(inferred.map((d) => (d ? d.p : NaN)))[index]!;
  return {
    ...judged,
    adjustedP,
    verdict: verdict({
      direction: options.direction,
      margin: options.margin,
      relativeDiff: judged.relativeDiff,
      relCiLow: judged.relCiLow,
      relCiHigh: judged.relCiHigh,
      adjustedP,
    }),
  };
}
