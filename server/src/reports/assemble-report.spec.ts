import { describe, expect, it } from '@jest/globals';
import type { Comparison } from '../analysis/comparison.model.js';
import type { HostValue } from '../analysis/host-values.js';
import type { ChangeEntity } from '../changes/change.entity.js';
import type { ExperimentEntity } from '../experiments/experiment.entity.js';
import { assembleReport, type GatheredEvidence } from './assemble-report.js';
import type { EnrolledHost } from './report-queries.js';

const experiment = {
  slug: 'cow',
  title: 'CoW',
  hypothesis: null,
  status: 'RUNNING',
  startedAt: new Date('2026-01-02T00:00:00Z'),
  pausedAt: null,
  concludedAt: null,
  targeting: [],
  arms: [
    { id: 'B', key: 'baseline', name: null, weight: 1, baseline: true, packages: [], repos: [] },
    { id: 'T', key: 'cow', name: null, weight: 1, baseline: false, packages: [], repos: [] },
  ],
  metrics: [{ metric: 'install_duration_ms', role: 'PRIMARY', margin: 0.02 }],
} as unknown as ExperimentEntity;

const hosts: EnrolledHost[] = ['b1', 'b2', 't1', 't2', 'x9'].map((id, i) => ({
  hostId: id,
  armId: id.startsWith('b') ? 'B' : 'T',
  optedIn: id !== 'x9',
  rootFsType: i % 2 ? 'xfs' : 'btrfs',
  arch: 'x86_64',
  reflink: 'true',
  osId: null,
  osVersion: null,
}));
const value = (hostId: string, mean: number, metric = 'install_duration_ms'): HostValue => ({
  metric,
  armId: hostId.startsWith('b') ? 'B' : 'T',
  hostId,
  count: 3,
  mean,
  preMean: null,
});
const overall = {
  window: { from: '2026-01-02', to: null },
  arms: [
    { armKey: 'baseline', median: 10, p90: 20, p99: 30 },
    { armKey: 'cow', median: 5, p90: 9, p99: 12 },
  ],
  health: [{ name: 'Data', status: 'OK', message: 'fine' }],
  timeSeries: [],
} as unknown as Comparison;

const gathered: GatheredEvidence = {
  experiment,
  change: { slug: 'c', title: 'C', description: null, upstreamUrl: null } as ChangeEntity,
  overall: [overall],
  hosts,
  values: [
    value('t2', 6),
    value('b2', 11),
    value('x9', 99, 'boot_duration_ms'),
    value('t1', 5),
    value('b1', 10),
  ],
  baseUrl: 'https://fleetlab.example.org',
  engineVersion: '0.1.0',
  generatedAt: new Date('2026-02-01T00:00:00Z'),
};

describe(assembleReport.name, () => {
  const data = assembleReport(gathered);

  it('lists the judged metrics’ host aggregates by metric, arm and host id', () => {
    expect(data.hostAggregates.map((h) => `${h.arm}/${h.hostId}`)).toEqual([
      'baseline/b1',
      'baseline/b2',
      'cow/t1',
      'cow/t2',
    ]);
    expect(data.hostAggregates[0]).toEqual({
      metric: 'install_duration_ms',
      arm: 'baseline',
      hostId: 'b1',
      rootFsType: 'btrfs',
      arch: 'x86_64',
      count: 3,
      mean: 10,
      preMean: null,
    });
  });

  it('computes the statistics from the host values, with the percentiles of the comparison', () => {
    const { arms, comparisons, health } = data.metrics[0]!.comparison;
    expect(arms).toEqual([
      {
        armKey: 'baseline',
        baseline: true,
        hosts: 2,
        samples: 6,
        mean: 10.5,
        median: 10,
        p90: 20,
        p99: 30,
      },
      {
        armKey: 'cow',
        baseline: false,
        hosts: 2,
        samples: 6,
        mean: 5.5,
        median: 5,
        p90: 9,
        p99: 12,
      },
    ]);
    expect(comparisons[0]!.relativeDiff).toBeCloseTo(-5 / 10.5, 12);
    expect(health).toEqual(overall.health);
    expect(data.window).toEqual({ from: '2026-01-02', to: null });
  });

  it('compares within each root filesystem and arch of the opted-in hosts', () => {
    expect(data.segments.map((s) => `${s.dimension}=${s.value}`)).toEqual([
      'ROOT_FS_TYPE=btrfs',
      'ROOT_FS_TYPE=xfs',
      'ARCH=x86_64',
    ]);
    const btrfs = data.segments[0]!.comparisons[0]!.comparison;
    // b1 and t1 (btrfs); one host per arm is too few to compare.
    expect(btrfs.arms.map((a) => [a.armKey, a.hosts, a.mean, a.median])).toEqual([
      ['baseline', 1, 10, null],
      ['cow', 1, 5, null],
    ]);
    expect(btrfs.comparisons[0]!.relativeDiff).toBeNull();
  });

  it('counts opted-in hosts per arm and their facts', () => {
    expect(data.experiment.arms.map((a) => a.optedIn)).toEqual([2, 2]);
    expect(data.mix.find((f) => f.fact === 'rootFsType')!.values).toEqual([
      { value: 'btrfs', hostsPerArm: [1, 1] },
      { value: 'xfs', hostsPerArm: [1, 1] },
    ]);
  });
});
