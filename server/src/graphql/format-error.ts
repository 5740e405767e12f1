import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../common/graphql-errors.js';
import { databaseUnavailable, isDatabaseUnavailable } from '../database/database-unavailable.js';

/**
 * Errors we raise on purpose carry a code and a message meant for people. Anything
 * else is a bug or an outage: the client gets a generic message, and in production
 * no stack trace.
 */
export function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (code && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      if (!production) return formatted;
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    if (isDatabaseUnavailable(error)) {
      const { message, extensions } = databaseUnavailable();
      return { message, locations: formatted.locations, path: formatted.path, extensions };
    }
    console.error(error);
    return {
      message: 'Internal server error; the server log has the details.',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
