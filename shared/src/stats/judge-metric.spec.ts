import { describe, expect, it } from '@jest/globals';
import { sequentialFromMoments } from './confidence-sequence.js';
import { holm } from './holm.js';
import { inferDifference, judgeMetric } from './judge-metric.js';
import { welchFromMoments } from './welch.js';

const plan = { plannedHostsPerArm: 100 };
// Install time 8% lower on 200 hosts an arm; downloads unchanged.
const install = {
  baseline: { n: 200, mean: 100, variance: 400 },
  treatment: { n: 200, mean: 92, variance: 400 },
};
const download = {
  baseline: { n: 200, mean: 50, variance: 100 },
  treatment: { n: 200, mean: 50.5, variance: 100 },
};
const options = {
  direction: 'LOWER_IS_BETTER' as const,
  margin: 0.05,
  plan,
};

describe(judgeMetric.name, () => {
  it('judges from the confidence sequence with SEQUENTIAL', () => {
    const judged = judgeMetric([install, download], 0, { ...options, inference: 'SEQUENTIAL' })!;
    const sequence = sequentialFromMoments(install.baseline, install.treatment, plan);
    expect(judged.inference).toBe('SEQUENTIAL');
    expect([judged.relCiLow, judged.relCiHigh]).toEqual([sequence.relCiLow, sequence.relCiHigh]);
    expect(judged.p).toBe(sequence.p);
    const downloadP = sequentialFromMoments(download.baseline, download.treatment, plan).p;
    expect(judged.adjustedP).toBe(holm([sequence.p, downloadP])[0]);
    expect(judged.verdict).toBe('BETTER');
    expect(judged.welch).toEqual(welchFromMoments(install.baseline, install.treatment));
  });

  it("judges from Welch's test with FIXED_HORIZON", () => {
    const judged = judgeMetric([install, download], 1, { ...options, inference: 'FIXED_HORIZON' })!;
    const welch = welchFromMoments(download.baseline, download.treatment);
    expect([judged.relCiLow, judged.relCiHigh, judged.p]).toEqual([
      welch.relCiLow,
      welch.relCiHigh,
      welch.p,
    ]);
    expect(judged.verdict).toBe('NO_WORSE');
  });

  it('is slower to call a small effect than a fixed-horizon test, never faster', () => {
    const small = {
      baseline: { n: 200, mean: 100, variance: 400 },
      treatment: { n: 200, mean: 96, variance: 400 },
    };
    const at = (inference: 'SEQUENTIAL' | 'FIXED_HORIZON') =>
      judgeMetric([small], 0, { ...options, margin: null, inference })!.verdict;
    expect(at('FIXED_HORIZON')).toBe('BETTER');
    expect(at('SEQUENTIAL')).toBe('INCONCLUSIVE');
  });

  it('leaves out of Holm a metric without two hosts an arm, and judges none there', () => {
    const empty = { baseline: null, treatment: { n: 3, mean: 1, variance: 1 } };
    const judged = judgeMetric([install, empty], 0, { ...options, inference: 'SEQUENTIAL' })!;
    expect(judged.adjustedP).toBe(judged.p);
    expect(judgeMetric([install, empty], 1, { ...options, inference: 'SEQUENTIAL' })).toBeNull();
  });
});

describe(inferDifference.name, () => {
  it('reads a CUPED result like any other', () => {
    const welch = welchFromMoments(install.baseline, install.treatment);
    expect(inferDifference(welch, 'FIXED_HORIZON', plan).relCiLow).toBe(welch.relCiLow);
    expect(inferDifference(welch, 'SEQUENTIAL', plan).relCiLow).toBe(
      sequentialFromMoments(install.baseline, install.treatment, plan).relCiLow,
    );
  });
});
