import type { Decision, HealthStatus, Verdict } from '../domain/analysis.js';
import type { MetricRole } from '../domain/experiments.js';
import type { MetricDirection } from '../domain/metrics.js';

export { DECISIONS, type Decision } from '../domain/analysis.js';

/** One treatment arm's result on one metric, as the comparison gives it. */
export interface ArmResult {
  readonly armKey: string;
  readonly verdict: Verdict;
  /** (treatment − baseline) / baseline, and its interval. */
  readonly relativeDiff: number | null;
  readonly ciLow: number | null;
  readonly ciHigh: number | null;
  /** More hosts per arm that would likely settle an INCONCLUSIVE result. */
  readonly hostsNeeded: number | null;
}

export interface MetricResult {
  readonly metric: string;
  readonly title: string;
  readonly role: MetricRole;
  readonly direction: MetricDirection;
  /** Relative margin (0.02 = 2%), or none. */
  readonly margin: number | null;
  readonly arms: readonly ArmResult[];
}

export interface HealthResult {
  readonly name: string;
  readonly status: HealthStatus;
  readonly message: string;
}

/** One metric of one treatment arm, as the decision names it. */
export interface Outcome extends ArmResult {
  readonly metric: string;
  readonly title: string;
  readonly role: MetricRole;
  readonly direction: MetricDirection;
  readonly margin: number | null;
  /** WORSE, and by more than the margin allows (by any amount when there is none). */
  readonly beyondMargin: boolean;
}

export interface ExperimentDecision {
  readonly decision: Decision;
  /** One sentence: the decision, what it rests on, costs beside benefits. */
  readonly headline: string;
  /** Metrics better in a treatment arm. */
  readonly benefits: readonly Outcome[];
  /** Metrics worse in a treatment arm, guardrails and primaries alike. */
  readonly costs: readonly Outcome[];
  /** Guardrails worse beyond their margin: what halts an experiment that halts itself. */
  readonly failedGuardrails: readonly Outcome[];
  /** Health checks that failed; critical ones (CRITICAL_HEALTH_CHECKS) make it ROLL_BACK. */
  readonly failedChecks: readonly HealthResult[];
  /** KEEP_RUNNING: the most hosts per arm an unsettled metric is likely to need. */
  readonly hostsNeeded: number | null;
}

/**
 * Health checks whose failure means the comparison cannot be trusted, or hosts run the
 * wrong stack: an experiment does not go on past them.
 */
export const CRITICAL_HEALTH_CHECKS: ReadonlySet<string> = new Set([
  'Sample ratio',
  'Contamination',
]);

function isBeyondMargin(result: ArmResult, direction: MetricDirection, margin: number | null) {
  if (result.verdict !== 'WORSE') return false;
  if (margin === null || result.relativeDiff === null) return true;
  return direction === 'LOWER_IS_BETTER'
    ? result.relativeDiff > margin
    : result.relativeDiff < -margin;
}

/**
 * The one decision of an experiment from its primary metrics and guardrails, in every
 * treatment arm, and its health checks. In order:
 * - ROLL_BACK: a guardrail worse beyond its margin, a primary worse, or a failed
 *   critical health check;
 * - SHIP: a primary better, no primary worse;
 * - NO_EFFECT: every metric settled within its margin (NO_WORSE) and none better;
 * - KEEP_RUNNING: anything else, with the hosts an unsettled metric likely needs.
 * Costs (metrics worse, within their margin or not) are always named beside benefits.
 * Pure.
 */
