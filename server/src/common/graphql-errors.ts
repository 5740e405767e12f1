import { GraphQLError } from 'graphql';
import type { Problem } from '@fleetlab/shared';

/** Stable `extensions.code` values that clients may branch on. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  UNAVAILABLE: 'UNAVAILABLE',
  RATE_LIMITED: 'RATE_LIMITED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

type Extensions = Record<string, unknown>;

function error(code: string, message: string, extensions: Extensions = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

export const badInput = (message: string, extensions?: Extensions): GraphQLError =>
  error(ErrorCode.BAD_USER_INPUT, message, extensions);

export const notFound = (message: string, extensions?: Extensions): GraphQLError =>
  error(ErrorCode.NOT_FOUND, message, extensions);

export const unauthenticated = (message: string, extensions?: Extensions): GraphQLError =>
  error(ErrorCode.UNAUTHENTICATED, message, extensions);

export const forbidden = (message: string, extensions?: Extensions): GraphQLError =>
  error(ErrorCode.FORBIDDEN, message, extensions);

export const conflict = (message: string, extensions?: Extensions): GraphQLError =>
  error(ErrorCode.CONFLICT, message, extensions);

/** Retryable: the server is busy and did nothing; come back after `retryAfterSeconds`. */
export const unavailable = (message: string, retryAfterSeconds: number): GraphQLError =>
  error(ErrorCode.UNAVAILABLE, message, { retryAfterSeconds });

/**
 * One error for a list of validation problems: the message names every problem
 * (`field: what is wrong`), and `extensions.problems` lists them for forms.
 */
export function invalidInput(problems: Problem[], prefix = ''): GraphQLError {
  const message = problems.map((p) => `${prefix}${p.field}: ${p.message}`).join('; ');
  return badInput(message, {
    field: `${prefix}${problems[0]?.field ?? ''}`,
    problems: problems.map((p) => ({ field: `${prefix}${p.field}`, message: p.message })),
  });
}

/** Throws the problems as one BAD_USER_INPUT error, if there are any. */
export function assertNoProblems(problems: Problem[], prefix = ''): void {
  if (problems.length > 0) throw invalidInput(problems, prefix);
}

/** True for PostgreSQL's unique_violation, optionally on one constraint. */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  const pgError = (e as { driverError?: { code?: string; constraint?: string } }).driverError ?? e;
  const { code, constraint: violated } = pgError as { code?: string; constraint?: string };
  return code === '23505' && (constraint === undefined || violated === constraint);
}
