import {
  daysToPlan,
  DEFAULT_MIN_DETECTABLE_EFFECT,
  DEFAULT_PLAN_CV,
  findMetric,
  hostsAtPlan,
  MAX_PLANNED_HOSTS_PER_ARM,
  planExperiment,
  PLAN_POWER,
  type OptInExpectation,
} from '@fleetlab/shared';
import type { MetricRole } from '../experiments/experiment.enums.js';
import type { ExperimentPlan, MetricHistory, MetricPlan } from './experiment-plan.model.js';
import { HISTORY_DAYS, type MetricHistoryRow } from './planning.queries.js';

/** Fewer hosts than this say too little of a metric's spread: the default CV is used. */
export const MIN_HISTORY_HOSTS = 10;

export interface PlanRequest {
  arms: readonly { key: string; weight: number; baseline: boolean }[];
  metrics: readonly { metric: string; role: MetricRole; margin?: number | null }[];
  optInShare: number;
  optInsPerDay: number | null;
  minDetectableEffect: number;
}

const count = (n: number): string => Math.round(n).toLocaleString('en-US');
const percent = (fraction: number): string => `${+(fraction * 100).toPrecision(3)}%`;

/** The history of one metric, and the CV to plan with (or why the default is used). */
function historyOf(
  title: string,
  row: MetricHistoryRow | undefined,
): { history: MetricHistory; cv: number | null; note: string | null } {
  const history: MetricHistory = {
    hosts: row?.hosts ?? 0,
    samples: row?.samples ?? 0,
    mean: row?.mean ?? null,
    cv:
      row?.mean && row.mean > 0 && row.variance !== null
        ? Math.sqrt(row.variance) / row.mean
        : null,
    fromDay: row?.fromDay ?? null,
    toDay: row?.toDay ?? null,
  };
  const fallback = `planned with the default CV of ${DEFAULT_PLAN_CV} (hosts varying by as much as their mean)`;
  const days = `in the last ${HISTORY_DAYS} days`;
  if (history.hosts === 0)
    return { history, cv: null, note: `No targeted host reported ${title} ${days}: ${fallback}.` };
  if (history.hosts < MIN_HISTORY_HOSTS) {
    return {
      history,
      cv: null,
      note: `Only ${history.hosts} targeted host${history.hosts === 1 ? '' : 's'} reported ${title} ${days}, too few to measure its spread: ${fallback}.`,
    };
  }
  if (history.cv === null) {
    return {
      history,
      cv: null,
      note: `${title} averaged ${history.mean ?? 'nothing'} on the targeted hosts: a relative change means nothing around a mean that is not positive; ${fallback}.`,
    };
  }
  return { history, cv: history.cv, note: null };
}

/**
 * The answer to experimentPlan from what was read: each metric's history (or the
 * default CV), its need planned alone, the plan (the largest need), and the days at
 * the expected pace, with a sentence for whatever stands in the way.
 */
