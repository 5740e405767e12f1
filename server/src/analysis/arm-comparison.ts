import {
  cuped,
  histogramBins,
  histogramKeyRange,
  hostsNeeded,
  mannWhitney,
  mergeHistograms,
  verdict,
  welchTest,
  type Histogram,
} from '@fleetlab/shared';
import { Verdict, type ArmComparison, type ArmDistribution } from './comparison.model.js';
import type { HostValue } from './host-values.js';

const DISTRIBUTION_BINS = 40;

/** Histograms of the arms on one set of bins, and their ECDFs at the bins' upper edges. */
export function distributions(armKeys: string[], histograms: Histogram[]): ArmDistribution[] {
  const range = histogramKeyRange(mergeHistograms(...histograms));
  return armKeys.map((armKey, i) => {
    const bins = range ? histogramBins(histograms[i]!, DISTRIBUTION_BINS, range) : [];
    const total = bins.reduce((sum, bin) => sum + bin.count, 0);
    let below = 0;
    return {
      armKey,
      bins,
      ecdf: total
        ? bins.map((bin) => {
            below += bin.count;
            return { value: bin.to, fraction: below / total };
          })
        : [],
    };
  });
}

export interface JudgeOptions {
  direction: 'LOWER_IS_BETTER' | 'HIGHER_IS_BETTER';
  margin: number | null;
  adjustedP: number | null;
}

export function compareArm(
  armKey: string,
  baseline: HostValue[],
  treatment: HostValue[],
  options: JudgeOptions,
): ArmComparison {
  const empty: ArmComparison = {
    armKey,
    absoluteDiff: null,
    relativeDiff: null,
    ciLow: null,
    ciHigh: null,
    welchP: null,
    mannWhitneyP: null,
    hodgesLehmann: null,
    hlCiLow: null,
    hlCiHigh: null,
    cupedRelativeDiff: null,
    adjustedP: null,
    verdict: Verdict.INCONCLUSIVE,
    hostsNeeded: null,
  };
  if (baseline.length < 2 || treatment.length < 2) return empty;
  const b = baseline.map((v) => v.mean);
  const t = treatment.map((v) => v.mean);
  const welch = welchTest(b, t);
  const mw = mannWhitney(b, t);
  const withPre = (values: HostValue[]) =>
    values.filter((v) => v.preMean !== null).map((v) => ({ value: v.mean, pre: v.preMean! }));
  const cupedBaseline = withPre(baseline);
  const cupedTreatment = withPre(treatment);
  const adjusted =
    cupedBaseline.length >= 2 && cupedTreatment.length >= 2
      ? cuped(cupedBaseline, cupedTreatment)
      : null;
  const finite = (x: number | undefined | null): number | null =>
    x === undefined || x === null || !Number.isFinite(x) ? null : x;
  const judged = verdict({
    direction: options.direction,
    margin: options.margin,
    relativeDiff: welch.relativeDiff,
    relCiLow: welch.relCiLow,
    relCiHigh: welch.relCiHigh,
    adjustedP: options.adjustedP ?? welch.p,
  });
  return {
    armKey,
    absoluteDiff: finite(welch.absoluteDiff),
    relativeDiff: finite(welch.relativeDiff),
    ciLow: finite(welch.relCiLow),
    ciHigh: finite(welch.relCiHigh),
    welchP: finite(welch.p),
    mannWhitneyP: finite(mw.p),
    hodgesLehmann: finite(mw.shift),
    hlCiLow: finite(mw.shiftCiLow),
    hlCiHigh: finite(mw.shiftCiHigh),
    cupedRelativeDiff: finite(adjusted?.relativeDiff),
    adjustedP: finite(options.adjustedP),
    verdict: judged as Verdict,
    hostsNeeded:
      judged === 'INCONCLUSIVE'
        ? hostsNeeded({
            nPerArm: Math.min(b.length, t.length),
            seRelative: welch.seRelative,
            relativeDiff: welch.relativeDiff,
            margin: options.margin,
            direction: options.direction,
          })
        : null,
  };
}
