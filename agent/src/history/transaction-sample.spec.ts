import { describe, expect, it } from '@jest/globals';
import { SAMPLE_ID_PATTERN, validateSample } from '@fleetlab/shared';
import type { HookRecord } from '../hooks/hook-record.js';
import type { DnfTransaction } from './read-dnf-history.js';
import { dominantAction, transactionSample } from './transaction-sample.js';

function transaction(
  actions: Record<string, number>,
  overrides: Partial<DnfTransaction> = {},
): DnfTransaction {
  const packages = Object.entries(actions)
    .filter(
      ([action]) =>
        !['upgraded', 'downgraded', 'reinstalled', 'obsoleted', 'replaced'].includes(action),
    )
    .reduce((sum, [, count]) => sum + count, 0);
  return {
    tool: 'dnf4',
    id: 42,
    beginAt: new Date('2026-11-24T11:41:27Z'),
    endAt: new Date('2026-11-24T11:41:30Z'),
    cmdline: 'upgrade',
    releasever: '41',
    state: 'done',
    packages,
    actions,
    items: [],
    sourceDateEpoch: false,
    ...overrides,
  };
}

describe(transactionSample.name, () => {
  it('reports the rpm phase of the transaction when it ended', () => {
    const sample = transactionSample(transaction({ upgrade: 3, upgraded: 3 }), 'host-a', {
      toolVersion: '4.14.0',
    });
    expect(sample).toEqual({
      id: expect.stringMatching(/^dnf4-42-[0-9a-f]{32}$/),
      kind: 'package_transaction',
      observedAt: '2026-11-24T11:41:30.000Z',
      values: [{ metric: 'rpm_duration_ms', value: 3000 }],
      context: { action: 'upgrade', packages: 3, tool: 'dnf4', toolVersion: '4.14.0' },
    });
    expect(sample!.id).toMatch(SAMPLE_ID_PATTERN);
    const checked = validateSample(sample!, {
      now: new Date('2026-11-24T12:00:00Z'),
      futureGraceMs: 60_000,
      retentionMs: 86_400_000,
    });
    expect(checked).toEqual({ sample: expect.objectContaining({ id: sample!.id }) });
  });

  it('leaves the tool version out when it is not known', () => {
    expect(transactionSample(transaction({ install: 1 }), 'host-a')!.context).toEqual({
      action: 'install',
      packages: 1,
      tool: 'dnf4',
    });
  });

  it('gives one transaction the same id every time, and another one another id', () => {
    const id = transactionSample(transaction({ install: 1 }), 'host-a')!.id;
    expect(transactionSample(transaction({ install: 1 }), 'host-a')!.id).toBe(id);
    expect(transactionSample(transaction({ install: 1 }), 'host-b')!.id).not.toBe(id);
    expect(transactionSample(transaction({ install: 1 }, { tool: 'dnf5' }), 'host-a')!.id).not.toBe(
      id,
    );
    // A history database created anew starts its ids again, at other times.
    const recreated = transaction(
      { install: 1 },
      { beginAt: new Date('2027-01-05T08:00:00Z'), endAt: new Date('2027-01-05T08:00:01Z') },
    );
    expect(transactionSample(recreated, 'host-a')!.id).not.toBe(id);
  });

  it('reports 0 rather than a negative time when the clock went back', () => {
    const stepped = transaction(
      { install: 1 },
      { beginAt: new Date('2026-11-24T11:41:30Z'), endAt: new Date('2026-11-24T11:41:28Z') },
    );
    expect(transactionSample(stepped, 'host-a')!.values).toEqual([
      { metric: 'rpm_duration_ms', value: 0 },
    ]);
  });
});

