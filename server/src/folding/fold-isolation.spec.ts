import { describe, expect, it } from '@jest/globals';
import type { PassFocus } from './fold-pass.js';
import { FoldIsolation, QUARANTINE_AFTER_FAILURES } from './fold-isolation.js';

const dataError = (message: string) => Object.assign(new Error(message), { code: '22003' });

/** A fold that fails on work holding any of `poison`, and records what it was given. */
function steps(poison: (seq: string) => boolean) {
  const folded: string[] = [];
  const quarantined: { seqs: readonly string[]; failures: number }[] = [];
  let passes = 0;
  return {
    folded,
    quarantined,
    passes: () => passes,
    fold(work: PassFocus): Promise<void> {
      passes++;
      if (work.kind !== 'BATCH') return Promise.resolve();
      if (work.seqs.some(poison)) return Promise.reject(dataError('underflow'));
      folded.push(...work.seqs);
      return Promise.resolve();
    },
    quarantine(item: PassFocus, _error: unknown, failures: number): Promise<void> {
      if (item.kind === 'BATCH') quarantined.push({ seqs: item.seqs, failures });
      return Promise.resolve();
    },
  };
}

const batches = (n: number): PassFocus => ({
  kind: 'BATCH',
  seqs: Array.from({ length: n }, (_, i) => String(i + 1)),
});

describe(FoldIsolation.name, () => {
  it('folds everything but the one batch that fails, and sets that one aside', async () => {
    const fake = steps((seq) => seq === '317');
    await new FoldIsolation(fake).isolate([batches(500)]);
    expect(fake.folded).toHaveLength(499);
    expect(fake.folded).not.toContain('317');
    expect(fake.quarantined).toEqual([{ seqs: ['317'], failures: QUARANTINE_AFTER_FAILURES }]);
    // Halving finds it in about 2 log2(500) passes, not 500.
    expect(fake.passes()).toBeLessThan(40);
  });

  it('finds several, wherever they are', async () => {
    const poisoned = new Set(['1', '2', '250', '500']);
    const fake = steps((seq) => poisoned.has(seq));
    await new FoldIsolation(fake).isolate([batches(500)]);
    expect(fake.folded).toHaveLength(496);
    expect(fake.quarantined.map((q) => q.seqs[0]).sort()).toEqual([...poisoned].sort());
  });

  it('sets nothing aside when every batch fails: the failure is not theirs, and folding pauses', async () => {
    const fake = steps(() => true);
    const isolation = new FoldIsolation(fake);
    await expect(isolation.isolate([batches(4)])).rejects.toThrow('underflow');
    expect(fake.quarantined).toEqual([]);
    // Once other work of its kind folds, a batch that still fails alone is set aside.
    isolation.folded(['BATCH']);
    await isolation.isolate([{ kind: 'BATCH', seqs: ['1'] }]);
    expect(fake.quarantined).toEqual([{ seqs: ['1'], failures: 2 * QUARANTINE_AFTER_FAILURES }]);
  });

  it('forgets a suspect that folded meanwhile, and passes other failures on at once', async () => {
    let broken = true;
    const fake = steps((seq) => broken && seq === '1');
    const isolation = new FoldIsolation(fake);
    await expect(isolation.isolate([batches(1)])).rejects.toThrow('underflow');
    broken = false;
    isolation.folded(['BATCH']);
    await isolation.isolate([{ kind: 'BATCH', seqs: ['2'] }]);
    expect(fake.quarantined).toEqual([]);

    const down = new FoldIsolation({
      fold: () =>
        Promise.reject(Object.assign(new Error('terminating connection'), { code: '57P01' })),
      quarantine: () => Promise.reject(new Error('not expected')),
    });
    await expect(down.isolate([batches(8)])).rejects.toThrow('terminating connection');
  });
});
