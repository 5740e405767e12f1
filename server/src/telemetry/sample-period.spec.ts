import { describe, expect, it } from '@jest/globals';
import { dayOf, periodOf, PRE_PERIOD_MS, type ActiveEnrollment } from './sample-period.js';

const OPTED_IN = new Date('2026-11-20T00:00:00Z');
const enrollment = (overrides: Partial<ActiveEnrollment> = {}): ActiveEnrollment => ({
  experimentId: 'e',
  armId: 'a',
  firstOptedInAt: OPTED_IN,
  optedOutAt: null,
  optedIn: true,
  gaps: [],
  ...overrides,
});
const at = (offsetMs: number): Date => new Date(OPTED_IN.getTime() + offsetMs);

describe(periodOf.name, () => {
  it('splits samples into the look-back before the first opt-in, the experiment, or neither', () => {
    const e = enrollment();
    expect(periodOf(e, at(-1))).toBe('PRE');
    expect(periodOf(e, at(-PRE_PERIOD_MS))).toBe('PRE');
    expect(periodOf(e, at(-PRE_PERIOD_MS - 1))).toBeNull();
    expect(periodOf(e, at(0))).toBe('IN');
    expect(periodOf(e, at(30 * 86_400_000))).toBe('IN');
  });

  it('counts nothing after an opt-out, nor in a gap between two opt-ins', () => {
    const out = enrollment({ optedIn: false, optedOutAt: at(3_600_000) });
    expect(periodOf(out, at(3_599_999))).toBe('IN');
    expect(periodOf(out, at(3_600_000))).toBeNull();
    const back = enrollment({ gaps: [{ from: at(3_600_000), to: at(7_200_000) }] });
    expect(periodOf(back, at(3_600_000))).toBeNull();
    expect(periodOf(back, at(7_199_999))).toBeNull();
    expect(periodOf(back, at(7_200_000))).toBe('IN');
  });
});

describe(dayOf.name, () => {
  it('is the UTC day', () => {
    expect(dayOf(new Date('2026-11-20T23:59:59.999Z'))).toBe('2026-11-20');
    expect(dayOf(new Date('2026-11-21T00:00:00Z'))).toBe('2026-11-21');
  });
});
