import { medianOfSorted } from './descriptive.js';
import { normalCdf, normalQuantile } from './distributions.js';
import { findRoot } from './find-root.js';
import { rankSumCdf, rankSumQuantile } from './rank-sum-distribution.js';

export interface MannWhitneyResult {
  readonly nBaseline: number;
  readonly nTreatment: number;
  /** R's W: pairs (treatment, baseline) with the treatment value higher, ties half. */
  readonly w: number;
  /** Two-sided. */
  readonly p: number;
  /** Exact null distribution, or the normal approximation with tie and continuity corrections. */
  readonly method: 'exact' | 'normal';
  /** Hodges–Lehmann style location shift, treatment − baseline. */
  readonly shift: number;
  readonly shiftCiLow: number;
  readonly shiftCiHigh: number;
  /**
   * The confidence the interval has: below the one asked for when tiny arms cannot
   * reach it with the exact distribution (R's "conf.level" attribute).
   */
  readonly confidence: number;
}

/** A result with the arms' sizes and every figure NaN: an empty arm, or a test not run. */
export function noMannWhitney(nBaseline = NaN, nTreatment = NaN): MannWhitneyResult {
  return {
    nBaseline,
    nTreatment,
    w: NaN,
    p: NaN,
    method: 'normal',
    shift: NaN,
    shiftCiLow: NaN,
    shiftCiHigh: NaN,
    confidence: NaN,
  };
}

/**
 * The Wilcoxon rank-sum (Mann–Whitney) test of treatment against baseline with its
 * location shift and interval, following R's
 * `wilcox.test(treatment, baseline, conf.int = TRUE, conf.level = confidence)`:
 *
 * - both arms under 50 values and no ties: exact p-value; the shift is the median of
 *   the pairwise differences and the interval their order statistics at R's
 *   qwilcox rank (so the achieved confidence may be lower for tiny arms);
 * - otherwise the normal approximation with tie and continuity corrections; the
 *   interval inverts the continuity-corrected statistic and the shift is where the
 *   uncorrected one crosses zero, both found by R's root finder with R's absolute
 *   tolerance `tolRoot` (1e-4 suits values in milliseconds or bytes; pass a smaller
 *   one for metrics whose differences are far below 1).
 *
 * The normal case never forms the n·m pairwise differences: after one sort of each
 * arm, the statistic at a shift d is a merge in O(n + m), so arms of thousands of
 * hosts cost some dozens of linear passes. The exact case forms at most 49·49.
 *
 * Values that are not finite are dropped (R drops NA but would rank ±Infinity; a
 * host-level mean is never infinite). Where R stops with an error this answers:
 * - an empty arm: everything NaN;
 * - both arms constant (R: "missing value where TRUE/FALSE needed"): every pairwise
 *   difference is the same, so the shift and both interval ends are that difference,
 *   with the p-value R's test gives (NaN when the two constants are equal).
 */
export function mannWhitney(
  baseline: readonly number[],
  treatment: readonly number[],
  confidence = 0.95,
  tolRoot = 1e-4,
): MannWhitneyResult {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be between 0 and 1, got ${confidence}`);
  }
  const x = sortedFinite(treatment);
  const y = sortedFinite(baseline);
  const nx = x.length;
  const ny = y.length;
  if (nx === 0 || ny === 0) return noMannWhitney(ny, nx);
  const weighted = { x: counted(x), y: counted(y) };
  const ranks = rankSums(weighted.x, weighted.y, 0);
  const w = ranks.rankSumX - (nx * (nx + 1)) / 2;
  const base = { nBaseline: ny, nTreatment: nx, w };
  if (nx < 50 && ny < 50 && ranks.tieTerm === 0) {
    return { ...base, ...exactTest(x, y, w, confidence) };
  }
  return { ...base, ...normalTest(weighted.x, weighted.y, w, ranks.tieTerm, confidence, tolRoot) };
}

/** A value and how many times it occurs (a histogram bucket's value and count). */
export interface CountedValue {
  readonly value: number;
  readonly count: number;
}

/**
 * mannWhitney over values given with their counts, such as the buckets of a histogram
 * of host means: the same answer as mannWhitney over the values repeated, at a cost
 * that grows with the distinct values, not their number. Equal values are ties, so a
 * histogram's buckets are tied groups.
 */
export function mannWhitneyFromCounts(
  baseline: readonly CountedValue[],
  treatment: readonly CountedValue[],
  confidence = 0.95,
  tolRoot = 1e-4,
): MannWhitneyResult {
  const total = (values: readonly CountedValue[]): number =>
    values.reduce((sum, v) => sum + (Number.isFinite(v.value) ? v.count : 0), 0);
  const nx = total(treatment);
  const ny = total(baseline);
  // Small arms may take the exact test, which needs the values themselves.
  if (nx < 50 || ny < 50)
    return mannWhitney(expand(baseline), expand(treatment), confidence, tolRoot);
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be between 0 and 1, got ${confidence}`);
  }
  const x = sortedCounts(treatment);
  const y = sortedCounts(baseline);
  const ranks = rankSums(x, y, 0);
  const w = ranks.rankSumX - (nx * (nx + 1)) / 2;
  return {
    nBaseline: ny,
    nTreatment: nx,
    w,
    ...normalTest(x, y, w, ranks.tieTerm, confidence, tolRoot),
  };
}

/** Sorted values, each with how many times it occurs (equal neighbours may repeat). */
interface Counted {
  readonly values: Float64Array;
  readonly counts: Float64Array;
  /** Σ counts */
  readonly n: number;
}

function counted(sorted: Float64Array): Counted {
  return { values: sorted, counts: new Float64Array(sorted.length).fill(1), n: sorted.length };
}

