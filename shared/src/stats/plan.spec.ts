import { describe, expect, it } from '@jest/globals';
import { boundaryMultiplier, mixingRho2 } from './confidence-sequence.js';
import { normalQuantile } from './distributions.js';
import {
  DEFAULT_MIN_DETECTABLE_EFFECT,
  halfWidthMultiplier,
  hostsNeeded,
  MIN_PLANNED_HOSTS_PER_ARM,
  planExperiment,
} from './plan.js';

const EQUAL = [
  { weight: 1, baseline: true },
  { weight: 1, baseline: false },
];
const Z80 = normalQuantile(0.8);
// At its own plan a tuned sequence is this many standard errors wide, whatever the plan.
const C_AT_PLAN = boundaryMultiplier(1000, mixingRho2(1000));

describe(planExperiment.name, () => {
  it('solves the plan and the tuning together: the closed form for equal arms', () => {
    expect(C_AT_PLAN).toBeCloseTo(3.0352, 4);
    // P = 2 CV² (c + z)² / m², rounded up: 18,787.3 for CV 0.5 and a 2% margin.
    const exact = (2 * 0.25 * (C_AT_PLAN + Z80) ** 2) / 0.02 ** 2;
    const plan = planExperiment({ metrics: [{ cv: 0.5, margin: 0.02 }], arms: EQUAL });
    expect(plan.plannedHostsPerArm).toBe(Math.ceil(exact));
    expect(plan.hostsPerArm).toEqual([18_788, 18_788]);
    expect(plan.totalHosts).toBe(37_576);
  });

  it('is the fewest hosts that settle: one fewer, tuned for itself, does not', () => {
    const { plannedHostsPerArm: p } = planExperiment({
      metrics: [{ cv: 0.7, margin: 0.03 }],
      arms: EQUAL,
    });
    const settles = (n: number) =>
      (halfWidthMultiplier(2 * n, 0.05, 'SEQUENTIAL', { plannedHostsPerArm: n }) + Z80) *
        0.7 *
        Math.sqrt(2 / n) <=
      0.03;
    expect(settles(p!)).toBe(true);
    expect(settles(p! - 1)).toBe(false);
  });

  it('asks about twice the hosts a fixed-horizon test would', () => {
    const fixed = (2 * 0.25 * (normalQuantile(0.975) + Z80) ** 2) / 0.02 ** 2;
    const plan = planExperiment({ metrics: [{ cv: 0.5, margin: 0.02 }], arms: EQUAL });
    expect(plan.plannedHostsPerArm! / fixed).toBeCloseTo(1.915, 2);
  });

  it('takes the largest need and names the metric behind it', () => {
    const plan = planExperiment({
      metrics: [
        { cv: 0.5, margin: 0.05 },
        { cv: 0.5, margin: 0.02 },
        { cv: 0.2, margin: null },
      ],
      arms: EQUAL,
    });
    const needs = plan.metrics.map((m) => m.plannedHostsPerArm!);
    expect(plan.limitingMetric).toBe(1);
    expect(plan.plannedHostsPerArm).toBe(Math.max(...needs));
    expect(plan.metrics.map((m) => m.settledBy)).toEqual(['NO_WORSE', 'NO_WORSE', 'SIGNIFICANT']);
  });

  it('plans a metric without a margin for the minimum detectable effect, at α/K', () => {
    const [one] = planExperiment({ metrics: [{ cv: 0.3, margin: null }], arms: EQUAL }).metrics;
    expect(one).toMatchObject({ gap: DEFAULT_MIN_DETECTABLE_EFFECT, alpha: 0.05 });
    const plan = planExperiment({
      metrics: [
        { cv: 0.3, margin: null },
        { cv: 0, margin: 0.5 },
      ],
      arms: EQUAL,
    });
    expect(plan.metrics[0]).toMatchObject({ gap: 0.05, alpha: 0.025 });
    expect(plan.metrics[0]!.plannedHostsPerArm!).toBeGreaterThan(one!.plannedHostsPerArm!);
    const larger = planExperiment({
      metrics: [{ cv: 0.3, margin: null, minDetectableEffect: 0.1 }],
      arms: EQUAL,
    });
    expect(larger.plannedHostsPerArm!).toBeLessThan(one!.plannedHostsPerArm! / 3);
  });

  it('needs only the floor for zero variance or a wide margin', () => {
    for (const metric of [
      { cv: 0, margin: 0.001 },
      { cv: 0.1, margin: 0.9 },
    ]) {
      expect(planExperiment({ metrics: [metric], arms: EQUAL }).plannedHostsPerArm).toBe(
        MIN_PLANNED_HOSTS_PER_ARM,
      );
    }
  });

  it('says a tiny margin cannot be settled by any fleet', () => {
    const plan = planExperiment({
      metrics: [
        { cv: 0.5, margin: 0.05 },
        { cv: 1, margin: 1e-6 },
      ],
      arms: EQUAL,
    });
    expect(plan.metrics[1]!.plannedHostsPerArm).toBeNull();
    expect(plan).toMatchObject({ plannedHostsPerArm: null, limitingMetric: 1, hostsPerArm: null });
    const zero = planExperiment({ metrics: [{ cv: 0.5, margin: 0 }], arms: EQUAL });
    expect(zero.plannedHostsPerArm).toBeNull();
  });

  it('splits unequal weights so the baseline and the largest treatment hold 2P', () => {
    const plan = planExperiment({
      metrics: [{ cv: 0.5, margin: 0.05 }],
      arms: [
        { weight: 8, baseline: true },
        { weight: 1, baseline: false },
        { weight: 2, baseline: false },
      ],
    });
    const [b, small, large] = plan.hostsPerArm!;
    expect(b! + large!).toBeGreaterThanOrEqual(2 * plan.plannedHostsPerArm!);
    expect(b! + large!).toBeLessThanOrEqual(2 * plan.plannedHostsPerArm! + 2);
    expect(small! * 2).toBeGreaterThanOrEqual(large! - 1);
  });

  it.each([
    ['a negative CV', { cv: -0.1, margin: 0.02 }],
    ['no CV', { cv: NaN, margin: 0.02 }],
    ['a negative margin', { cv: 0.5, margin: -0.02 }],
    ['a negative effect', { cv: 0.5, margin: null, minDetectableEffect: -0.05 }],
  ])('refuses %s', (_, metric) => {
    expect(() => planExperiment({ metrics: [metric], arms: EQUAL })).toThrow(RangeError);
  });

  it('refuses arms without a baseline or a treatment', () => {
    const metrics = [{ cv: 0.5, margin: 0.02 }];
    expect(() => planExperiment({ metrics, arms: [EQUAL[0]!] })).toThrow(RangeError);
    expect(() => planExperiment({ metrics, arms: [EQUAL[1]!, EQUAL[1]!] })).toThrow(RangeError);
  });
});

