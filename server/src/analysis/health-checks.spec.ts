import { describe, expect, it } from '@jest/globals';
import type { TallyRow } from './analysis.queries.js';
import {
  exposureOf,
  HEALTH_CHECK_NAMES,
  metricChecks,
  stackAndBalanceChecks,
  type CheckedArm,
} from './health-checks.js';

const ARMS: CheckedArm[] = [
  { id: 'b', key: 'baseline', weight: 1, baseline: true, packages: ['rpm-4.16.1.3-34.el9'] },
  { id: 't', key: 'cow', weight: 1, baseline: false, packages: ['rpm-4.16.1.3-34.hs.el9'] },
];
const row = (overrides: Partial<TallyRow>): TallyRow => ({
  armId: 'b',
  status: 'OPTED_IN',
  rootFsType: 'xfs',
  arch: 'x86_64',
  exposure: 'EXPOSED',
  contaminated: false,
  hosts: 100,
  ...overrides,
});
const summary = (armKey: string, hosts: number, samples = hosts * 3) => ({
  armKey,
  baseline: armKey === 'baseline',
  hosts,
  samples,
  mean: 1,
  median: null,
  p90: null,
  p99: null,
});
const byName = (checks: { name: string; status: string; message: string }[], name: string) =>
  checks.find((c) => c.name === name);

describe(metricChecks.name, () => {
  it('passes a split as the weights expect and fails a lopsided one', () => {
    const even = metricChecks(
      ARMS,
      [summary('baseline', 100), summary('cow', 98)],
      [row({}), row({ armId: 't', hosts: 98 })],
    );
    expect(byName(even, 'Sample ratio')!.status).toBe('OK');
    const lopsided = metricChecks(
      ARMS,
      [summary('baseline', 100), summary('cow', 40)],
      [row({}), row({ armId: 't', hosts: 40 })],
    );
    expect(byName(lopsided, 'Sample ratio')).toMatchObject({
      status: 'FAILED',
      message: expect.stringMatching(/^The arms hold baseline 100, cow 40 hosts/),
    });
  });

  it('counts opted-out hosts toward the split, as assignment did', () => {
    const checks = metricChecks(
      ARMS,
      [summary('baseline', 50), summary('cow', 100)],
      [
        row({ hosts: 50 }),
        row({ status: 'OPTED_OUT', hosts: 50 }),
        row({ armId: 't', hosts: 100 }),
      ],
    );
    expect(byName(checks, 'Sample ratio')!.status).toBe('OK');
  });

  it('says when there is no data, or too few hosts with data', () => {
    expect(
      byName(metricChecks(ARMS, [summary('baseline', 0), summary('cow', 0)], []), 'Data')!.status,
    ).toBe('FAILED');
    const thin = metricChecks(ARMS, [summary('baseline', 9), summary('cow', 40)], [row({})]);
    expect(byName(thin, 'Hosts')).toMatchObject({
      status: 'WARNING',
      message: expect.stringMatching(/^baseline has 9 host\(s\) with data/),
    });
  });
});

describe(stackAndBalanceChecks.name, () => {
  it('warns of unexposed and contaminated hosts, and of strata unlike across arms', () => {
    const tally = [
      row({ hosts: 80 }),
      row({ hosts: 20, exposure: 'UNEXPOSED', contaminated: true }),
      row({ armId: 't', hosts: 100, rootFsType: 'btrfs' }),
    ];
    const checks = stackAndBalanceChecks(ARMS, tally);
    expect(byName(checks, 'Exposure')).toMatchObject({
      status: 'WARNING',
      message: expect.stringMatching(
        /^20 baseline host\(s\) do not run their arm's stack \(20 of 200/,
      ),
    });
    expect(byName(checks, 'Contamination')!.message).toMatch(
      /^20 baseline host\(s\) run a treatment stack/,
    );
    expect(byName(checks, 'Balance of root filesystem')!.status).toBe('WARNING');
    expect(byName(checks, 'Balance of arch')!.status).toBe('OK');
  });

  it('says nothing of stacks without packages in any arm, and nothing without opted-in hosts', () => {
    const bare = ARMS.map((a) => ({ ...a, packages: [] }));
    const names = stackAndBalanceChecks(bare, [row({}), row({ armId: 't' })]).map((c) => c.name);
    expect(names).toEqual(['Balance of root filesystem', 'Balance of arch']);
    expect(stackAndBalanceChecks(ARMS, [row({ status: 'OPTED_OUT' })])).toEqual([]);
  });
});

describe(exposureOf.name, () => {
  it('counts known, exposed and unknown hosts among the opted-in', () => {
    const exposure = exposureOf(ARMS, [
      row({ hosts: 70 }),
      row({ hosts: 30, exposure: 'UNKNOWN' }),
      row({ armId: 't', hosts: 40, exposure: 'UNEXPOSED' }),
      row({ armId: 't', hosts: 60, status: 'OPTED_OUT' }),
    ]);
    expect(exposure).toMatchObject({ optedIn: 140, known: 110, exposed: 70, withStack: 2 });
    expect([...exposure.unexposed]).toEqual([['cow', 40]]);
  });
});

describe('HEALTH_CHECK_NAMES', () => {
  it('names every check there is, as alerts clear them by name', () => {
    const tally = [
      row({}),
      row({ armId: 't', hosts: 3, contaminated: true, exposure: 'UNEXPOSED' }),
      row({ armId: 't', rootFsType: 'btrfs', arch: 'aarch64' }),
    ];
    const names = [
      ...metricChecks(ARMS, [summary('baseline', 0, 0), summary('cow', 0, 0)], tally),
      ...metricChecks(ARMS, [summary('baseline', 100), summary('cow', 103)], tally),
      ...stackAndBalanceChecks(ARMS, tally),
    ].map((c) => c.name);
    expect(new Set(names)).toEqual(new Set(HEALTH_CHECK_NAMES));
  });
});
