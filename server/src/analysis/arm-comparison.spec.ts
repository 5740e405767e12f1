import { describe, expect, it } from '@jest/globals';
import { holm, sequentialFromMoments, welchTest, armMoments } from '@fleetlab/shared';
import { compareMetric } from './arm-comparison.js';
import type { HostValue } from './host-values.js';

const ARMS = [
  { id: 'b', key: 'baseline', baseline: true },
  { id: 't', key: 'cow', baseline: false },
];
const METRICS = [
  { metric: 'install_duration_ms', margin: 0.02 },
  { metric: 'download_bytes', margin: null },
];
const SEQUENTIAL = { inference: 'SEQUENTIAL' as const, plan: { plannedHostsPerArm: 100 } };
const FIXED_HORIZON = { ...SEQUENTIAL, inference: 'FIXED_HORIZON' as const };
const values = (metric: string, armId: string, means: number[]): HostValue[] =>
  means.map((mean, i) => ({
    metric,
    armId,
    hostId: `${armId}${i}`,
    count: 2,
    mean,
    preMean: null,
  }));

describe(compareMetric.name, () => {
  const install = { b: [100, 110, 120, 130], t: [60, 70, 65, 75] };
  const download = { b: [5, 6, 7, 8], t: [5, 6, 7, 9] };
  const all = [
    ...values('install_duration_ms', 'b', install.b),
    ...values('install_duration_ms', 't', install.t),
    ...values('download_bytes', 'b', download.b),
    ...values('download_bytes', 't', download.t),
  ];

  it('summarises each arm from its host values', () => {
    const { arms } = compareMetric(
      ARMS,
      METRICS,
      'install_duration_ms',
      'LOWER_IS_BETTER',
      all,
      SEQUENTIAL,
    );
    expect(arms).toEqual([
      { armKey: 'baseline', baseline: true, hosts: 4, samples: 8, mean: 115 },
      { armKey: 'cow', baseline: false, hosts: 4, samples: 8, mean: 67.5 },
    ]);
  });

  it("Holm-adjusts Welch's p over every metric of the experiment, for a fixed horizon", () => {
    const { comparisons } = compareMetric(
      ARMS,
      METRICS,
      'download_bytes',
      'LOWER_IS_BETTER',
      all,
      FIXED_HORIZON,
    );
    const ps = [welchTest(install.b, install.t).p, welchTest(download.b, download.t).p];
    expect(comparisons).toHaveLength(1);
    expect(comparisons[0]!.inference).toBe('FIXED_HORIZON');
    expect(comparisons[0]!.welchP).toBe(ps[1]);
    expect(comparisons[0]!.p).toBe(ps[1]);
    expect(comparisons[0]!.adjustedP).toBe(holm(ps)[1]);
  });

  it('Holm-adjusts the anytime-valid p-values by default, and keeps Welch beside them', () => {
    const { comparisons } = compareMetric(
      ARMS,
      METRICS,
      'download_bytes',
      'LOWER_IS_BETTER',
      all,
      SEQUENTIAL,
    );
    const sequential = (b: number[], t: number[]) =>
      sequentialFromMoments(armMoments(b), armMoments(t), SEQUENTIAL.plan);
    const ps = [sequential(install.b, install.t).p, sequential(download.b, download.t).p];
    const [c] = comparisons;
    expect(c!.inference).toBe('SEQUENTIAL');
    expect(c!.p).toBe(ps[1]);
    expect(c!.adjustedP).toBe(holm(ps)[1]);
    expect(c!.welchP).toBe(welchTest(download.b, download.t).p);
    expect([c!.ciLow, c!.ciHigh]).toEqual([
      sequential(download.b, download.t).relCiLow,
      sequential(download.b, download.t).relCiHigh,
    ]);
  });

  it('has no comparison to make with fewer than two hosts in an arm', () => {
    const few = values('install_duration_ms', 'b', [1]).concat(
      values('install_duration_ms', 't', [2, 3]),
    );
    const [c] = compareMetric(
      ARMS,
      METRICS,
      'install_duration_ms',
      'LOWER_IS_BETTER',
      few,
      SEQUENTIAL,
    ).comparisons;
    expect(c).toMatchObject({ relativeDiff: null, adjustedP: null, verdict: 'INCONCLUSIVE' });
  });
});
