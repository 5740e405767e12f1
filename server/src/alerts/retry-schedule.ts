export interface RetryPolicy {
  /** The wait after the first failed try. */
  minMs: number;
  /** The longest wait between two tries. */
  maxMs: number;
}

/**
 * How long to wait after the `attempts`-th failed try: the first wait, doubled after
 * each further failure up to the longest, then a random half to whole of that (so that
 * receivers coming back are not met by every sender at once), and never less than what
 * the receiver asked for with Retry-After (up to the longest wait). `random` is in
 * [0, 1). Pure.
 */
export function retryDelayMs(
  attempts: number,
  policy: RetryPolicy,
  random: number,
  retryAfterMs: number | null = null,
): number {
  const exponential = Math.min(policy.maxMs, policy.minMs * 2 ** Math.max(0, attempts - 1));
  const jittered = Math.round(exponential * (0.5 + random / 2));
  return Math.max(jittered, Math.min(retryAfterMs ?? 0, policy.maxMs));
}

/** A Retry-After header (seconds, or an HTTP date) in milliseconds from `now`, or null. Pure. */
export function retryAfterMs(header: string | undefined, now: Date): number | null {
  if (!header) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}
