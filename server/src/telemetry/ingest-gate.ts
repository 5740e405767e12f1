/** Raised when the gate is full: the caller should come back after `retryAfterSeconds`. */
export class IngestSaturated extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('ingest saturated');
  }
}

/** What a host is told when its batch is turned away for load. */
export function busyMessage(retryAfterSeconds: number): string {
  return `The server is storing as many batches as it can; nothing of this one was stored. Send it again in ${retryAfterSeconds} s (the agent does so from its spool).`;
}

/**
 * A retry delay of 1 to 5 s, drawn anew each time: agents turned away together do not
 * all come back in the same second.
 */
export function spreadRetryDelay(random: () => number = Math.random): number {
  return 1 + Math.floor(random() * 5);
}

/**
 * Bounds the batches being stored at once (each holds a database connection) and
 * the ones waiting for a turn. Beyond both, a batch is turned away at once with a
 * retry delay instead of queueing without bound: an agent keeps its samples in its
 * spool and comes back later, so nothing is lost and memory stays flat. No I/O.
 */
export class IngestGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly limit: number,
    private readonly queueLimit: number,
    private readonly retryAfterSeconds: () => number = spreadRetryDelay,
  ) {}

  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /** True when a batch arriving now would be turned away: callers check before costly work. */
  get full(): boolean {
    return this.running >= this.limit && this.waiting.length >= this.queueLimit;
  }

  /** The error for a batch turned away now. */
  saturated(): IngestSaturated {
    return new IngestSaturated(this.retryAfterSeconds());
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) {
      if (this.waiting.length >= this.queueLimit) throw this.saturated();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next in line, or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
