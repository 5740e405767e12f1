import { describe, expect, it } from '@jest/globals';
import { IngestGate, IngestSaturated, spreadRetryDelay } from './ingest-gate.js';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('IngestGate', () => {
  it('runs up to its limit, queues up to its queue, and turns the rest away with a delay', async () => {
    const gate = new IngestGate(2, 1, () => 3);
    const blockers = [deferred(), deferred(), deferred()];
    const order: number[] = [];
    const runs = blockers.map((b, i) =>
      gate.run(async () => {
        order.push(i);
        await b.promise;
        return i;
      }),
    );
    await Promise.resolve();
    expect(gate.load).toEqual({ running: 2, waiting: 1 });
    expect(gate.full).toBe(true);
    await expect(gate.run(() => Promise.resolve(9))).rejects.toEqual(new IngestSaturated(3));
    expect(order).toEqual([0, 1]);
    blockers[0]!.resolve();
    await runs[0];
    await new Promise((r) => setTimeout(r, 0));
    expect(order).toEqual([0, 1, 2]);
    expect(gate.load).toEqual({ running: 2, waiting: 0 });
    blockers[1]!.resolve();
    blockers[2]!.resolve();
    await expect(Promise.all(runs)).resolves.toEqual([0, 1, 2]);
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it('frees its slot when the work fails', async () => {
    const gate = new IngestGate(1, 0);
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run(() => Promise.resolve('ok'))).resolves.toBe('ok');
  });

  it('spreads retry delays over 1 to 5 s', () => {
    expect(spreadRetryDelay(() => 0)).toBe(1);
    expect(spreadRetryDelay(() => 0.999)).toBe(5);
    const seen = new Set(Array.from({ length: 200 }, () => spreadRetryDelay()));
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5]);
  });
});