function sortedCounts(values: readonly CountedValue[]): Counted {
  const kept = values
    .filter((v) => Number.isFinite(v.value) && v.count > 0)
    .sort((a, b) => a.value - b.value);
  return {
    values: Float64Array.from(kept, (v) => v.value),
    counts: Float64Array.from(kept, (v) => v.count),
    n: kept.reduce((sum, v) => sum + v.count, 0),
  };
}

function expand(values: readonly CountedValue[]): number[] {
  return values.flatMap((v) => Array<number>(v.count).fill(v.value));
}

type TestPart = Omit<MannWhitneyResult, 'nBaseline' | 'nTreatment' | 'w'>;

function exactTest(x: Float64Array, y: Float64Array, w: number, confidence: number): TestPart {
  const nx = x.length;
  const ny = y.length;
  const tail = w > (nx * ny) / 2 ? rankSumCdf(w - 1, nx, ny, false) : rankSumCdf(w, nx, ny, true);
  const p = Math.min(2 * tail, 1);

  const diffs = new Float64Array(nx * ny);
  for (let i = 0; i < nx; i++) {
    for (let j = 0; j < ny; j++) diffs[i * ny + j] = x[i]! - y[j]!;
  }
  diffs.sort();
  const alpha = 1 - confidence;
  const qu = Math.max(rankSumQuantile(alpha / 2, nx, ny), 1);
  const ql = nx * ny - qu;
  const achievedAlpha = 2 * rankSumCdf(Math.trunc(qu) - 1, nx, ny);
  return {
    p,
    method: 'exact',
    shift: medianOfSorted(diffs),
    shiftCiLow: diffs[qu - 1]!,
    shiftCiHigh: diffs[ql]!,
    confidence: achievedAlpha - alpha > alpha / 2 ? 1 - achievedAlpha : confidence,
  };
}

function normalTest(
  x: Counted,
  y: Counted,
  w: number,
  tieTerm: number,
  confidence: number,
  tolRoot: number,
): TestPart {
  const nx = x.n;
  const ny = y.n;
  const z0 = w - (nx * ny) / 2;
  const z = (z0 - Math.sign(z0) * 0.5) / rankSumSigma(nx, ny, tieTerm);
  const p = 2 * Math.min(normalCdf(z), normalCdf(-z));

  const lowest = x.values[0]! - y.values[y.values.length - 1]!;
  const highest = x.values[x.values.length - 1]! - y.values[0]!;
  if (!(lowest < highest)) {
    return {
      p,
      method: 'normal',
      shift: lowest,
      shiftCiLow: lowest,
      shiftCiHigh: lowest,
      confidence,
    };
  }
  // The standardised statistic for treatment shifted down by d: decreasing in d.
  const standardised = (d: number, corrected: boolean): number => {
    const { rankSumX, tieTerm: ties } = rankSums(x, y, d);
    const dz = rankSumX - (nx * (nx + 1)) / 2 - (nx * ny) / 2;
    return (dz - (corrected ? Math.sign(dz) * 0.5 : 0)) / rankSumSigma(nx, ny, ties);
  };
  const atLowest = standardised(lowest, true);
  const atHighest = standardised(highest, true);
  const root = (zq: number): number => {
    const fLower = atLowest - zq;
    if (fLower <= 0) return lowest;
    const fUpper = atHighest - zq;
    if (fUpper >= 0) return highest;
    return findRoot((d) => standardised(d, true) - zq, lowest, highest, fLower, fUpper, tolRoot);
  };
  const zq = normalQuantile((1 - confidence) / 2);
  const uncorrected = (d: number): number => standardised(d, false);
  return {
    p,
    method: 'normal',
    shift: findRoot(
      uncorrected,
      lowest,
      highest,
      uncorrected(lowest),
      uncorrected(highest),
      tolRoot,
    ),
    shiftCiLow: root(-zq),
    shiftCiHigh: root(zq),
    confidence,
  };
}

function rankSumSigma(nx: number, ny: number, tieTerm: number): number {
  return Math.sqrt(((nx * ny) / 12) * (nx + ny + 1 - tieTerm / ((nx + ny) * (nx + ny - 1))));
}

/**
 * Ranks of (x − d) among (x − d, y) with average ranks for ties, as R's rank():
 * the sum of the x ranks and Σ(t³ − t) over groups of t tied values. Both are sorted
 * ascending (x − d stays sorted because rounding is monotone); each value stands for
 * `count` equal ones.
 */
function rankSums(x: Counted, y: Counted, d: number): { rankSumX: number; tieTerm: number } {
  // The root searches call this some dozens of times over every value of both arms:
  // kept to plain array reads and comparisons.
  const { values: xv, counts: xc } = x;
  const { values: yv, counts: yc } = y;
  const nx = xv.length;
  const ny = yv.length;
  let i = 0;
  let j = 0;
  let ranked = 0;
  let rankSumX = 0;
  let tieTerm = 0;
  while (i < nx || j < ny) {
    const nextX = i < nx ? xv[i]! - d : Infinity;
    const nextY = j < ny ? yv[j]! : Infinity;
    let inX = 0;
    let inY = 0;
    if (nextX <= nextY) {
      inX = xc[i++]!;
      while (i < nx && xv[i]! - d === nextX) inX += xc[i++]!;
    }
    if (nextY <= nextX) {
      inY = yc[j++]!;
      while (j < ny && yv[j]! === nextY) inY += yc[j++]!;
    }
    const tied = inX + inY;
    if (inX > 0) rankSumX += inX * (ranked + (tied + 1) / 2);
    if (tied > 1) tieTerm += tied * tied * tied - tied;
    ranked += tied;
  }
  return { rankSumX, tieTerm };
}

function sortedFinite(values: readonly number[]): Float64Array {
  return Float64Array.from(values.filter((v) => Number.isFinite(v))).sort();
}