export function planAnswer(
  request: PlanRequest,
  eligibleHosts: number,
  rows: readonly MetricHistoryRow[],
): ExperimentPlan {
  const hostsRead = rows[0]?.hostsRead ?? 0;
  const expectation: OptInExpectation = {
    eligibleHosts,
    optInShare: request.optInShare,
    optInsPerDay: request.optInsPerDay,
  };
  const metrics = request.metrics.map((m) => {
    const definition = findMetric(m.metric)!;
    const { history, cv, note } = historyOf(
      definition.title,
      rows.find((r) => r.metric === m.metric),
    );
    // The share of hosts that report it, from history worth reading (else all of them).
    const reporting = cv !== null && hostsRead > 0 ? history.hosts / hostsRead : 1;
    return { m, definition, history, cv, note, reporting };
  });
  const plan = planExperiment({
    metrics: metrics.map(({ m, cv }) => ({
      cv: cv ?? DEFAULT_PLAN_CV,
      margin: m.margin ?? null,
      minDetectableEffect: request.minDetectableEffect,
    })),
    arms: request.arms,
  });
  const totalAt = (perArm: number): number =>
    hostsAtPlan(perArm, request.arms).reduce((sum, n) => sum + Math.ceil(n - 1e-9), 0);

  const metricPlans: MetricPlan[] = metrics.map(
    ({ m, definition, history, cv, note, reporting }, i) => {
      const planned = plan.metrics[i]!;
      const days = planned.plannedHostsPerArm
        ? daysToPlan(totalAt(planned.plannedHostsPerArm), reporting, expectation)
        : null;
      return {
        metric: m.metric,
        title: definition.title,
        role: m.role,
        margin: m.margin ?? null,
        settledBy: planned.settledBy,
        effect: planned.gap,
        history,
        cv: cv ?? DEFAULT_PLAN_CV,
        usedDefaultCv: cv === null,
        hostsPerArm: planned.plannedHostsPerArm,
        optedInHostsNeeded: days?.optedInNeeded ?? null,
        daysNeeded: days?.days ?? null,
        note:
          planned.plannedHostsPerArm === null ? unsettleable(definition.title, planned.gap) : note,
      };
    },
  );

  // Every metric needs the planned hosts with data; each reports from its share of hosts.
  const overall = plan.plannedHostsPerArm
    ? metrics
        .map(({ reporting }) => daysToPlan(plan.totalHosts!, reporting, expectation))
        .reduce((a, b) => (b.optedInNeeded > a.optedInNeeded ? b : a))
    : null;
  const limiting = plan.limitingMetric === null ? null : metricPlans[plan.limitingMetric]!;
  const notes = [
    ...(eligibleHosts === 0 ? ['No host matches the targeting now.'] : []),
    ...metricPlans.flatMap((m) => (m.note ? [m.note] : [])),
    ...(overall && !overall.reachable && eligibleHosts > 0
      ? [
          request.optInShare === 1
            ? `Even if all ${count(eligibleHosts)} targeted hosts opted in, the plan needs ${count(overall.optedInNeeded)}: target more hosts or widen the margins.`
            : `About ${count(eligibleHosts * request.optInShare)} of the ${count(eligibleHosts)} targeted hosts are expected to opt in; the plan needs ${count(overall.optedInNeeded)}: target more hosts, widen the margins, or expect more to opt in.`,
        ]
      : []),
    ...(overall && overall.reachable && request.optInsPerDay === null
      ? ['Say how many hosts are expected to opt in a day to get the days needed.']
      : []),
  ];

  return {
    eligibleHosts,
    historyDays: HISTORY_DAYS,
    hostsRead,
    plannedHostsPerArm: plan.plannedHostsPerArm,
    limitingMetric: limiting?.metric ?? null,
    arms: plan.hostsPerArm
      ? request.arms.map((a, i) => ({ armKey: a.key, hosts: plan.hostsPerArm![i]! }))
      : [],
    totalHosts: plan.totalHosts,
    optedInHostsNeeded: overall?.optedInNeeded ?? null,
    daysNeeded: overall?.days ?? null,
    power: PLAN_POWER,
    minDetectableEffect: request.minDetectableEffect,
    metrics: metricPlans,
    summary: summaryOf(
      plan.plannedHostsPerArm,
      plan.totalHosts,
      limiting,
      overall?.days ?? null,
      request,
    ),
    notes,
  };
}

function unsettleable(title: string, gap: number): string {
  if (gap === 0) {
    return `A margin of 0% tolerates no change at all, so ${title} can never be shown no worse: give it a margin, or none to plan for a ${percent(DEFAULT_MIN_DETECTABLE_EFFECT)} effect.`;
  }
  return `${title} cannot be settled within ${percent(gap)} by any fleet (it would need more than ${count(MAX_PLANNED_HOSTS_PER_ARM)} hosts per arm): widen its margin.`;
}

function summaryOf(
  planned: number | null,
  total: number | null,
  limiting: MetricPlan | null,
  days: number | null,
  request: PlanRequest,
): string {
  if (!limiting) return 'No metric to plan for.';
  if (planned === null) return `No plan: ${limiting.title} cannot be settled.`;
  const by =
    limiting.settledBy === 'NO_WORSE'
      ? `${limiting.title} (${limiting.role.toLowerCase()}, no worse than ${percent(limiting.effect)})`
      : `${limiting.title} (${limiting.role.toLowerCase()}, a ${percent(limiting.effect)} effect)`;
  const when =
    days !== null
      ? `: about ${count(days)} day${days === 1 ? '' : 's'} at ${count(request.optInsPerDay!)} opt-ins a day`
      : '';
  return `Plan for ${count(planned)} hosts per arm (${count(total!)} with data in all), set by ${by}${when}.`;
}
