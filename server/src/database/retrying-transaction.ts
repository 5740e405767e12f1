import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';

// Deadlocks and serialization failures say nothing about the data: the transaction
// that lost is rolled back whole and may simply run again.
const RETRYABLE = new Set(['40001', '40P01']);
const ATTEMPTS = 5;

/**
 * What the request that runs a transaction adds to it before it commits: a mutation's
 * audit event (audit/audit-in-transaction.interceptor.ts), so that no change commits
 * without its record, and no record stays of a change that did not commit.
 */
export interface TransactionHook {
  beforeCommit(manager: EntityManager): Promise<void>;
  /** The transaction that ran beforeCommit committed. */
  committed(): void;
}

const hooks = new AsyncLocalStorage<TransactionHook>();

/** Runs `work` with `hook` on every transaction it starts (with retryingTransaction). */
export function withTransactionHook<T>(hook: TransactionHook, work: () => T): T {
  return hooks.run(hook, work);
}

/** The hook of the request running now, if any: for transactions made without retryingTransaction. */
export function currentTransactionHook(): TransactionHook | undefined {
  return hooks.getStore();
}

/**
 * Runs `work` in a transaction, again (up to five times) when it loses a deadlock,
 * with the hook of the request that runs it (its audit event) before the commit.
 */
export async function retryingTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const hook = hooks.getStore();
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await dataSource.transaction(async (manager) => {
        const done = await work(manager);
        await hook?.beforeCommit(manager);
        return done;
      });
      hook?.committed();
      return result;
    } catch (error) {
      const { code, driverError } = error as { code?: string; driverError?: { code?: string } };
      const sqlState = driverError?.code ?? code;
      if (attempt >= ATTEMPTS || !sqlState || !RETRYABLE.has(sqlState)) throw error;
    }
  }
}
