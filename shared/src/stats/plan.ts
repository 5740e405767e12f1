import type { Inference, SettledBy } from '../domain/analysis.js';
import { MAX_PLANNED_HOSTS_PER_ARM } from '../experiments/validate-experiment.js';
import {
  boundaryMultiplier,
  mixingRho2,
  SEQUENTIAL_ALPHA,
  type SequentialPlan,
} from './confidence-sequence.js';
import { normalQuantile } from './distributions.js';

/**
 * How many hosts an experiment needs, under the test its comparisons use.
 *
 * A metric is **settled** when its verdict is one a decision can rest on:
 * - with a margin m: NO_WORSE, i.e. the interval of the relative difference excludes a
 *   degradation beyond m (verdict.ts). Planned for no true effect: the estimate r̂ is
 *   then N(0, se²), and NO_WORSE needs r̂ + c·se < m, which happens with probability
 *   `power` when (c + z_power)·se ≤ m.
 * - without a margin: BETTER or WORSE, i.e. significant after Holm's correction, for a
 *   true effect of the minimum detectable effect d (5% unless asked otherwise), taken
 *   as multiplying the treatment hosts' values by 1 + d (their CV unchanged, so se
 *   grows by 1 + d too; of ±d, the harder case). Significance of the anytime-valid p
 *   after Holm over K metrics is guaranteed by p < α/K (Holm's strictest step), i.e.
 *   the sequence at level α/K excludes 0: (c_{α/K} + z_power)·(1 + d)·se ≤ d.
 * c is the interval's half-width in standard errors: the confidence sequence's
 * boundary (confidence-sequence.ts), tuned as the comparison tunes it, after n hosts in
 * the pair of arms compared; se the relative difference's standard error, which for
 * hosts whose means have a coefficient of variation CV (sd / mean) is, with no effect,
 *
 *   se = CV · √(1/n_baseline + 1/n_treatment)
 *
 * (welch.ts's delta method with both arms alike). Power is taken at the look where the
 * plan is reached: the chance of having settled by then is at least that.
 *
 * The sequence is tuned for the planned hosts themselves (ρ² from 2 × plannedHostsPerArm),
 * so the plan P is solved consistently: the smallest whole P at which every treatment
 * arm, tuned for P, settles. The comparison's "time" is the hosts of its two arms
 * together, so P is the mean of the baseline's and the largest treatment arm's hosts at
 * the plan; with equal weights, simply the hosts in each arm. With ρ tuned for P, nρ² at
 * the plan depends only on the weights, so c there is a constant (3.04 for α = 0.05 and
 * equal weights, against 1.96 for a fixed-horizon test) and a larger P only shrinks se:
 * the condition is monotone in P, and the solution is found by bisection.
 */

/** The chance to settle that plans are made for. */
export const PLAN_POWER = 0.8;
/** The effect planned for on a metric without a margin: 5% relative. */
export const DEFAULT_MIN_DETECTABLE_EFFECT = 0.05;
/**
 * The coefficient of variation of host means assumed for a metric with no history:
 * hosts differing by as much as their mean. Large for durations (install times vary
 * by about 0.35 between the simulated fleets' hosts), though heavy-tailed sizes go
 * beyond it (disk use during updates, about 1.1): history is worth having.
 */
export const DEFAULT_PLAN_CV = 1;
/** Below this many hosts per arm the health checks call a comparison too thin to trust. */
export const MIN_PLANNED_HOSTS_PER_ARM = 10;

export type { SettledBy } from '../domain/analysis.js';

/** What settling a metric takes: the verdict, the gap its interval must clear, at which α. */
export interface SettlingTarget {
  readonly settledBy: SettledBy;
  /** Relative: the margin, or the minimum detectable effect. */
  readonly gap: number;
  /** The level of the interval that must clear the gap. */
  readonly alpha: number;
}

export interface SettlingOptions {
  /** For a metric without a margin (default DEFAULT_MIN_DETECTABLE_EFFECT). */
  readonly minDetectableEffect?: number | null;
  /** How many metrics Holm's correction runs over (default 1). */
  readonly metricsJudged?: number;
  readonly alpha?: number;
}

/** NO_WORSE within the margin when there is one, else significance at α/K for the effect. */
export function settlingTarget(
  margin: number | null,
  options: SettlingOptions = {},
): SettlingTarget {
  const alpha = options.alpha ?? SEQUENTIAL_ALPHA;
  if (margin !== null) return { settledBy: 'NO_WORSE', gap: margin, alpha };
  return {
    settledBy: 'SIGNIFICANT',
    gap: options.minDetectableEffect ?? DEFAULT_MIN_DETECTABLE_EFFECT,
    alpha: alpha / Math.max(1, options.metricsJudged ?? 1),
  };
}

/**
 * The interval's half-width in standard errors after n hosts in the two arms together:
 * the sequence's boundary (its ρ tuned for the plan, as the comparison tunes it), or
 * the normal quantile of a fixed-horizon interval.
 */
