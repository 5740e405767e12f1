import { describe, expect, it } from '@jest/globals';
import type { Verdict } from '../domain/analysis.js';
import { decideExperiment, type HealthResult, type MetricResult } from './decision.js';

function metric(
  title: string,
  role: 'PRIMARY' | 'GUARDRAIL',
  verdict: Verdict,
  relativeDiff: number,
  margin: number | null = null,
  hostsNeeded: number | null = null,
): MetricResult {
  return {
    metric: title.toLowerCase().replaceAll(' ', '_'),
    title,
    role,
    direction: 'LOWER_IS_BETTER',
    margin,
    arms: [
      {
        armKey: 'cow',
        verdict,
        relativeDiff,
        ciLow: relativeDiff - 0.1,
        ciHigh: relativeDiff + 0.1,
        hostsNeeded,
      },
    ],
  };
}

const ok: HealthResult[] = [{ name: 'Sample ratio', status: 'OK', message: 'fine' }];

describe(decideExperiment.name, () => {
  it('ships a better primary, naming a cost within its margin beside it', () => {
    const result = decideExperiment(
      [
        metric('Install time', 'PRIMARY', 'BETTER', -0.406, 0.02),
        metric('Disk used change', 'GUARDRAIL', 'WORSE', 0.3, 0.5),
      ],
      ok,
    );
    expect(result.decision).toBe('SHIP');
    expect(result.headline).toBe(
      'Ship. Costs: Disk used change 30% higher (worse, within its 50% margin so far). Benefits: Install time 40.6% lower (better).',
    );
    expect(result.failedGuardrails).toEqual([]);
  });

  it('rolls back when a guardrail is worse beyond its margin, costs named first', () => {
    const result = decideExperiment(
      [
        metric('Install time', 'PRIMARY', 'BETTER', -0.406, 0.02),
        metric('Disk used change', 'GUARDRAIL', 'WORSE', 0.868, 0.5),
      ],
      ok,
    );
    expect(result.decision).toBe('ROLL_BACK');
    expect(result.failedGuardrails.map((o) => o.title)).toEqual(['Disk used change']);
    expect(result.headline).toBe(
      'Roll back. Costs: Disk used change 86.8% higher (worse, beyond its 50% margin). Benefits: Install time 40.6% lower (better).',
    );
  });

  it('rolls back on a worse primary, a guardrail worse with no margin, or a failed critical check', () => {
    expect(decideExperiment([metric('Install time', 'PRIMARY', 'WORSE', 0.1)], ok).decision).toBe(
      'ROLL_BACK',
    );
    expect(
      decideExperiment(
        [
          metric('Install time', 'PRIMARY', 'BETTER', -0.2),
          metric('Downloaded', 'GUARDRAIL', 'WORSE', 0.01),
        ],
        ok,
      ).decision,
    ).toBe('ROLL_BACK');
    const srm = decideExperiment(
      [metric('Install time', 'PRIMARY', 'BETTER', -0.2)],
      [{ name: 'Sample ratio', status: 'FAILED', message: 'p < 0.001' }],
    );
    expect(srm.decision).toBe('ROLL_BACK');
    expect(srm.headline).toMatch(/^Roll back\. Sample ratio failed\. Benefits: /);
    // A failed check that is not critical is named, but decides nothing.
    const data = decideExperiment(
      [metric('Install time', 'PRIMARY', 'BETTER', -0.2)],
      [{ name: 'Balance of arch', status: 'FAILED', message: 'skewed' }],
    );
    expect(data.decision).toBe('SHIP');
    expect(data.failedChecks.map((h) => h.name)).toEqual(['Balance of arch']);
  });

  it('keeps running while the primary is unsettled, with the hosts it needs', () => {
    const result = decideExperiment(
      [
        metric('Install time', 'PRIMARY', 'INCONCLUSIVE', -0.01, 0.02, 4855),
        metric('Downloaded', 'GUARDRAIL', 'INCONCLUSIVE', 0.01, 0.02, 259_360),
      ],
      ok,
    );
    expect(result.decision).toBe('KEEP_RUNNING');
    expect(result.hostsNeeded).toBe(259_360);
    expect(result.headline).toBe(
      'Keep running. Not settled yet: Install time, Downloaded (about 259,360 more hosts per arm).',
    );
  });

  it('says no effect when every metric is settled within its margin', () => {
    const result = decideExperiment(
      [
        metric('Install time', 'PRIMARY', 'NO_WORSE', 0.001, 0.02),
        metric('Downloaded', 'GUARDRAIL', 'NO_WORSE', -0.002, 0.02),
      ],
      ok,
    );
    expect(result.decision).toBe('NO_EFFECT');
    expect(result.headline).toBe('No effect. Every metric is within its margin.');
  });

  it('keeps running with no data at all', () => {
    expect(decideExperiment([], ok)).toMatchObject({
      decision: 'KEEP_RUNNING',
      headline: 'Keep running. No data yet.',
    });
  });
});
