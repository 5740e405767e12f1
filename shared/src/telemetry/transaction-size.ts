/**
 * Transactions fall into size classes by how many packages they touch: a one-package
 * install behaves differently from a 300-package distro upgrade, and a change such as
 * RPM copy-on-write may help one and not the other. Samples without a package count
 * (disk snapshots, boots) have no size class.
 */
export const TRANSACTION_SIZE_CLASSES = ['1', '2-10', '11-100', '101+'] as const;
export type TransactionSizeClass = (typeof TRANSACTION_SIZE_CLASSES)[number];

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
