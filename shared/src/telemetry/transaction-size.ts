import type { TransactionSizeClass } from '../domain/analysis.js';

export { TRANSACTION_SIZE_CLASSES, type TransactionSizeClass } from '../domain/analysis.js';

/** The size class of a transaction touching `packages` packages; '' when it has none. */
export function transactionSizeClass(packages: unknown): TransactionSizeClass | '' {
  if (typeof packages !== 'number' || !Number.isInteger(packages) || packages < 1) return '';
  if (packages === 1) return '1';
  if (packages <= 10) return '2-10';
  if (packages <= 100) return '11-100';
  return '101+';
}

/**
 * The same rule in SQL, for a jsonb `context` column: used where rollups are rebuilt
 * from stored samples; a database test (test/api/comparison-window.test.ts) holds the
 * two to each other.
 */
export const TRANSACTION_SIZE_CLASS_SQL = (context: string): string =>
  `CASE WHEN jsonb_typeof(${context}->'packages') IS DISTINCT FROM 'number' THEN ''
        WHEN (${context}->>'packages')::numeric <> trunc((${context}->>'packages')::numeric)
          OR (${context}->>'packages')::numeric < 1 THEN ''
        WHEN (${context}->>'packages')::numeric = 1 THEN '1'
        WHEN (${context}->>'packages')::numeric <= 10 THEN '2-10'
        WHEN (${context}->>'packages')::numeric <= 100 THEN '11-100'
        ELSE '101+' END`;
