import type { DataSource, EntityManager } from 'typeorm';

// Deadlocks and serialization failures say nothing about the data: the transaction
// that lost is rolled back whole and may simply run again.
const RETRYABLE = new Set(['40001', '40P01']);
const ATTEMPTS = 5;

/** Runs `work` in a transaction, again (up to five times) when it loses a deadlock. */
export async function retryingTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await dataSource.transaction(work);
    } catch (error) {
      const { code, driverError } = error as { code?: string; driverError?: { code?: string } };
      const sqlState = driverError?.code ?? code;
      if (attempt >= ATTEMPTS || !sqlState || !RETRYABLE.has(sqlState)) throw error;
    }
  }
}
