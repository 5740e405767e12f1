/**
 * SQLSTATE classes that the data being folded can cause: data exceptions (22: out of
 * range, underflow, bad input syntax), integrity violations (23), program limits (54:
 * a value too large for a row or an array), and errors raised by functions and
 * triggers (P0, 38, 39, 2F). Anything else — a lost connection, a deadlock, a
 * shutdown, a missing table — says nothing about one batch: folding pauses and tries
 * again later rather than setting good work aside.
 */
const DATA_ERROR_CLASSES = new Set(['22', '23', '54', 'P0', '38', '39', '2F']);

/** The SQLSTATE of a database error, as pg or TypeORM (driverError) carries it. Pure. */
export function sqlStateOf(error: unknown): string | null {
  if (!error || typeof error !== 'object') return null;
  const { code, driverError } = error as { code?: unknown; driverError?: { code?: unknown } };
  const state = driverError?.code ?? code;
  return typeof state === 'string' && /^[0-9A-Z]{5}$/.test(state) ? state : null;
}

/** Whether folding failed on what it folds, so that setting the item aside helps. Pure. */
export function isDataError(error: unknown): boolean {
  const state = sqlStateOf(error);
  return state !== null && DATA_ERROR_CLASSES.has(state.slice(0, 2));
}

/** The database's message, without the statement or its parameters. Pure. */
export function foldErrorReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').trim().slice(0, 500) || 'unknown error';
}
