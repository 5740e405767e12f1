import { describe, expect, it } from '@jest/globals';
import { validateHostFacts } from '@fleetlab/shared';
import {
  NO_EFFECTS,
  RPM_COW_EFFECTS,
  simulatedFleet,
  simulatedTransaction,
  type SimulatedHost,
} from './fleet-model.js';

const AT = new Date('2026-11-20T10:00:00Z');
const withoutRandom = (hosts: SimulatedHost[]) => hosts.map(({ random: _, ...host }) => host);

describe('simulated fleet', () => {
  it('is the same for the same seed, and another for another seed', () => {
    expect(withoutRandom(simulatedFleet(20, 7))).toEqual(withoutRandom(simulatedFleet(20, 7)));
    expect(simulatedFleet(20, 8).map((h) => h.machineIdHash)).not.toEqual(
      simulatedFleet(20, 7).map((h) => h.machineIdHash),
    );
  });

  it('reports facts the server accepts', () => {
    for (const host of simulatedFleet(50, 1)) {
      expect(validateHostFacts(host.facts).problems).toEqual([]);
    }
  });

  it('changes a treated host only by the effects given', () => {
    const [host] = simulatedFleet(1, 3).map((h) => ({
      ...h,
      facts: { ...h.facts, reflink: true },
    }));
    const twin = (): SimulatedHost => ({ ...host!, random: simulatedFleet(1, 3)[0]!.random });
    const value = (sample: ReturnType<typeof simulatedTransaction>, metric: string) =>
      sample.values.find((v) => v.metric === metric)!.value;

    const stock = simulatedTransaction(twin(), false, RPM_COW_EFFECTS, AT, 'a');
    expect(simulatedTransaction(twin(), true, NO_EFFECTS, AT, 'a')).toEqual(stock);
    const treated = simulatedTransaction(twin(), true, RPM_COW_EFFECTS, AT, 'a');
    expect(value(treated, 'rpm_duration_ms') / value(stock, 'rpm_duration_ms')).toBeCloseTo(
      1 + RPM_COW_EFFECTS.rpmDuration,
      2,
    );
  });
});
