import { chiSquareUpperTail } from './distributions.js';

export interface IndependenceTest {
  chiSquare: number;
  df: number;
  p: number;
}

/**
 * Pearson's chi-square test of independence on a contingency table (rows: arms,
 * columns: strata such as filesystems), like R's `chisq.test(table, correct = FALSE)`.
 * Rows and columns that are all zero are left out; fewer than two of either gives
 * p = 1 (nothing to compare).
 */
export function independenceTest(table: readonly (readonly number[])[]): IndependenceTest {
  const rows = table.filter((row) => row.some((n) => n > 0));
  const columns = (rows[0] ?? [])
    .map((_, j) => j)
    .filter((j) => rows.some((row) => (row[j] ?? 0) > 0));
  if (rows.length < 2 || columns.length < 2) return { chiSquare: 0, df: 0, p: 1 };
  const rowTotals = rows.map((row) => columns.reduce((sum, j) => sum + (row[j] ?? 0), 0));
  const columnTotals = columns.map((j) => rows.reduce((sum, row) => sum + (row[j] ?? 0), 0));
  const total = rowTotals.reduce((sum, n) => sum + n, 0);
  let chiSquare = 0;
  rows.forEach((row, i) => {
    columns.forEach((j, k) => {
      const expected = (rowTotals[i]! * columnTotals[k]!) / total;
      chiSquare += ((row[j] ?? 0) - expected) ** 2 / expected;
    });
  });
  const df = (rows.length - 1) * (columns.length - 1);
  return { chiSquare, df, p: chiSquareUpperTail(chiSquare, df) };
}
