import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../common/graphql-errors.js';
import { logUnexpectedError } from '../common/log-unexpected-error.js';
import {
  databaseUnavailable,
  isDatabaseUnavailable,
  isUnstorableValue,
  unstorableValue,
} from '../database/database-unavailable.js';

/**
 * Errors we raise on purpose carry a code and a message meant for people. Anything
 * else is a bug or an outage: the client gets a generic message, and in production
 * no stack trace.
 */
export function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // A value written in the query that its scalar refused (a DateTime of February 30)
    // is bad input, as the same value sent as a variable is, not a malformed query.
    const code = refusedByScalar(error) ? ErrorCode.BAD_USER_INPUT : formatted.extensions?.code;
    if (code && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      const { stacktrace, ...extensions } = formatted.extensions ?? {};
      return {
        ...formatted,
        extensions: { ...extensions, ...(production ? {} : { stacktrace }), code },
      };
    }
    if (isRefusedRequest(error)) {
      // Apollo refuses some requests with a 400 but no code (a persisted query whose
      // hash does not match it): a bad request, not a failure of ours.
      return { message: formatted.message, extensions: { code: 'BAD_REQUEST' } };
    }
    if (isDatabaseUnavailable(error)) {
      const { message, extensions } = databaseUnavailable();
      return { message, locations: formatted.locations, path: formatted.path, extensions };
    }
    if (isUnstorableValue(error)) {
      const { message, extensions } = unstorableValue();
      return { message, locations: formatted.locations, path: formatted.path, extensions };
    }
    logUnexpectedError((error as { originalError?: unknown } | null)?.originalError ?? error);
    return {
      message: 'Internal server error; the server log has the details.',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

function isRefusedRequest(error: unknown): boolean {
  if (!(error instanceof Error) || error.name !== 'GraphQLError') return false;
  const { originalError, extensions } = error as GraphQLError;
  const http = extensions?.http as { status?: unknown } | undefined;
  return !originalError && http?.status === 400;
}

function refusedByScalar(error: unknown): boolean {
  if (!(error instanceof Error) || error.name !== 'ValidationError') return false;
  const original = (error as GraphQLError).originalError as GraphQLError | undefined;
  return original?.extensions?.code === ErrorCode.BAD_USER_INPUT;
}
