import { describe, expect, it } from '@jest/globals';
import { daysToPlan, experimentProgress, type ProgressInput } from './schedule.js';

const DAY = 86_400_000;
const now = new Date('2026-12-20T12:00:00Z');

describe(daysToPlan.name, () => {
  const fleet = { eligibleHosts: 10_000, optInShare: 0.5, optInsPerDay: 200 };

  it('counts the days of opting in, and only the hosts that report the metric', () => {
    expect(daysToPlan(1000, 1, fleet)).toEqual({ optedInNeeded: 1000, reachable: true, days: 5 });
    expect(daysToPlan(1000, 0.4, fleet)).toEqual({
      optedInNeeded: 2500,
      reachable: true,
      days: 13,
    });
  });

  it('says when fewer hosts would ever opt in than the plan needs', () => {
    expect(daysToPlan(6000, 1, fleet)).toEqual({
      optedInNeeded: 6000,
      reachable: false,
      days: null,
    });
  });

  it('gives no days without a pace', () => {
    expect(daysToPlan(100, 1, { ...fleet, optInsPerDay: null }).days).toBeNull();
  });
});

describe(experimentProgress.name, () => {
  const running = (hosts: [number, number], daysAgo: number): ProgressInput => ({
    plannedHostsPerArm: 1000,
    arms: [
      { weight: 1, baseline: true, hosts: hosts[0] },
      { weight: 1, baseline: false, hosts: hosts[1] },
    ],
    status: 'RUNNING',
    startedAt: new Date(now.getTime() - daysAgo * DAY),
    now,
  });

  it('projects the pace since the start to the plan', () => {
    const progress = experimentProgress(running([240, 260], 5));
    expect(progress).toMatchObject({ hostsPerArmNow: 250, share: 0.25, hostsPerArmPerDay: 50 });
    expect(progress.daysLeft).toBe(15);
    expect(progress.expectedEndAt).toEqual(new Date('2027-01-04T12:00:00Z'));
    expect(progress.summary).toBe(
      '250 of 1,000 planned hosts per arm; at 50 hosts per arm a day the plan is about 15 days away.',
    );
  });

  it('says the plan is reached', () => {
    expect(experimentProgress(running([1000, 1010], 9))).toMatchObject({
      daysLeft: 0,
      share: 1.005,
      summary: 'The plan is reached: 1,005 of 1,000 planned hosts per arm.',
    });
  });

  it.each<[string, ProgressInput, RegExp]>([
    ['no host yet', running([0, 0], 3), /^No host has opted in yet/],
    [
      'under an hour',
      { ...running([5, 5], 0), startedAt: new Date(now.getTime() - 600_000) },
      /too early/,
    ],
    ['a pace a year would not reach', running([2, 2], 30), /more than a year away/],
    ['paused', { ...running([100, 100], 3), status: 'PAUSED' }, /no end date while it is paused/],
    ['concluded', { ...running([100, 100], 3), status: 'CONCLUDED' }, /^Concluded at 100 of 1,000/],
  ])('gives no date for %s, in words', (_, input, words) => {
    const progress = experimentProgress(input);
    expect(progress.expectedEndAt).toBeNull();
    expect(progress.daysLeft).toBeNull();
    expect(progress.summary).toMatch(words);
  });

  it('counts the baseline with the largest treatment arm, as the plan does', () => {
    const progress = experimentProgress({
      ...running([0, 0], 2),
      arms: [
        { weight: 2, baseline: true, hosts: 200 },
        { weight: 1, baseline: false, hosts: 100 },
        { weight: 2, baseline: false, hosts: 180 },
      ],
    });
    expect(progress.hostsPerArmNow).toBe(190);
  });
});