export function halfWidthMultiplier(
  n: number,
  alpha: number,
  inference: Inference,
  plan: SequentialPlan,
): number {
  if (inference === 'FIXED_HORIZON') return normalQuantile(1 - alpha / 2);
  return boundaryMultiplier(n, mixingRho2(2 * plan.plannedHostsPerArm), alpha);
}

export interface PlanArm {
  readonly weight: number;
  readonly baseline: boolean;
}

/**
 * Hosts in each arm (in the arms' order, not rounded) when the plan is reached: the
 * weights' split, scaled so that the baseline and the largest treatment arm hold
 * 2 × plannedHostsPerArm together.
 */
export function hostsAtPlan(plannedHostsPerArm: number, arms: readonly PlanArm[]): number[] {
  const baseline = arms.find((a) => a.baseline);
  const treatments = arms.filter((a) => !a.baseline);
  if (!baseline || treatments.length === 0 || arms.some((a) => !(a.weight > 0))) {
    throw new RangeError(
      'a plan needs one baseline and a treatment arm, all with positive weights',
    );
  }
  const pair = baseline.weight + Math.max(...treatments.map((a) => a.weight));
  return arms.map((a) => (2 * plannedHostsPerArm * a.weight) / pair);
}

export interface MetricPlanInput {
  /** Between-host coefficient of variation of the metric's host means: sd / mean (≥ 0). */
  readonly cv: number;
  /** Relative non-inferiority margin (0.02 = 2%), or null. */
  readonly margin: number | null;
  /** The effect to detect when there is no margin (default 5%). */
  readonly minDetectableEffect?: number | null;
}

export interface PlanInput {
  readonly metrics: readonly MetricPlanInput[];
  readonly arms: readonly PlanArm[];
  readonly alpha?: number;
  readonly power?: number;
}

export interface MetricPlan extends SettlingTarget {
  /** Hosts per arm this metric needs, planned for alone; null: more than any fleet holds. */
  readonly plannedHostsPerArm: number | null;
}

export interface ExperimentPlan {
  readonly metrics: readonly MetricPlan[];
  /** The largest need: what to create the experiment with; null when a metric cannot settle. */
  readonly plannedHostsPerArm: number | null;
  /** The metric (index) that needs the most hosts, or cannot settle. */
  readonly limitingMetric: number | null;
  /** Hosts in each arm at the plan, rounded up, in the arms' order. */
  readonly hostsPerArm: readonly number[] | null;
  readonly totalHosts: number | null;
}

/**
 * The hosts per arm each metric needs to settle with the asked power under the
 * anytime-valid test, and the plan: the largest of them (see the top of this file).
 * Zero variance settles at once (MIN_PLANNED_HOSTS_PER_ARM); a need beyond
 * MAX_PLANNED_HOSTS_PER_ARM, or a margin of 0, is null.
 */
export function planExperiment(input: PlanInput): ExperimentPlan {
  const power = input.power ?? PLAN_POWER;
  const metrics = input.metrics.map((m): MetricPlan => {
    if (!(m.cv >= 0 && m.cv < Infinity)) throw new RangeError(`cv must be ≥ 0, got ${m.cv}`);
    const target = settlingTarget(m.margin, {
      minDetectableEffect: m.minDetectableEffect,
      metricsJudged: input.metrics.length,
      alpha: input.alpha,
    });
    if (!(target.gap >= 0 && target.gap < Infinity)) {
      throw new RangeError(`a margin or effect must not be negative, got ${target.gap}`);
    }
    // A margin of 0 tolerates nothing: no interval ever lies wholly below it.
    const planned = target.gap > 0 ? solvePlan(m.cv, target, input.arms, power) : null;
    return { ...target, plannedHostsPerArm: planned };
  });
  const needs = metrics.map((m) => m.plannedHostsPerArm ?? Infinity);
  const largest = Math.max(...needs);
  const limitingMetric = metrics.length ? needs.indexOf(largest) : null;
  const planned = Number.isFinite(largest) ? largest : null;
  const hostsPerArm =
    planned === null ? null : hostsAtPlan(planned, input.arms).map((n) => Math.ceil(n - 1e-9));
  return {
    metrics,
    plannedHostsPerArm: planned,
    limitingMetric,
    hostsPerArm,
    totalHosts: hostsPerArm ? hostsPerArm.reduce((a, b) => a + b, 0) : null,
  };
}

/** Whether every treatment arm settles when the plan, tuned for itself, is reached. */
function settlesAt(
  planned: number,
  cv: number,
  target: SettlingTarget,
  arms: readonly PlanArm[],
  z: number,
): boolean {
  const hosts = hostsAtPlan(planned, arms);
  // An effect d scales the treatment's values, and with them its spread, by 1 + d.
  const spread = target.settledBy === 'SIGNIFICANT' ? cv * (1 + target.gap) : cv;
  const nBaseline = hosts[arms.findIndex((a) => a.baseline)]!;
  return arms.every((arm, i) => {
    if (arm.baseline) return true;
    const se = spread * Math.sqrt(1 / nBaseline + 1 / hosts[i]!);
    const c = halfWidthMultiplier(nBaseline + hosts[i]!, target.alpha, 'SEQUENTIAL', {
      plannedHostsPerArm: planned,
    });
    return (c + z) * se <= target.gap;
  });
}

