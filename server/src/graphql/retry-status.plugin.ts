import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../common/graphql-errors.js';

const STATUS: Record<string, number> = {
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.UNAVAILABLE]: 503,
};

/**
 * The HTTP status of an answer that did nothing because the server is busy, the
 * database away or the caller over its rate: 429 or 503 with Retry-After, so that
 * proxies, load balancers and plain HTTP clients see it too. An answer with any data
 * keeps 200: part of it worked. Pure.
 */
export function retryStatusOf(
  data: Record<string, unknown> | null | undefined,
  errors: readonly GraphQLFormattedError[] | undefined,
): { status: number; retryAfterSeconds: number | null } | null {
  if (!errors?.length) return null;
  if (data && Object.values(data).some((value) => value !== null)) return null;
  const error = errors.find(
    (e) => typeof e.extensions?.code === 'string' && STATUS[e.extensions.code],
  );
  if (!error) return null;
  const retry = error.extensions?.retryAfterSeconds;
  return {
    status: STATUS[error.extensions!.code as string]!,
    retryAfterSeconds: typeof retry === 'number' ? retry : null,
  };
}

export function retryStatusPlugin(): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        willSendResponse({ response }) {
          if (response.body.kind !== 'single') return Promise.resolve();
          const { data, errors } = response.body.singleResult;
          const retry = retryStatusOf(data, errors);
          if (retry) {
            response.http.status = retry.status;
            if (retry.retryAfterSeconds !== null)
              response.http.headers.set('retry-after', String(retry.retryAfterSeconds));
          }
          return Promise.resolve();
        },
      });
    },
  };
}