export function decideExperiment(
  metrics: readonly MetricResult[],
  health: readonly HealthResult[],
): ExperimentDecision {
  const outcomes: Outcome[] = metrics.flatMap((m) =>
    m.arms.map((arm) => ({
      ...arm,
      metric: m.metric,
      title: m.title,
      role: m.role,
      direction: m.direction,
      margin: m.margin,
      beyondMargin: isBeyondMargin(arm, m.direction, m.margin),
    })),
  );
  const primaries = outcomes.filter((o) => o.role === 'PRIMARY');
  const benefits = outcomes.filter((o) => o.verdict === 'BETTER');
  const costs = outcomes.filter((o) => o.verdict === 'WORSE');
  const failedGuardrails = costs.filter((o) => o.role === 'GUARDRAIL' && o.beyondMargin);
  const failedChecks = health.filter((h) => h.status === 'FAILED');
  const critical = failedChecks.filter((h) => CRITICAL_HEALTH_CHECKS.has(h.name));
  const unsettled = outcomes.filter((o) => o.verdict === 'INCONCLUSIVE');
  const needs = unsettled.map((o) => o.hostsNeeded).filter((n): n is number => n !== null);
  const hostsNeeded = needs.length > 0 ? Math.max(...needs) : null;

  let decision: Decision;
  if (
    failedGuardrails.length > 0 ||
    primaries.some((o) => o.verdict === 'WORSE') ||
    critical.length > 0
  )
    decision = 'ROLL_BACK';
  else if (primaries.some((o) => o.verdict === 'BETTER')) decision = 'SHIP';
  else if (outcomes.length > 0 && outcomes.every((o) => o.verdict === 'NO_WORSE'))
    decision = 'NO_EFFECT';
  else decision = 'KEEP_RUNNING';

  return {
    decision,
    headline: headlineOf(decision, { benefits, costs, critical, unsettled, hostsNeeded }),
    benefits,
    costs,
    failedGuardrails,
    failedChecks,
    hostsNeeded: decision === 'KEEP_RUNNING' ? hostsNeeded : null,
  };
}

const LEAD: Record<Decision, string> = {
  SHIP: 'Ship',
  ROLL_BACK: 'Roll back',
  KEEP_RUNNING: 'Keep running',
  NO_EFFECT: 'No effect',
};

/** "Install time 40.6% lower (better)", "Disk used change 86.8% higher (worse, beyond its 50% margin)". */
export function describeOutcome(o: Outcome): string {
  const change =
    o.relativeDiff === null || !Number.isFinite(o.relativeDiff)
      ? ''
      : ` ${percent(Math.abs(o.relativeDiff))} ${o.relativeDiff < 0 ? 'lower' : 'higher'}`;
  const judged = o.verdict === 'BETTER' ? 'better' : 'worse';
  const margin =
    o.verdict !== 'WORSE' || o.margin === null
      ? ''
      : o.beyondMargin
        ? `, beyond its ${percent(o.margin)} margin`
        : `, within its ${percent(o.margin)} margin so far`;
  return `${o.title}${change} (${judged}${margin})`;
}

function headlineOf(
  decision: Decision,
  parts: {
    benefits: readonly Outcome[];
    costs: readonly Outcome[];
    critical: readonly HealthResult[];
    unsettled: readonly Outcome[];
    hostsNeeded: number | null;
  },
): string {
  const sentences: string[] = [];
  // Bad news first: what forbids shipping, then what it costs, then what it gains.
  if (parts.critical.length > 0)
    sentences.push(`${parts.critical.map((h) => h.name).join(' and ')} failed.`);
  if (parts.costs.length > 0)
    sentences.push(`Costs: ${parts.costs.map(describeOutcome).join('; ')}.`);
  if (parts.benefits.length > 0)
    sentences.push(`Benefits: ${parts.benefits.map(describeOutcome).join('; ')}.`);
  if (decision === 'KEEP_RUNNING' && parts.unsettled.length > 0) {
    const titles = [...new Set(parts.unsettled.map((o) => o.title))].join(', ');
    sentences.push(
      `Not settled yet: ${titles}` +
        (parts.hostsNeeded !== null
          ? ` (about ${parts.hostsNeeded.toLocaleString('en-US')} more hosts per arm).`
          : '.'),
    );
  }
  if (decision === 'NO_EFFECT') sentences.push('Every metric is within its margin.');
  if (sentences.length === 0) sentences.push('No data yet.');
  return `${LEAD[decision]}. ${sentences.join(' ')}`;
}

function percent(ratio: number): string {
  const text = (ratio * 100).toFixed(1);
  return `${text.endsWith('.0') ? text.slice(0, -2) : text}%`;
}
