// How a host talks to the server, real (the agent) or simulated: one GraphQL call, and
// which failures are worth trying again. It lives here because the agent depends on
// the simulator (for `fleetlab-agent simulate`), not the other way round, and shared/
// does no I/O.

/** A failed call to the server, with the server's code and whether trying again may help. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly retryable = false,
    /** How long the server asked us to wait, if it did. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

// Overload and outages; anything else (bad input, bad token) will not pass on a retry.
const RETRYABLE_CODES = new Set([
  'RATE_LIMITED',
  'UNAVAILABLE',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
]);
const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

function retryAfter(response: Response, extensions?: Record<string, unknown>): number | undefined {
  const fromBody = extensions?.retryAfterSeconds;
  if (typeof fromBody === 'number' && fromBody >= 0) return fromBody * 1000;
  const header = response.headers.get('retry-after');
  if (header && /^\d+$/.test(header.trim())) return Number(header) * 1000;
  return undefined;
}

/** The retryable error for a request that never got an answer (refused, reset, timed out). */
export function unreachable(url: URL, error: unknown): ApiError {
  const cause =
    (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
  return new ApiError(
    `Cannot reach the Fleetlab server at ${url.origin}: ${cause}`,
    'UNREACHABLE',
    true,
  );
}

/** POSTs one operation to `${server}/graphql`; throws ApiError with the server's message. */
export async function graphql<T>(
  server: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const url = new URL('/graphql', server);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw unreachable(url, error);
  }
  const body = (await response.json().catch(() => ({}))) as {
    data?: T;
    errors?: { message: string; extensions?: { code?: string } & Record<string, unknown> }[];
  };
  const error = body.errors?.[0];
  if (error) {
    const code = error.extensions?.code;
    const retryable =
      RETRYABLE_STATUS.has(response.status) || (code !== undefined && RETRYABLE_CODES.has(code));
    throw new ApiError(error.message, code, retryable, retryAfter(response, error.extensions));
  }
  if (!response.ok || !body.data) {
    throw new ApiError(
      `The server answered HTTP ${response.status}`,
      undefined,
      RETRYABLE_STATUS.has(response.status),
      retryAfter(response),
    );
  }
  return body.data;
}