describe('a transaction with what its hook and run measured', () => {
  const begin = Date.parse('2026-11-24T11:41:27Z');
  const hook: HookRecord = {
    tool: 'dnf4',
    pid: 4242,
    historyId: 42,
    historyBegin: begin / 1000,
    startedAt: begin - 9_500,
    rpmStartedAt: begin - 120,
    endedAt: begin + 2_880,
    freeBytesStart: 10_000_000,
    freeBytesLow: 7_000_000,
    freeBytesEnd: 9_000_000,
    cpuMs: 1_234,
    packages: [
      { nevra: 'a-0:1-1.noarch', action: 'in', downloadSize: 1_000, installSize: 3_000 },
      { nevra: 'b-0:1-1.noarch', action: 'in', downloadSize: 500, installSize: 800 },
      { nevra: 'a-0:0.9-1.noarch', action: 'out' },
    ],
  };
  const values = (sample: ReturnType<typeof transactionSample>) =>
    Object.fromEntries(sample!.values.map((v) => [v.metric, v.value]));

  it("takes the rpm phase to the millisecond, the whole command's time, downloads, CPU and the free-space low point from the hook", () => {
    expect(
      values(transactionSample(transaction({ upgrade: 2, upgraded: 2 }), 'h', { hook })),
    ).toEqual({
      rpm_duration_ms: 3_000,
      install_duration_ms: 12_380,
      download_bytes: 1_500,
      disk_used_delta_bytes: 1_000_000,
      free_space_drop_bytes: 3_000_000,
      rpm_cpu_ms: 1_234,
    });
  });

  it("prefers run's wall time and disk change, and the deeper of the two low points", () => {
    const sample = transactionSample(transaction({ install: 2 }), 'h', {
      hook,
      run: {
        installDurationMs: 15_000.4,
        diskUsedDeltaBytes: 900_000,
        freeSpaceDropBytes: 3_500_000,
      },
    });
    expect(values(sample)).toMatchObject({
      install_duration_ms: 15_000,
      disk_used_delta_bytes: 900_000,
      free_space_drop_bytes: 3_500_000,
    });
  });

  it("does not take SOURCE_DATE_EPOCH times for the clock's", () => {
    const frozen = transaction(
      { install: 2 },
      {
        tool: 'dnf5',
        beginAt: new Date('2024-01-01T00:00:00Z'),
        endAt: new Date('2024-01-01T00:00:00Z'),
        sourceDateEpoch: true,
      },
    );
    // Nothing else measured it: nothing to tell.
    expect(transactionSample(frozen, 'h')).toBeNull();
    const hooked = transactionSample(frozen, 'h', { hook: { ...hook, tool: 'dnf5' } });
    expect(hooked!.observedAt).toBe(new Date(hook.endedAt).toISOString());
    expect(values(hooked).rpm_duration_ms).toBe(3_000);
    const timedByRun = transactionSample(frozen, 'h', {
      run: { installDurationMs: 5_000, diskUsedDeltaBytes: 0 },
      now: new Date('2026-11-24T12:00:00Z'),
    });
    expect(timedByRun).toMatchObject({
      observedAt: '2026-11-24T12:00:00.000Z',
      values: [
        { metric: 'install_duration_ms', value: 5_000 },
        { metric: 'disk_used_delta_bytes', value: 0 },
      ],
    });
  });
});

describe(dominantAction.name, () => {
  it.each([
    [{ install: 2 }, 'install'],
    [{ upgrade: 2, upgraded: 2 }, 'upgrade'],
    // A dnf upgrade that pulls in a new dependency is still an upgrade.
    [{ upgrade: 3, upgraded: 3, install: 1 }, 'upgrade'],
    [{ upgrade: 1, upgraded: 1, obsolete: 1, obsoleted: 1 }, 'upgrade'],
    [{ downgrade: 1, downgraded: 1 }, 'downgrade'],
    [{ reinstall: 1, reinstalled: 1 }, 'reinstall'],
    [{ remove: 2 }, 'remove'],
    [{ install: 1, remove: 1 }, 'mixed'],
    [{ install: 5, remove: 5, upgrade: 3, upgraded: 3 }, 'mixed'],
    // dnf 5 records the old side of every change as `replaced`.
    [{ upgrade: 2, replaced: 2 }, 'upgrade'],
  ])('%j is %s', (actions, expected) => {
    expect(dominantAction(transaction(actions))).toBe(expected);
  });
});
