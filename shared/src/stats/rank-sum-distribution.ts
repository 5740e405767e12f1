/**
 * The exact null distribution of the Wilcoxon rank-sum (Mann–Whitney U) statistic
 * for samples of m and n values without ties, as R's pwilcox and qwilcox use it.
 * Cheap for the sizes it serves (R uses it only while both samples have fewer
 * than 50 values): about m²n²/4 additions.
 */

/**
 * counts[k] = how many of the C(m + n, m) orderings of the two samples give U = k
 * (U = pairs with the m-sample value above the n-sample value), k = 0..m·n.
 */
export function rankSumCounts(m: number, n: number): Float64Array {
  return countsFor(m, n).slice();
}

// One test asks for the same sizes three times (p-value, interval rank, achieved
// confidence); remembering the last table saves recomputing it.
let last: { m: number; n: number; counts: Float64Array } | undefined;

function countsFor(m: number, n: number): Float64Array {
  if (last?.m === m && last.n === n) return last.counts;
  const counts = computeCounts(m, n);
  last = { m, n, counts };
  return counts;
}

function computeCounts(m: number, n: number): Float64Array {
  // byM[i] holds the counts for sizes (i, j) while j grows from 0 to n.
  // The largest of all values is either from the first sample (it beats all j of
  // the second: U grows by j) or from the second (U unchanged):
  //   f(i, j)(k) = f(i − 1, j)(k − j) + f(i, j − 1)(k).
  let byM: Float64Array[] = Array.from({ length: m + 1 }, () => Float64Array.of(1));
  for (let j = 1; j <= n; j++) {
    const next: Float64Array[] = [Float64Array.of(1)];
    for (let i = 1; i <= m; i++) {
      const counts = new Float64Array(i * j + 1);
      counts.set(byM[i]!);
      const fewer = next[i - 1]!;
      for (let k = 0; k < fewer.length; k++) counts[k + j]! += fewer[k]!;
      next.push(counts);
    }
    byM = next;
  }
  return byM[m]!;
}

/**
 * P(U ≤ q) (or P(U > q) with lowerTail false) like R's pwilcox(q, m, n): sums the
 * shorter tail so that small probabilities keep their precision.
 */
export function rankSumCdf(q: number, m: number, n: number, lowerTail = true): number {
  const mn = m * n;
  const k = Math.floor(q + 1e-7);
  if (k < 0) return lowerTail ? 0 : 1;
  if (k >= mn) return lowerTail ? 1 : 0;
  const counts = countsFor(m, n);
  const total = sum(counts);
  let p = 0;
  if (k <= mn / 2) {
    for (let i = 0; i <= k; i++) p += counts[i]! / total;
    return lowerTail ? p : 1 - p;
  }
  // P(U > k) = P(U < mn − k) by symmetry.
  for (let i = 0; i < mn - k; i++) p += counts[i]! / total;
  return lowerTail ? 1 - p : p;
}

/** The smallest q with P(U ≤ q) ≥ p, like R's qwilcox(p, m, n) (same fuzz). */
export function rankSumQuantile(p: number, m: number, n: number): number {
  const mn = m * n;
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return 0;
  if (p === 1) return mn;
  const counts = countsFor(m, n);
  const total = sum(counts);
  let cumulative = 0;
  if (p <= 0.5) {
    const target = p - 10 * Number.EPSILON;
    for (let q = 0; q < mn; q++) {
      cumulative += counts[q]! / total;
      if (cumulative >= target) return q;
    }
    return mn;
  }
  const target = 1 - p + 10 * Number.EPSILON;
  for (let q = 0; q < mn; q++) {
    cumulative += counts[q]! / total;
    if (cumulative > target) return mn - q;
  }
  return 0;
}

function sum(values: Float64Array): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