describe(hostsNeeded.name, () => {
  const seen = {
    nBaseline: 100,
    nTreatment: 100,
    seRelative: 0.02,
    direction: 'LOWER_IS_BETTER',
    inference: 'SEQUENTIAL',
    plan: { plannedHostsPerArm: 100 },
  } as const;

  it('agrees with the plan: nothing more at the plan, the rest of it half way', () => {
    const { plannedHostsPerArm: p } = planExperiment({
      metrics: [{ cv: 0.6, margin: 0.03 }],
      arms: EQUAL,
    });
    const at = (n: number) =>
      hostsNeeded({
        ...seen,
        nBaseline: n,
        nTreatment: n,
        seRelative: 0.6 * Math.sqrt(2 / n),
        relativeDiff: 0,
        margin: 0.03,
        plan: { plannedHostsPerArm: p! },
      });
    expect(at(p!)).toBe(0);
    expect(at(p! - 1)).toBe(1);
    expect(at(Math.floor(p! / 2))).toBe(p! - Math.floor(p! / 2));
  });

  it('asks more under the anytime-valid test than under a fixed horizon', () => {
    const fixed = hostsNeeded({ ...seen, relativeDiff: 0.02, inference: 'FIXED_HORIZON' })!;
    // The fixed-horizon need of before: 100 · (2.8016 · 0.02 / 0.02)² − 100 = 684.9.
    expect(fixed).toBe(685);
    expect(hostsNeeded({ ...seen, relativeDiff: 0.02 })!).toBeGreaterThan(2 * fixed);
  });

  it('answers 0 for a result that is already decisive', () => {
    expect(
      hostsNeeded({
        ...seen,
        nBaseline: 1000,
        nTreatment: 1000,
        seRelative: 0.001,
        relativeDiff: 0.02,
      }),
    ).toBe(0);
  });

  it.each([
    ['no standard error', { seRelative: NaN }],
    ['a zero standard error', { seRelative: 0 }],
    ['a single host', { nBaseline: 1 }],
    ['no relative difference', { relativeDiff: NaN }],
    ['an effect too small to ever reach', { relativeDiff: 1e-12 }],
    ['no effect and no margin', { relativeDiff: 0 }],
  ])('cannot estimate with %s', (_, change) => {
    expect(hostsNeeded({ ...seen, relativeDiff: 0.02, ...change })).toBeNull();
  });
});
