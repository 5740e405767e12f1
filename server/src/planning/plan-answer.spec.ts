import { describe, expect, it } from '@jest/globals';
import { MetricRole } from '../experiments/experiment.enums.js';
import { planAnswer, type PlanRequest } from './plan-answer.js';
import type { MetricHistoryRow } from './planning.queries.js';

const request: PlanRequest = {
  arms: [
    { key: 'baseline', weight: 1, baseline: true },
    { key: 'cow', weight: 1, baseline: false },
  ],
  metrics: [
    { metric: 'install_duration_ms', role: MetricRole.PRIMARY, margin: 0.05 },
    { metric: 'download_bytes', role: MetricRole.GUARDRAIL, margin: 0.1 },
  ],
  optInShare: 1,
  optInsPerDay: 100,
  minDetectableEffect: 0.05,
};

const row = (metric: string, patch: Partial<MetricHistoryRow> = {}): MetricHistoryRow => ({
  metric,
  hostsRead: 400,
  hosts: 400,
  samples: 4000,
  mean: 1000,
  variance: 500 ** 2,
  fromDay: '2026-11-22',
  toDay: '2026-12-19',
  ...patch,
});

describe(planAnswer.name, () => {
  it('plans from the history read, and names the metric that needs the most', () => {
    const answer = planAnswer(request, 10_000, [
      row('install_duration_ms'),
      row('download_bytes', { variance: 300 ** 2 }),
    ]);
    // CV 0.5 and a 5% margin: 2 · 0.25 · (3.0352 + 0.8416)² / 0.05² = 3,005.96.
    expect(answer.metrics.map((m) => [m.cv, m.usedDefaultCv, m.hostsPerArm])).toEqual([
      [0.5, false, 3006],
      [0.3, false, 271],
    ]);
    expect(answer).toMatchObject({
      eligibleHosts: 10_000,
      hostsRead: 400,
      plannedHostsPerArm: 3006,
      limitingMetric: 'install_duration_ms',
      arms: [
        { armKey: 'baseline', hosts: 3006 },
        { armKey: 'cow', hosts: 3006 },
      ],
      totalHosts: 6012,
      optedInHostsNeeded: 6012,
      daysNeeded: 61,
      notes: [],
    });
    expect(answer.summary).toBe(
      'Plan for 3,006 hosts per arm (6,012 with data in all), set by Install time (primary, no worse than 5%): about 61 days at 100 opt-ins a day.',
    );
  });

  it('falls back to the default CV, saying why, when history is missing or thin', () => {
    const answer = planAnswer(request, 100_000, [
      row('install_duration_ms', { hosts: 0, samples: 0, mean: null, variance: null }),
      row('download_bytes', { hosts: 4, samples: 9 }),
    ]);
    expect(answer.metrics.map((m) => [m.cv, m.usedDefaultCv])).toEqual([
      [1, true],
      [1, true],
    ]);
    expect(answer.notes).toEqual([
      'No targeted host reported Install time in the last 28 days: planned with the default CV of 1 (hosts varying by as much as their mean).',
      'Only 4 targeted hosts reported Downloaded in the last 28 days, too few to measure its spread: planned with the default CV of 1 (hosts varying by as much as their mean).',
    ]);
  });

  it('counts only the hosts that report a metric toward its hosts with data', () => {
    const answer = planAnswer(request, 100_000, [
      row('install_duration_ms'),
      row('download_bytes', { hosts: 100, variance: 300 ** 2 }),
    ]);
    expect(answer.metrics[1]!.optedInHostsNeeded).toBe(4 * 2 * 271);
    // Every metric needs the planned hosts: the rarely reported one decides the opt-ins.
    expect(answer.optedInHostsNeeded).toBe(4 * 6012);
  });

  it('says what stops a plan: a margin of 0, too few hosts, no pace', () => {
    const zero = planAnswer(
      { ...request, metrics: [{ ...request.metrics[0]!, margin: 0 }] },
      10_000,
      [row('install_duration_ms')],
    );
    expect(zero.plannedHostsPerArm).toBeNull();
    expect(zero.summary).toBe('No plan: Install time cannot be settled.');
    expect(zero.metrics[0]!.note).toMatch(/^A margin of 0% tolerates no change at all/);

    const few = planAnswer({ ...request, optInShare: 0.1 }, 2000, [
      row('install_duration_ms'),
      row('download_bytes'),
    ]);
    expect(few.daysNeeded).toBeNull();
    expect(few.notes).toContain(
      'About 200 of the 2,000 targeted hosts are expected to opt in; the plan needs 6,012: target more hosts, widen the margins, or expect more to opt in.',
    );

    const noPace = planAnswer({ ...request, optInsPerDay: null }, 10_000, [
      row('install_duration_ms'),
      row('download_bytes'),
    ]);
    expect(noPace.daysNeeded).toBeNull();
    expect(noPace.notes).toEqual([
      'Say how many hosts are expected to opt in a day to get the days needed.',
    ]);

    const all = planAnswer(request, 5000, [row('install_duration_ms'), row('download_bytes')]);
    expect(all.notes).toEqual([
      'Even if all 5,000 targeted hosts opted in, the plan needs 6,012: target more hosts or widen the margins.',
    ]);
  });

  it('plans a metric without a margin for the effect asked, and one with no positive mean by default', () => {
    const answer = planAnswer(
      {
        ...request,
        minDetectableEffect: 0.1,
        metrics: [
          { metric: 'install_duration_ms', role: MetricRole.PRIMARY, margin: null },
          { metric: 'disk_used_delta_bytes', role: MetricRole.GUARDRAIL, margin: 0.5 },
        ],
      },
      10_000,
      [row('install_duration_ms'), row('disk_used_delta_bytes', { mean: -20 })],
    );
    expect(answer.metrics[0]).toMatchObject({ settledBy: 'SIGNIFICANT', effect: 0.1 });
    expect(answer.metrics[1]).toMatchObject({ usedDefaultCv: true, cv: 1 });
    expect(answer.notes[0]).toMatch(/^Disk used change averaged -20 on the targeted hosts/);
  });
});
