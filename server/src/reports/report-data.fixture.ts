import { Verdict, HealthStatus } from '../analysis/comparison.model.js';
import { Inference } from '../analysis/dto/inference.js';
import type { ReportData } from './report-data.js';

/** A title with every character wiki text and Markdown treat specially. */
export const NASTY_TITLE = "RPM | CoW [[x]] {{y}} 'z' *a* _b_ <c> & ~~~~ = #1 `d` __TOC__";

/** A small, fixed ReportData for the renderers' specs: two arms, two metrics, four hosts. */
export function reportDataFixture(): ReportData {
  const comparison = {
    armKey: 'cow',
    inference: Inference.SEQUENTIAL,
    absoluteDiff: -4210.5,
    relativeDiff: -0.3521,
    ciLow: -0.401,
    ciHigh: -0.302,
    p: 0.00001,
    welchP: 0.00001,
    mannWhitneyP: 0.0002,
    hodgesLehmann: -4000,
    hlCiLow: -4500,
    hlCiHigh: -3500,
    cupedRelativeDiff: -0.35,
    cupedCiLow: -0.39,
    cupedCiHigh: -0.31,
    adjustedP: 0.00002,
    verdict: Verdict.BETTER,
    hostsNeeded: null,
  };
  const disk = {
    ...comparison,
    absoluteDiff: 60e6,
    relativeDiff: 0.6,
    ciLow: 0.45,
    ciHigh: 0.75,
    p: 0.001,
    welchP: 0.001,
    adjustedP: 0.001,
    verdict: Verdict.WORSE,
  };
  const arms = (mean: number, treated: number) => [
    {
      armKey: 'baseline',
      baseline: true,
      hosts: 2,
      samples: 20,
      mean,
      median: mean,
      p90: mean * 1.5,
      p99: mean * 2,
    },
    {
      armKey: 'cow',
      baseline: false,
      hosts: 2,
      samples: 18,
      mean: treated,
      median: treated,
      p90: treated * 1.5,
      p99: treated * 2,
    },
  ];
  const health = [
    {
      name: 'Sample ratio',
      status: HealthStatus.OK,
      message: 'The arms hold baseline 2, cow 2 hosts.',
    },
  ];
  return {
    generatedAt: '2026-02-01T12:00:00.000Z',
    baseUrl: 'https://fleetlab.example.org',
    engineVersion: '0.1.0',
    window: { from: null, to: null },
    change: {
      slug: 'rpm-cow',
      title: 'RPM copy-on-write',
      description: 'Reflink file data out of the dnf cache.\n\nOnly where reflinks work.',
      upstreamUrl: 'https://fedoraproject.org/wiki/Changes/RPMCoW',
    },
    experiment: {
      slug: 'cow-test',
      title: NASTY_TITLE,
      hypothesis: 'Installs are faster.',
      status: 'RUNNING',
      startedAt: '2026-01-02T08:00:00.000Z',
      pausedAt: null,
      concludedAt: null,
      targeting: [{ fact: 'rootFsType', op: 'IN', values: ['btrfs', 'xfs'] }],
      plannedHostsPerArm: 100,
      inference: 'SEQUENTIAL',
      arms: [
        {
          key: 'baseline',
          name: 'Stock rpm',
          weight: 50,
          baseline: true,
          packages: ['rpm-4.16.1.3-34.el9'],
          repos: [],
          optedIn: 2,
        },
        {
          key: 'cow',
          name: 'RPM CoW',
          weight: 50,
          baseline: false,
          packages: ['rpm-4.16.1.3-34.hs.el9', 'python3-dnf-plugin-cow-0.3-1.hs.el9'],
          repos: ['https://mirror.example.org/hyperscale/'],
          optedIn: 2,
        },
      ],
    },
    metrics: [
      {
        key: 'install_duration_ms',
        title: 'Install time',
        unit: 'ms',
        direction: 'LOWER_IS_BETTER',
        sampleKind: 'package_transaction',
        role: 'PRIMARY',
        margin: 0.02,
        comparison: {
          arms: arms(12000, 7775),
          comparisons: [comparison],
          health,
          window: { from: null, to: null },
          timeSeries: [
            {
              armKey: 'baseline',
              day: '2026-01-02',
              hosts: 2,
              samples: 10,
              mean: 12000,
              ciLow: null,
              ciHigh: null,
            },
            {
              armKey: 'cow',
              day: '2026-01-05',
              hosts: 2,
              samples: 9,
              mean: 7775,
              ciLow: null,
              ciHigh: null,
            },
          ],
        },
      },
      {
        key: 'disk_used_delta_bytes',
        title: 'Disk used change',
        unit: 'bytes',
        direction: 'LOWER_IS_BETTER',
        sampleKind: 'package_transaction',
        role: 'GUARDRAIL',
        margin: 0.5,
        comparison: {
          arms: arms(100e6, 160e6),
          comparisons: [disk],
          health,
          window: { from: null, to: null },
          timeSeries: [],
        },
      },
    ],
    segments: [
      {
        dimension: 'ROOT_FS_TYPE',
        value: 'btrfs',
        comparisons: [
          {
            metric: 'install_duration_ms',
            comparison: {
              arms: arms(12000, 6000),
              comparisons: [{ ...comparison, relativeDiff: -0.5 }],
            },
          },
          {
            metric: 'disk_used_delta_bytes',
            comparison: { arms: arms(100e6, 160e6), comparisons: [disk] },
          },
        ],
      },
    ],
    mix: [
      {
        fact: 'rootFsType',
        values: [
          { value: 'btrfs', hostsPerArm: [1, 1] },
          { value: 'ext4', hostsPerArm: [1, 1] },
        ],
      },
      {
        fact: 'reflink',
        values: [
          { value: 'no', hostsPerArm: [1, 1] },
          { value: 'yes', hostsPerArm: [1, 1] },
        ],
      },
    ],
    hostAggregates: [
      {
        metric: 'install_duration_ms',
        arm: 'baseline',
        hostId: 'a1',
        rootFsType: 'btrfs',
        arch: 'x86_64',
        count: 10,
        mean: 11000,
        preMean: 10500,
      },
      {
        metric: 'install_duration_ms',
        arm: 'baseline',
        hostId: 'a2',
        rootFsType: '=cmd|x',
        arch: 'x86_64',
        count: 10,
        mean: 13000,
        preMean: null,
      },
      {
        metric: 'install_duration_ms',
        arm: 'cow',
        hostId: 'b1',
        rootFsType: 'btrfs',
        arch: 'x86_64',
        count: 9,
        mean: 6000,
        preMean: 11000,
      },
      {
        metric: 'install_duration_ms',
        arm: 'cow',
        hostId: 'b2',
        rootFsType: 'ext4',
        arch: 'aarch64',
        count: 9,
        mean: 9550,
        preMean: 9000,
      },
      {
        metric: 'disk_used_delta_bytes',
        arm: 'baseline',
        hostId: 'a1',
        rootFsType: 'btrfs',
        arch: 'x86_64',
        count: 10,
        mean: -5e6,
        preMean: null,
      },
      {
        metric: 'disk_used_delta_bytes',
        arm: 'baseline',
        hostId: 'a2',
        rootFsType: '=cmd|x',
        arch: 'x86_64',
        count: 10,
        mean: 205e6,
        preMean: null,
      },
      {
        metric: 'disk_used_delta_bytes',
        arm: 'cow',
        hostId: 'b1',
        rootFsType: 'btrfs',
        arch: 'x86_64',
        count: 9,
        mean: 150e6,
        preMean: null,
      },
      {
        metric: 'disk_used_delta_bytes',
        arm: 'cow',
        hostId: 'b2',
        rootFsType: 'ext4',
        arch: 'aarch64',
        count: 9,
        mean: 170e6,
        preMean: null,
      },
    ],
  };
}
