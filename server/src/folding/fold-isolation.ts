import { isDataError } from './fold-errors.js';
import type { PassFocus } from './fold-pass.js';

/** Failures of one item folded alone before it may be set aside. */
export const QUARANTINE_AFTER_FAILURES = 3;

type Kind = PassFocus['kind'];

/** One pass over exactly `work`, throwing what it failed with; and setting one item aside. */
export interface IsolationSteps {
  fold(work: PassFocus): Promise<void>;
  quarantine(item: PassFocus, error: unknown, failures: number): Promise<void>;
}

interface Suspect {
  item: PassFocus;
  failures: number;
  /** The round (tick) it first failed alone in: work folded in that round or later clears it. */
  since: number;
  error: unknown;
}

/**
 * Finds what a pass that failed on its data failed on, so that folding goes on
 * without it: the work is folded in halves, down to the one batch or enrollment that
 * fails alone. That item is tried QUARANTINE_AFTER_FAILURES times, then set aside, but
 * only once other work of its kind has folded, in the round it first failed in or
 * later: a failure that
 * every item meets (a constraint refusing every row, a bad deploy) is not the item's
 * own, and setting the whole queue aside would hide it. Until then the round ends with
 * the item's error, so that folding pauses and tries again later. No I/O of its own.
 */
export class FoldIsolation {
  private tick = 0;
  private readonly lastFolded: Record<Kind, number> = { BATCH: 0, ENROLLMENT: 0 };
  private readonly suspects = new Map<string, Suspect>();

  constructor(private readonly steps: IsolationSteps) {}

  /** Work of these kinds folded (in any pass): evidence that their failures are their own. */
  folded(kinds: readonly Kind[]): void {
    const now = ++this.tick;
    for (const kind of kinds) this.lastFolded[kind] = now;
  }

  /** Folds each of `works` in parts, sets aside what fails on its own, and throws the error of what may be everyone's. */
  async isolate(works: readonly PassFocus[]): Promise<void> {
    // What is no longer waiting folded in some pass since: no longer a suspect.
    const waiting = new Set(works.flatMap(itemsOf).map(describe));
    for (const key of this.suspects.keys()) if (!waiting.has(key)) this.suspects.delete(key);
    const round = ++this.tick;
    for (const work of works) await this.split(work, round);
    let unexplained: Error | null = null;
    for (const [key, suspect] of this.suspects) {
      if (suspect.failures < QUARANTINE_AFTER_FAILURES) continue;
      if (this.lastFolded[suspect.item.kind] > suspect.since) {
        this.suspects.delete(key);
        await this.steps.quarantine(suspect.item, suspect.error, suspect.failures);
      } else {
        unexplained = suspect.error as Error;
      }
    }
    if (unexplained) throw unexplained;
  }

  private async split(work: PassFocus, round: number): Promise<void> {
    const size = sizeOf(work);
    if (size === 0) return;
    const key = size === 1 ? describe(work) : null;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.steps.fold(work);
        this.folded([work.kind]);
        if (key) this.suspects.delete(key);
        return;
      } catch (error) {
        if (!isDataError(error)) throw error;
        if (!key) {
          for (const half of halvesOf(work)) await this.split(half, round);
          return;
        }
        const suspect = this.suspects.get(key) ?? {
          item: work,
          failures: 0,
          since: round,
          error,
        };
        suspect.failures += 1;
        suspect.error = error;
        this.suspects.set(key, suspect);
        if (attempt >= QUARANTINE_AFTER_FAILURES) return;
      }
    }
  }
}

function sizeOf(work: PassFocus): number {
  return work.kind === 'BATCH' ? work.seqs.length : work.enrollments.length;
}

function itemsOf(work: PassFocus): PassFocus[] {
  return work.kind === 'BATCH'
    ? work.seqs.map((seq) => ({ kind: 'BATCH', seqs: [seq] }))
    : work.enrollments.map((enrollment) => ({ kind: 'ENROLLMENT', enrollments: [enrollment] }));
}

function halvesOf(work: PassFocus): PassFocus[] {
  const half = Math.ceil(sizeOf(work) / 2);
  return work.kind === 'BATCH'
    ? [
        { kind: 'BATCH', seqs: work.seqs.slice(0, half) },
        { kind: 'BATCH', seqs: work.seqs.slice(half) },
      ]
    : [
        { kind: 'ENROLLMENT', enrollments: work.enrollments.slice(0, half) },
        { kind: 'ENROLLMENT', enrollments: work.enrollments.slice(half) },
      ];
}

/** One item, for the log and the failure count. */
export function describe(work: PassFocus): string {
  if (work.kind === 'BATCH') return `batch ${work.seqs[0]}`;
  const [enrollment] = work.enrollments;
  return `the enrollment of host ${enrollment?.hostId} in experiment ${enrollment?.experimentId}`;
}
