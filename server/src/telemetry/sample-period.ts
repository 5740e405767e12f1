// Which period of an enrollment a sample counts in, and the UTC day it counts on. The
// folder applies the same rule in SQL (server/src/folding/fold-pass.ts); this form is
// for code that works on samples in memory (benchmarks generating rollups).

/** A host's membership of an experiment, as the period rule needs it. */
export interface ActiveEnrollment {
  experimentId: string;
  armId: string;
  firstOptedInAt: Date;
  optedOutAt: Date | null;
  optedIn: boolean;
  /** Times it was out between two opt-ins: from an opt-out (inclusive) to the next opt-in. */
  gaps: readonly { from: Date; to: Date }[];
}

/** How far back a host's samples count as its pre-enrollment period (for CUPED). */
export const PRE_PERIOD_MS = 28 * 86_400_000;

/**
 * Which period of an enrollment a sample falls in: before the first opt-in (within
 * the look-back), while opted in, or neither (too old, in a gap between an opt-out and
 * the next opt-in, or after the last opt-out).
 */
export function periodOf(enrollment: ActiveEnrollment, observedAt: Date): 'PRE' | 'IN' | null {
  const at = observedAt.getTime();
  const start = enrollment.firstOptedInAt.getTime();
  if (at < start) return at >= start - PRE_PERIOD_MS ? 'PRE' : null;
  for (const gap of enrollment.gaps) {
    if (at >= gap.from.getTime() && at < gap.to.getTime()) return null;
  }
  if (enrollment.optedIn) return 'IN';
  return enrollment.optedOutAt && at < enrollment.optedOutAt.getTime() ? 'IN' : null;
}

/** The UTC day of a moment, as the rollups key it. */
export function dayOf(at: Date): string {
  const dayNumber = Math.floor(at.getTime() / 86_400_000);
  let day = dayNames.get(dayNumber);
  if (day === undefined) {
    day = at.toISOString().slice(0, 10);
    if (dayNames.size > 10_000) dayNames.clear();
    dayNames.set(dayNumber, day);
  }
  return day;
}

/** Day numbers already turned into text: ingest asks for the same few days all the time. */
const dayNames = new Map<number, string>();
