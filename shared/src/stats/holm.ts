/**
 * Holm's step-down adjustment, as R's `p.adjust(p, "holm")`: the i-th smallest of n
 * p-values becomes max over j ≤ i of min(1, (n + 1 − j)·p₍ⱼ₎). Results keep the
 * input order. NaN entries stay NaN and do not count in n (R's handling of NA).
 */
export function holm(pValues: readonly number[]): number[] {
  const adjusted = pValues.map(() => NaN);
  const order = pValues
    .map((p, index) => ({ p, index }))
    .filter(({ p }) => !Number.isNaN(p))
    .sort((a, b) => a.p - b.p);
  const n = order.length;
  let running = 0;
  order.forEach(({ p, index }, i) => {
    running = Math.max(running, (n - i) * p);
    adjusted[index] = Math.min(1, running);
  });
  return adjusted;
}
