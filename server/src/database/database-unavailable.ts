import type { GraphQLError } from 'graphql';
import { badInput, unavailable } from '../common/graphql-errors.js';

/** Seconds a client is asked to wait when the database cannot be reached. */
export const DATABASE_RETRY_SECONDS = 5;

/** The retryable answer while the database is away, wherever it is noticed. */
export function databaseUnavailable(): GraphQLError {
  return unavailable(
    `The database cannot be reached for a moment. Send the request again in ${DATABASE_RETRY_SECONDS} s; samples already stored count as duplicates, so nothing is stored twice.`,
    DATABASE_RETRY_SECONDS,
  );
}

// PostgreSQL: connection exceptions (08...), shutdown and start-up (57P01-57P03);
// and the socket errors of a server that is down or went away.
const CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
]);
// TypeORM: a transaction whose connection the server dropped (its COMMIT never sent).
const NAMES = new Set([
  'QueryRunnerAlreadyReleasedError',
  'QueryRunnerProviderAlreadyReleasedError',
  'ConnectionIsNotSetError',
]);
const MESSAGES =
  /Connection terminated|connection timeout|Client has encountered a connection error|terminating connection/i;

/**
 * True when `error` (or what it wraps) says the database is unreachable for now:
 * restarting, down or failing over. Nothing was stored; the same request may pass
 * later, so clients get a retryable answer instead of an internal error. Pure.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const { code, message, driverError, originalError, cause, thrownValue } = error as Record<
    string,
    unknown
  >;
  if (typeof code === 'string' && (CODES.has(code) || code.startsWith('08'))) return true;
  if (typeof message === 'string' && MESSAGES.test(message)) return true;
  if (NAMES.has((error as Error).name)) return true;
  // GraphQL wraps what is not an Error (pg's connect failure) as `thrownValue`.
  return [driverError, originalError, cause, thrownValue].some((inner) =>
    isDatabaseUnavailable(inner, depth + 1),
  );
}

// PostgreSQL data exceptions that only a value sent by a caller can cause: too long,
// out of range (a cursor past bigint, a year before 4713 BC), NUL characters, text
// that is not a uuid or number where one was expected.
const BAD_VALUE_CODES = new Set(['22001', '22003', '22007', '22008', '22021', '22P02', '22P05']);

/**
 * True when `error` (or what it wraps) is the database refusing a value it was given:
 * bad input that got past the checks in front of it, answered as such rather than
 * as an internal error. Pure.
 */
export function isUnstorableValue(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const { code, driverError, originalError, cause } = error as Record<string, unknown>;
  if (typeof code === 'string' && BAD_VALUE_CODES.has(code)) return true;
  return [driverError, originalError, cause].some((inner) => isUnstorableValue(inner, depth + 1));
}

/** The answer to a value the database refused (see isUnstorableValue). */
export function unstorableValue(): GraphQLError {
  return badInput(
    'A value sent cannot be stored or compared (out of range, or text with a NUL character); nothing was done. Check the values and send again.',
    { reason: 'UNSTORABLE_VALUE' },
  );
}
