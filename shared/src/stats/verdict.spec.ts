import { describe, expect, it } from '@jest/globals';
import { verdict, type Verdict, type VerdictInput } from './verdict.js';

type Case = Omit<VerdictInput, 'direction' | 'margin'>;
const at = (
  relativeDiff: number,
  relCiLow: number,
  relCiHigh: number,
  adjustedP: number,
): Case => ({
  relativeDiff,
  relCiLow,
  relCiHigh,
  adjustedP,
});

describe(verdict.name, () => {
  describe('lower is better, margin 2%', () => {
    it.each<[string, Case, Verdict]>([
      ['a significant improvement', at(-0.05, -0.08, -0.02, 0.001), 'BETTER'],
      [
        'a significant improvement inside the margin too',
        at(-0.01, -0.015, -0.005, 0.001),
        'BETTER',
      ],
      ['an unsure change that cannot be 2% worse', at(-0.005, -0.03, 0.015, 0.4), 'NO_WORSE'],
      ['a significant degradation within the margin', at(0.01, 0.005, 0.015, 0.001), 'NO_WORSE'],
      ['a significant degradation beyond the margin', at(0.05, 0.02, 0.08, 0.001), 'WORSE'],
      ['a degradation that may exceed the margin', at(0.01, 0.001, 0.021, 0.01), 'WORSE'],
      ['an interval reaching exactly the margin', at(0, -0.02, 0.02, 0.9), 'INCONCLUSIVE'],
      ['a wide interval', at(0.05, -0.01, 0.11, 0.3), 'INCONCLUSIVE'],
      ['no p-value (constant arms)', at(0.05, 0.05, 0.05, NaN), 'INCONCLUSIVE'],
      ['no interval', at(0.01, NaN, NaN, NaN), 'INCONCLUSIVE'],
    ])('%s', (_what, c, expected) => {
      expect(verdict({ direction: 'LOWER_IS_BETTER', margin: 0.02, ...c })).toBe(expected);
    });
  });

  describe('higher is better, margin 2%', () => {
    it.each<[string, Case, Verdict]>([
      ['a significant improvement', at(0.05, 0.02, 0.08, 0.001), 'BETTER'],
      ['an unsure change that cannot be 2% worse', at(0.005, -0.015, 0.03, 0.4), 'NO_WORSE'],
      ['a significant degradation within the margin', at(-0.01, -0.015, -0.005, 0.001), 'NO_WORSE'],
      ['a significant degradation beyond the margin', at(-0.05, -0.08, -0.02, 0.001), 'WORSE'],
      ['a wide interval', at(-0.05, -0.11, 0.01, 0.3), 'INCONCLUSIVE'],
    ])('%s', (_what, c, expected) => {
      expect(verdict({ direction: 'HIGHER_IS_BETTER', margin: 0.02, ...c })).toBe(expected);
    });
  });

  it.each([undefined, null])('never says NO_WORSE without a margin (%p)', (margin) => {
    const c = { direction: 'LOWER_IS_BETTER', margin } as const;
    expect(verdict({ ...c, ...at(-0.005, -0.03, 0.015, 0.4) })).toBe('INCONCLUSIVE');
    expect(verdict({ ...c, ...at(0.01, 0.005, 0.015, 0.001) })).toBe('WORSE');
    expect(verdict({ ...c, ...at(-0.05, -0.08, -0.02, 0.001) })).toBe('BETTER');
  });

  it('with a margin of 0, says NO_WORSE only when the whole interval is an improvement', () => {
    const c = { direction: 'LOWER_IS_BETTER', margin: 0 } as const;
    expect(verdict({ ...c, ...at(-0.02, -0.03, -0.01, 0.08) })).toBe('NO_WORSE');
    expect(verdict({ ...c, ...at(-0.02, -0.03, 0.01, 0.3) })).toBe('INCONCLUSIVE');
  });

  it('compares the adjusted p-value with the alpha given', () => {
    const c = { direction: 'HIGHER_IS_BETTER', ...at(0.05, 0.01, 0.09, 0.03) } as const;
    expect(verdict(c)).toBe('BETTER');
    expect(verdict({ ...c, alpha: 0.01 })).toBe('INCONCLUSIVE');
  });
});
