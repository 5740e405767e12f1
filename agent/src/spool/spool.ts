import fs from 'node:fs';
import path from 'node:path';
import type { SampleInput } from '../samples/sample.js';

export interface RejectedSample {
  id: string;
  code: string;
  reason: string;
}

/** What the server said about a batch: every sample in it is accounted for. */
export interface BatchAnswer {
  accepted: number;
  duplicates: number;
  rejected: RejectedSample[];
}

let sequence = 0;

/**
 * Samples wait on disk until the server has acknowledged them, so a crash, a
 * reboot or an unreachable server loses nothing: one file per sample, written
 * atomically, named so that the oldest go first. Samples the server rejected are
 * moved aside to `rejected/` with the reason, for a person to look at.
 */
export class Spool {
  constructor(readonly dir: string) {
    fs.mkdirSync(path.join(dir, 'rejected'), { recursive: true, mode: 0o700 });
  }

  add(samples: readonly SampleInput[]): void {
    for (const sample of samples) {
      const name = `${Date.now().toString(36).padStart(10, '0')}-${(sequence++).toString(36).padStart(6, '0')}-${process.pid}.json`;
      const temporary = path.join(this.dir, `.${name}.tmp`);
      fs.writeFileSync(temporary, JSON.stringify(sample), { mode: 0o600 });
      fs.renameSync(temporary, path.join(this.dir, name));
    }
  }

  /** Files waiting, oldest first. */
  pending(): string[] {
    return fs
      .readdirSync(this.dir)
      .filter((name) => name.endsWith('.json'))
      .sort();
  }

  size(): number {
    return this.pending().length;
  }

  /** The oldest `limit` samples with the files they came from. */
  take(limit: number): { files: string[]; samples: SampleInput[] } {
    const files = this.pending().slice(0, limit);
    return {
      files,
      samples: files.map(
        (name) => JSON.parse(fs.readFileSync(path.join(this.dir, name), 'utf8')) as SampleInput,
      ),
    };
  }

  /** Forgets samples the server has answered for; keeps the rejected ones aside. */
  acknowledge(
    files: readonly string[],
    samples: readonly SampleInput[],
    answer: BatchAnswer,
  ): void {
    const rejected = new Map(answer.rejected.map((r) => [r.id, r]));
    files.forEach((name, i) => {
      const reason = rejected.get(samples[i]!.id);
      const from = path.join(this.dir, name);
      if (reason) {
        fs.writeFileSync(
          path.join(this.dir, 'rejected', name),
          JSON.stringify({ sample: samples[i], ...reason }),
          { mode: 0o600 },
        );
      }
      fs.rmSync(from, { force: true });
    });
  }
}
