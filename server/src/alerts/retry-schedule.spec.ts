import { describe, expect, it } from '@jest/globals';
import { retryAfterMs, retryDelayMs } from './retry-schedule.js';

const POLICY = { minMs: 10_000, maxMs: 3_600_000 };

describe(retryDelayMs.name, () => {
  it('doubles after each failure, up to the longest wait', () => {
    const longest = [1, 2, 3, 4, 12, 30].map((n) => retryDelayMs(n, POLICY, 1 - Number.EPSILON));
    expect(longest).toEqual([10_000, 20_000, 40_000, 80_000, 3_600_000, 3_600_000]);
  });

  it('waits a random half to whole of that, so that senders do not come back together', () => {
    expect(retryDelayMs(3, POLICY, 0)).toBe(20_000);
    expect(retryDelayMs(3, POLICY, 0.5)).toBe(30_000);
  });

  it('waits at least what the receiver asked for, but never beyond the longest wait', () => {
    expect(retryDelayMs(1, POLICY, 0, 120_000)).toBe(120_000);
    expect(retryDelayMs(1, POLICY, 0, 86_400_000)).toBe(3_600_000);
  });

  it.each([
    { waits: 'shortest', random: 0, expected: 56 },
    { waits: 'longest', random: 1 - Number.EPSILON, expected: 32 },
  ])(
    'tries for a day, hourly at most once the waits are longest ($waits waits: $expected tries)',
    ({ random, expected }) => {
      let elapsed = 0;
      let tries = 1;
      while (elapsed + retryDelayMs(tries, POLICY, random) < 86_400_000) {
        elapsed += retryDelayMs(tries, POLICY, random);
        tries++;
      }
      expect(tries).toBe(expected);
    },
  );
});

describe(retryAfterMs.name, () => {
  const now = new Date('2026-01-01T00:00:00Z');
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:01:00 GMT', now)).toBe(60_000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(undefined, now)).toBeNull();
  });
});
