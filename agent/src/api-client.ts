/** A GraphQL error from the server, with its stable code. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
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
    throw new ApiError(
      `Cannot reach the Fleetlab server at ${url.origin}: ${(error as Error).message}`,
      'UNREACHABLE',
    );
  }
  const body = (await response.json().catch(() => ({}))) as {
    data?: T;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  const error = body.errors?.[0];
  if (error) throw new ApiError(error.message, error.extensions?.code);
  if (!response.ok || !body.data)
    throw new ApiError(`The server answered HTTP ${response.status}`, undefined);
  return body.data;
}
