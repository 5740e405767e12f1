import { decideExperiment, type ExperimentDecision } from '@fleetlab/shared';
import type { ArmComparison } from '../analysis/comparison.model.js';
import type { Inline } from './document.js';
import { formatCount, formatInterval, formatP, formatPercent } from './format-number.js';
import type { ReportArm, ReportData, ReportMetric } from './report-data.js';

// Phrases the wiki page and the Discourse post share.

const VERDICT_WORDS: Record<string, string> = {
  BETTER: 'better',
  NO_WORSE: 'no worse',
  WORSE: 'worse',
  INCONCLUSIVE: 'inconclusive',
};

/** "better", "inconclusive (about 120 more hosts per arm would settle it)". */
export function verdictText(c: { verdict: string; hostsNeeded: number | null }): string {
  const word = VERDICT_WORDS[c.verdict] ?? c.verdict.toLowerCase();
  return c.verdict === 'INCONCLUSIVE' && c.hostsNeeded !== null && c.hostsNeeded > 0
    ? `${word} (about ${formatCount(c.hostsNeeded)} more hosts per arm would settle it)`
    : word;
}

/** "cow (RPM CoW)", or the key alone when the arm has no name. */
export const armLabel = (arm: Pick<ReportArm, 'key' | 'name'>): string =>
  arm.name && arm.name !== arm.key ? `${arm.key} (${arm.name})` : arm.key;

export function baselineArm(data: ReportData): ReportArm {
  return data.experiment.arms.find((a) => a.baseline)!;
}

export function treatmentArms(data: ReportData): ReportArm[] {
  return data.experiment.arms.filter((a) => !a.baseline);
}

export function armByKey(data: ReportData, key: string): ReportArm | undefined {
  return data.experiment.arms.find((a) => a.key === key);
}

/** "Install time (install_duration_ms)". */
export const metricLabel = (metric: Pick<ReportMetric, 'title' | 'key'>): string =>
  `${metric.title} (${metric.key})`;

/** How an interval was drawn, in words: "anytime-valid" or "fixed-horizon". */
export const inferenceWords = (inference: string): string =>
  inference === 'FIXED_HORIZON' ? 'fixed-horizon' : 'anytime-valid';

/** "-35.2% (95% anytime-valid interval -40.1% to -30.2%; Holm-adjusted p < 0.0001)". */
export function effectText(c: ArmComparison): string {
  const p = formatP(c.adjustedP ?? c.p);
  const which = c.adjustedP !== null ? 'Holm-adjusted ' : '';
  return `${formatPercent(c.relativeDiff)} (95% ${inferenceWords(c.inference)} interval ${formatInterval(c.ciLow, c.ciHigh)}; ${which}p ${
    p.startsWith('<') ? p : `= ${p}`
  })`;
}

/** The metrics in the order a reader wants them: primary first, then guardrails. */
export function primaryMetrics(data: ReportData): ReportMetric[] {
  return data.metrics.filter((m) => m.role === 'PRIMARY');
}

/** First and last UTC day with data, over every metric. */
export function dataDays(data: ReportData): { first: string; last: string } | null {
  const days = data.metrics.flatMap((m) => m.comparison.timeSeries.map((p) => p.day)).sort();
  return days.length ? { first: days[0]!, last: days.at(-1)! } : null;
}

/** Hosts with data for a metric in each arm, summed. */
const hostsWithData = (metric: ReportMetric): number =>
  metric.comparison.arms.reduce((sum, a) => sum + a.hosts, 0);

/**
 * The sentence that leads the Summary: the first primary metric's effect for each
 * treatment arm, or why there is none yet.
 */
export function headline(data: ReportData): Inline[] {
  const metric = primaryMetrics(data)[0] ?? data.metrics[0];
  const baseline = baselineArm(data);
  if (!metric) return ['The experiment has no metrics to report.'];
  const perArm = metric.comparison.comparisons.map((c) => {
    const arm = armByKey(data, c.armKey);
    return c.relativeDiff === null
      ? `${armLabel(arm ?? { key: c.armKey, name: null })} has too few hosts with data for a comparison yet`
      : `${armLabel(arm ?? { key: c.armKey, name: null })} changed ${metric.title.toLowerCase()} by ${effectText(c)} against ${armLabel(baseline)}: ${verdictText(c)}`;
  });
  return [
    `Fleet evidence from the Fleetlab experiment "${data.experiment.title}" on ${formatCount(
      hostsWithData(metric),
    )} hosts: ${perArm.join('; ')}.`,
  ];
}

/** A window in words: "the whole experiment", "2026-01-02 to 2026-01-09", "from 2026-01-02". */
export function windowText(window: ReportData['window']): string {
  if (!window.from && !window.to) return 'the whole experiment';
  if (window.from && window.to) return `${window.from} to ${window.to} (UTC days, inclusive)`;
  return window.from ? `from ${window.from} (UTC)` : `up to ${window.to} (UTC, inclusive)`;
}

/** The query string that selects the same window in a download URL. */
export function windowQuery(window: ReportData['window']): string {
  const params = new URLSearchParams();
  if (window.from) params.set('from', window.from);
  if (window.to) params.set('to', window.to);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/**
 * The experiment's decision, as the dashboard and alerts state it (decideExperiment):
 * the export's Summary says it in the same words, costs beside benefits.
 */
export function decisionOf(data: ReportData): ExperimentDecision {
  const health = new Map(
    data.metrics.flatMap((m) => m.comparison.health).map((h) => [`${h.name}:${h.message}`, h]),
  );
  return decideExperiment(
    data.metrics.map((m) => ({
      metric: m.key,
      title: m.title,
      role: m.role,
      direction: m.direction,
      margin: m.margin,
      arms: m.comparison.comparisons,
    })),
    [...health.values()],
  );
}

/** "Fleetlab's decision: Roll back. Costs: ... Benefits: ..." */
export function decisionText(data: ReportData): Inline[] {
  return [{ strong: 'Fleetlab’s decision:' }, ` ${decisionOf(data).headline}`];
}
