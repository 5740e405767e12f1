import type { ExperimentStatus } from '../domain/experiments.js';
import type { PlanArm } from '../stats/plan.js';

const DAY_MS = 86_400_000;
/** A projection further out than this says so instead of naming a date. */
export const MAX_PROJECTED_DAYS = 365;
/** Before this long a rate says more about the first opt-ins than about the pace. */
const MIN_ELAPSED_DAYS = 1 / 24;

/** What an operator expects of opting in, before launch. */
export interface OptInExpectation {
  /** Targeted hosts now. */
  readonly eligibleHosts: number;
  /** The share of them expected to opt in at all, in (0, 1]. */
  readonly optInShare: number;
  /** Hosts expected to opt in a day, all arms together; null: not said. */
  readonly optInsPerDay: number | null;
}

export interface DaysToPlan {
  /** Opted-in hosts needed so that `hostsWithData` of them report the metric. */
  readonly optedInNeeded: number;
  /** Whether that many of the targeted hosts are expected to opt in at all. */
  readonly reachable: boolean;
  /** Whole days of opting in at the expected pace; null when unreachable or no pace was given. */
  readonly days: number | null;
}

/**
 * The days of opting in a plan needs: `hostsWithData` hosts (all arms) that report the
 * metric, of which only `reportingShare` of the opted-in hosts do (history says how
 * many of the targeted hosts reported it), reached at the expected pace, a straight
 * line from the first day. Opt-ins are assumed to report the metric from the first day.
 */
export function daysToPlan(
  hostsWithData: number,
  reportingShare: number,
  expectation: OptInExpectation,
): DaysToPlan {
  const share = reportingShare > 0 ? Math.min(1, reportingShare) : 1;
  const optedInNeeded = Math.ceil(hostsWithData / share - 1e-9);
  const reachable = optedInNeeded <= Math.floor(expectation.eligibleHosts * expectation.optInShare);
  const perDay = expectation.optInsPerDay;
  return {
    optedInNeeded,
    reachable,
    days: reachable && perDay !== null && perDay > 0 ? Math.ceil(optedInNeeded / perDay) : null,
  };
}

export interface ProgressArm extends PlanArm {
  /** Hosts opted in to the arm now. */
  readonly hosts: number;
}

export interface ProgressInput {
  readonly plannedHostsPerArm: number;
  readonly arms: readonly ProgressArm[];
  readonly status: ExperimentStatus;
  readonly startedAt: Date | null;
  readonly now: Date;
}

export interface ExperimentProgress {
  readonly plannedHostsPerArm: number;
  /** The mean of the baseline's and the largest treatment arm's hosts, as the plan counts. */
  readonly hostsPerArmNow: number;
  /** hostsPerArmNow / plannedHostsPerArm (above 1 past the plan). */
  readonly share: number;
  /** Hosts per arm gained a day since the start; null before there is a rate. */
  readonly hostsPerArmPerDay: number | null;
  /** Whole days until the plan at that rate: 0 once reached; null when it cannot be said. */
  readonly daysLeft: number | null;
  readonly expectedEndAt: Date | null;
  /** The progress in one sentence, with why there is no date when there is none. */
  readonly summary: string;
}

const count = (n: number): string => Math.round(n).toLocaleString('en-US');

/**
 * How far a started experiment is toward its planned hosts per arm, and when it will
 * likely get there if hosts keep opting in at the pace they have since it started (a
 * straight line: time paused counts as time, so a pause makes the date later).
 */
export function experimentProgress(input: ProgressInput): ExperimentProgress {
  const { plannedHostsPerArm: planned, arms, status } = input;
  const baseline = arms.find((a) => a.baseline);
  const treatments = arms.filter((a) => !a.baseline);
  const largest = treatments.reduce<ProgressArm | undefined>(
    (best, a) => (!best || a.weight > best.weight ? a : best),
    undefined,
  );
  const hostsPerArmNow = baseline && largest ? (baseline.hosts + largest.hosts) / 2 : 0;
  const share = hostsPerArmNow / planned;
  const where = `${count(hostsPerArmNow)} of ${count(planned)} planned hosts per arm`;
  const elapsedDays = input.startedAt
    ? (input.now.getTime() - input.startedAt.getTime()) / DAY_MS
    : 0;
  const rate =
    elapsedDays >= MIN_ELAPSED_DAYS && hostsPerArmNow > 0 ? hostsPerArmNow / elapsedDays : null;
  const base = { plannedHostsPerArm: planned, hostsPerArmNow, share, hostsPerArmPerDay: rate };
  const none = (summary: string): ExperimentProgress => ({
    ...base,
    daysLeft: null,
    expectedEndAt: null,
    summary,
  });

  if (hostsPerArmNow >= planned) {
    return { ...base, daysLeft: 0, expectedEndAt: null, summary: `The plan is reached: ${where}.` };
  }
  if (status === 'CONCLUDED') return none(`Concluded at ${where}.`);
  if (status !== 'RUNNING') {
    return none(`${where}; no end date while it is ${status.toLowerCase()}: hosts do not opt in.`);
  }
  if (hostsPerArmNow === 0) return none(`No host has opted in yet, so there is no pace to go by.`);
  if (rate === null)
    return none(`${where}; too early to tell the pace (started under an hour ago).`);
  const daysLeft = Math.ceil((planned - hostsPerArmNow) / rate);
  const pace = `${rate >= 10 ? count(rate) : rate.toPrecision(2)} hosts per arm a day`;
  if (daysLeft > MAX_PROJECTED_DAYS) {
    return none(
      `${where}; at ${pace} the plan is more than a year away: opt more hosts in, or plan for fewer.`,
    );
  }
  return {
    ...base,
    daysLeft,
    expectedEndAt: new Date(input.now.getTime() + daysLeft * DAY_MS),
    summary: `${where}; at ${pace} the plan is about ${daysLeft} day${daysLeft === 1 ? '' : 's'} away.`,
  };
}
