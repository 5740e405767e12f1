import { describe, expect, it } from '@jest/globals';
import { normalQuantile } from './distributions.js';
import { hostsNeeded, type HostsNeededInput } from './power.js';

// z for two-sided α = 0.05 plus z for 80% power: 1.959964 + 0.841621.
const Z = normalQuantile(0.975) + normalQuantile(0.8);

const lowerIsBetter = { nPerArm: 100, seRelative: 0.02, direction: 'LOWER_IS_BETTER' } as const;

describe(hostsNeeded.name, () => {
  it('scales the standard error as 1/√n until the effect is significant', () => {
    // N = 100 · (2.8016 · 0.02 / 0.02)² = 784.9
    expect(hostsNeeded({ ...lowerIsBetter, relativeDiff: 0.02 })).toBe(685);
    expect(hostsNeeded({ ...lowerIsBetter, relativeDiff: -0.02 })).toBe(685);
  });

  it('takes non-inferiority when it needs fewer hosts', () => {
    // Significance: gap 0.005, N ≈ 12,558. Non-inferiority: gap 0.02 + 0.005, N ≈ 502.3.
    expect(hostsNeeded({ ...lowerIsBetter, relativeDiff: -0.005, margin: 0.02 })).toBe(403);
    expect(
      hostsNeeded({
        ...lowerIsBetter,
        direction: 'HIGHER_IS_BETTER',
        relativeDiff: 0.005,
        margin: 0.02,
      }),
    ).toBe(403);
  });

  it('uses significance when the effect is a degradation beyond the margin', () => {
    // Non-inferiority cannot be reached (0.03 > 0.02); significance: gap 0.03, N ≈ 348.8.
    expect(hostsNeeded({ ...lowerIsBetter, relativeDiff: 0.03, margin: 0.02 })).toBe(249);
  });

  it('reaches non-inferiority for no effect at all when there is a margin', () => {
    expect(hostsNeeded({ ...lowerIsBetter, relativeDiff: 0, margin: 0.02 })).toBe(685);
    expect(hostsNeeded({ ...lowerIsBetter, relativeDiff: 0 })).toBeNull();
  });

  it('answers 0 for a result that is already decisive', () => {
    expect(
      hostsNeeded({ ...lowerIsBetter, nPerArm: 1000, seRelative: 0.001, relativeDiff: 0.02 }),
    ).toBe(0);
  });

  it('asks more hosts for a stricter alpha or a higher power', () => {
    const base = hostsNeeded({ ...lowerIsBetter, relativeDiff: 0.02 })!;
    expect(hostsNeeded({ ...lowerIsBetter, relativeDiff: 0.02, alpha: 0.01 })).toBeGreaterThan(
      base,
    );
    expect(hostsNeeded({ ...lowerIsBetter, relativeDiff: 0.02, power: 0.9 })).toBeGreaterThan(base);
  });

  it.each<[string, Partial<HostsNeededInput>]>([
    ['no standard error', { seRelative: NaN }],
    ['a zero standard error', { seRelative: 0 }],
    ['a single host', { nPerArm: 1 }],
    ['no relative difference', { relativeDiff: NaN }],
    ['an effect too small to ever reach', { relativeDiff: 1e-12 }],
  ])('cannot estimate with %s', (_what, change) => {
    expect(hostsNeeded({ ...lowerIsBetter, relativeDiff: 0.02, ...change })).toBeNull();
  });

  it.each([0.01, -0.03, 0.004])(
    'gives the fewest hosts that make the interval clear 0 with the asked power (r = %p)',
    (relativeDiff) => {
      const more = hostsNeeded({ ...lowerIsBetter, relativeDiff })!;
      const se = (n: number) => lowerIsBetter.seRelative * Math.sqrt(lowerIsBetter.nPerArm / n);
      expect(Z * se(100 + more)).toBeLessThanOrEqual(Math.abs(relativeDiff));
      expect(Z * se(100 + more - 1)).toBeGreaterThan(Math.abs(relativeDiff));
    },
  );
});
