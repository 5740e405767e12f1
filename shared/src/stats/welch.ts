import { mean, sampleVariance } from './descriptive.js';
import { normalQuantile, studentTCdf, studentTQuantile } from './distributions.js';

/** What Welch's test needs of one arm: its size, mean and sample variance (n − 1). */
export interface ArmMoments {
  readonly n: number;
  readonly mean: number;
  readonly variance: number;
}

export interface WelchResult {
  readonly nBaseline: number;
  readonly nTreatment: number;
  readonly meanBaseline: number;
  readonly meanTreatment: number;
  /** treatment − baseline */
  readonly absoluteDiff: number;
  /** Standard error of absoluteDiff. */
  readonly standardError: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  readonly t: number;
  /** Welch–Satterthwaite degrees of freedom. */
  readonly df: number;
  /** Two-sided. */
  readonly p: number;
  /** absoluteDiff / meanBaseline */
  readonly relativeDiff: number;
  readonly relCiLow: number;
  readonly relCiHigh: number;
  /** Delta-method standard error of relativeDiff. */
  readonly seRelative: number;
}

export function armMoments(values: readonly number[]): ArmMoments {
  const valuesMean = mean(values);
  return {
    n: values.length,
    mean: valuesMean,
    variance: sampleVariance(values, valuesMean),
  };
}

/**
 * Welch's two-sample t-test of treatment against baseline, as R's
 * `t.test(treatment, baseline, var.equal = FALSE, conf.level = confidence)`, plus the
 * relative difference with a delta-method interval.
 *
 * Where R stops with an error this answers NaN instead, so one odd metric does not
 * break a whole comparison:
 * - fewer than 2 values in an arm (R: "not enough observations"): the variance is
 *   unknown, so t, df, p, both intervals and seRelative are NaN (means and
 *   differences are still given when each arm has a value);
 * - both arms (essentially) constant, by R's own test `stderr < 10 ε max(|means|)`
 *   (R: "data are essentially constant"): t, df and p are NaN, and the interval is
 *   the single point absoluteDiff, since the data show no spread at all.
 * relativeDiff and its interval are NaN when the baseline mean is 0.
 */
export function welchTest(
  baseline: readonly number[],
  treatment: readonly number[],
  confidence = 0.95,
): WelchResult {
  return welchFromMoments(armMoments(baseline), armMoments(treatment), confidence);
}

/** welchTest from each arm's size, mean and variance (e.g. kept in a rollup). */
export function welchFromMoments(
  baseline: ArmMoments,
  treatment: ArmMoments,
  confidence = 0.95,
): WelchResult {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be between 0 and 1, got ${confidence}`);
  }
  const known = baseline.n >= 1 && treatment.n >= 1;
  const spread = baseline.n >= 2 && treatment.n >= 2;
  const meanBaseline = baseline.n >= 1 ? baseline.mean : NaN;
  const meanTreatment = treatment.n >= 1 ? treatment.mean : NaN;
  const absoluteDiff = known ? meanTreatment - meanBaseline : NaN;

  const seBaseline2 = spread ? baseline.variance / baseline.n : NaN;
  const seTreatment2 = spread ? treatment.variance / treatment.n : NaN;
  const standardError = Math.sqrt(seBaseline2 + seTreatment2);
  const constant =
    standardError <=
    10 * Number.EPSILON * Math.max(Math.abs(meanBaseline), Math.abs(meanTreatment));

  let t = NaN;
  let df = NaN;
  let p = NaN;
  let ciLow = NaN;
  let ciHigh = NaN;
  if (constant) {
    ciLow = absoluteDiff;
    ciHigh = absoluteDiff;
  } else if (spread) {
    df =
      standardError ** 4 /
      (seBaseline2 ** 2 / (baseline.n - 1) + seTreatment2 ** 2 / (treatment.n - 1));
    t = absoluteDiff / standardError;
    p = 2 * studentTCdf(-Math.abs(t), df);
    const q = studentTQuantile(1 - (1 - confidence) / 2, df);
    // R's order of operations: (t ∓ q) · stderr.
    ciLow = (t - q) * standardError;
    ciHigh = (t + q) * standardError;
  }

  const relative = relativeLift(baseline, treatment, meanBaseline, meanTreatment, confidence);
  return {
    nBaseline: baseline.n,
    nTreatment: treatment.n,
    meanBaseline,
    meanTreatment,
    absoluteDiff,
    standardError: spread ? standardError : NaN,
    ciLow,
    ciHigh,
    t,
    df,
    p,
    ...relative,
  };
}

/**
 * r = (meanT − meanB) / meanB with the delta method:
 * var(r) ≈ (varT/nT)/meanB² + meanT²·(varB/nB)/meanB⁴, interval r ± z·se.
 */
function relativeLift(
  baseline: ArmMoments,
  treatment: ArmMoments,
  meanBaseline: number,
  meanTreatment: number,
  confidence: number,
): Pick<WelchResult, 'relativeDiff' | 'relCiLow' | 'relCiHigh' | 'seRelative'> {
  if (meanBaseline === 0 || Number.isNaN(meanBaseline) || Number.isNaN(meanTreatment)) {
    return { relativeDiff: NaN, relCiLow: NaN, relCiHigh: NaN, seRelative: NaN };
  }
  const relativeDiff = (meanTreatment - meanBaseline) / meanBaseline;
  const spread = baseline.n >= 2 && treatment.n >= 2;
  const seRelative = spread
    ? Math.sqrt(
        treatment.variance / treatment.n / meanBaseline ** 2 +
          (meanTreatment ** 2 * (baseline.variance / baseline.n)) / meanBaseline ** 4,
      )
    : NaN;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  return {
    relativeDiff,
    relCiLow: relativeDiff - z * seRelative,
    relCiHigh: relativeDiff + z * seRelative,
    seRelative,
  };
}