function solvePlan(
  cv: number,
  target: SettlingTarget,
  arms: readonly PlanArm[],
  power: number,
): number | null {
  const z = normalQuantile(power);
  return smallestSettling(MIN_PLANNED_HOSTS_PER_ARM, MAX_PLANNED_HOSTS_PER_ARM, (p) =>
    settlesAt(p, cv, target, arms, z),
  );
}

/**
 * The smallest whole number of hosts per arm from `low` to `high` at which `settles`
 * holds (it holds from some point on), by bisection; null when not even at `high`.
 */
function smallestSettling(
  low: number,
  high: number,
  settles: (perArm: number) => boolean,
): number | null {
  if (settles(low)) return low;
  if (!settles(high)) return null;
  // Invariant: low does not settle, high does.
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (settles(mid)) high = mid;
    else low = mid;
  }
  return high;
}

export interface HostsNeededInput {
  /** Hosts with data in each arm of the comparison so far. */
  readonly nBaseline: number;
  readonly nTreatment: number;
  /** Standard error of the relative difference now (welchTest's seRelative). */
  readonly seRelative: number;
  /** The observed relative difference, taken as the true effect. */
  readonly relativeDiff: number;
  /** Relative non-inferiority margin (0.02 = 2% worse allowed); none: significance only. */
  readonly margin?: number | null;
  readonly direction: 'LOWER_IS_BETTER' | 'HIGHER_IS_BETTER';
  /** The comparison's inference and what its sequences are tuned for. */
  readonly inference: Inference;
  readonly plan: SequentialPlan;
  /** How many metrics Holm's correction runs over (default 1). */
  readonly metricsJudged?: number;
  readonly alpha?: number;
  readonly power?: number;
}

/**
 * How many more hosts per arm (counted on the smaller arm) would likely settle an
 * inconclusive comparison, by the rule planExperiment plans with, applied to what is
 * seen: the observed relative difference r is taken as the true one, both arms grow in
 * proportion (se shrinks as 1/√n) and the sequence keeps the tuning the experiment
 * has. Settled means, whichever needs fewer hosts:
 * - significance: the interval at α/K clears 0 on r's side, gap |r|;
 * - non-inferiority (with a margin): the interval at α excludes a degradation beyond
 *   the margin, gap margin − r when lower is better, r + margin when higher is better
 *   (only when r is on the good side of the margin).
 * Each needs (c(n) + z_power)·se(n) ≤ gap, with c the half-width multiplier of the
 * comparison's inference at n hosts in both arms (halfWidthMultiplier); c(n)·se(n)
 * falls as n grows, so the smallest n is found by bisection. For an experiment created
 * with planExperiment's plan that sees its planned CV and no effect, this is 0 at the
 * plan: the page and the plan agree.
 *
 * Answers max(0, N − n) in whole hosts, or null when it cannot be estimated: fewer than
 * 2 hosts in an arm, no usable standard error, r = 0 with no margin to reach, or more
 * than MAX_PLANNED_HOSTS_PER_ARM hosts.
 */
export function hostsNeeded(input: HostsNeededInput): number | null {
  const { nBaseline, nTreatment, seRelative, relativeDiff, margin, direction } = input;
  const alpha = input.alpha ?? SEQUENTIAL_ALPHA;
  const nPerArm = Math.min(nBaseline, nTreatment);
  if (!(nPerArm >= 2) || !(seRelative > 0 && seRelative < Infinity)) return null;
  if (!Number.isFinite(relativeDiff)) return null;

  const targets = [
    { gap: Math.abs(relativeDiff), alpha: alpha / Math.max(1, input.metricsJudged ?? 1) },
  ];
  if (margin !== undefined && margin !== null) {
    const gap = direction === 'LOWER_IS_BETTER' ? margin - relativeDiff : relativeDiff + margin;
    targets.push({ gap, alpha });
  }
  const z = normalQuantile(input.power ?? PLAN_POWER);
  const needs = targets
    .filter((t) => t.gap > 0)
    .map((t) => {
      const settles = (perArm: number): boolean => {
        const scale = perArm / nPerArm;
        const c = halfWidthMultiplier(
          scale * (nBaseline + nTreatment),
          t.alpha,
          input.inference,
          input.plan,
        );
        return (c + z) * seRelative * Math.sqrt(1 / scale) <= t.gap;
      };
      return (
        smallestSettling(nPerArm, Math.max(nPerArm, MAX_PLANNED_HOSTS_PER_ARM), settles) ?? Infinity
      );
    });
  // Math.min of nothing is Infinity: no gap to reach.
  const needed = Math.min(...needs);
  return Number.isFinite(needed) ? needed - nPerArm : null;
}
