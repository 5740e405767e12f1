import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from '@fleetlab/server/bootstrap.js';
import { loadConfig } from '@fleetlab/server/config/app-config.js';
import { FolderService } from '@fleetlab/server/folding/folder.service.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; [key: string]: unknown } }[];
}

export interface TestServer {
  url: string;
  app: NestExpressApplication;
  db: TestDatabase;
  /** POSTs a GraphQL operation; `token` goes in as a Bearer host token. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- data is loose by default; tests assert on it instead of mirroring the schema
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GraphQLResponse<T>>;
  /** Folds every acknowledged sample and enrollment change into the rollups (what comparisons read). */
  folded(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real app over HTTP on a free port, on a database of its own, or on `shared`, as
 * another replica of the same deployment or the same server started again (closing it
 * then leaves the database).
 */
export async function startTestServer(
  env: Record<string, string> = {},
  shared?: TestDatabase,
): Promise<TestServer> {
  const db = shared ?? (await createTestDatabase());
  const config = loadConfig({
    NODE_ENV: 'test',
    FLEETLAB_DEMO: '0',
    FLEETLAB_CLIENT_DIR: 'test/no-client',
    // Tests send from one address far faster than any crowd of new hosts would;
    // rate-limits.test.ts sets its own limits.
    FLEETLAB_ANONYMOUS_REQUESTS_PER_MINUTE: '1000000',
    ...env,
  });
  const app = await createApp(config, db.url);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    url,
    app,
    db,
    gql: (query, variables, token) => postGraphQL(url, query, variables, token),
    folded: () => app.get(FolderService).foldNow(),
    async close() {
      await app.close();
      if (!shared) await db.drop();
    },
  };
}

/** POSTs a GraphQL operation to the server at `url`; `token` goes in as a Bearer token. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as TestServer.gql
export async function postGraphQL<T = Record<string, any>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  token?: string,
): Promise<GraphQLResponse<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: response.status, ...body };
}

/** The data of an answer that must have no error (its first error's message thrown). */
export function must<T>(response: GraphQLResponse<T>): T {
  if (response.errors) throw new Error(response.errors[0]!.message);
  return response.data!;
}

/** The `extensions.code` of the first error, for `expect(...).toBe('BAD_USER_INPUT')`. */
export function errorCode(response: GraphQLResponse): string | undefined {
  return response.errors?.[0]?.extensions?.code;
}
