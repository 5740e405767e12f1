// A minimal GraphQL client over HTTP, as an agent or an operator script uses the API.
import { randomBytes } from 'node:crypto';

export interface GraphQLError {
  message: string;
  extensions?: { code?: string };
}

/**
 * The admin's API token of the benchmark servers (FLEETLAB_ADMIN_TOKEN): they run
 * with NODE_ENV=production, so people sign in with tokens.
 */
export const BENCH_ADMIN_TOKEN = `flp_bench${randomBytes(24).toString('hex')}`;

/** POSTs an operation (as the admin unless a token is given); throws on an HTTP error or any GraphQL error. */
export async function gql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  token: string = BENCH_ADMIN_TOKEN,
): Promise<T> {
  return postGraphQL<T>(url, JSON.stringify({ query, variables }), token);
}

/** POSTs a body already serialised (so that the client's JSON work is not timed). */
export async function postGraphQL<T>(url: string, body: string, token?: string): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body,
    signal: AbortSignal.timeout(300_000),
  });
  const text = await response.text();
  let parsed: { data?: T; errors?: GraphQLError[] };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    throw new Error(`HTTP ${response.status} from /graphql: ${text.slice(0, 300)}`);
  }
  if (parsed.errors?.length) {
    const first = parsed.errors[0]!;
    throw new Error(`GraphQL error (${first.extensions?.code ?? 'no code'}): ${first.message}`);
  }
  if (!response.ok || !parsed.data) {
    throw new Error(`HTTP ${response.status} from /graphql: ${text.slice(0, 300)}`);
  }
  return parsed.data;
}

/** Runs `work(i)` for i in [0, count), at most `concurrency` at once; stops at the first error. */
export async function forEachConcurrently(
  count: number,
  concurrency: number,
  work: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (!failed && next < count) {
        const i = next++;
        try {
          await work(i);
        } catch (error) {
          failed = true;
          throw error;
        }
      }
    }),
  );
}

/** Creates the change `experiment` belongs to and the experiment, and starts it (as the admin). */
export async function startRunningExperiment(
  url: string,
  experiment: { changeSlug: string; slug: string } & Record<string, unknown>,
): Promise<void> {
  await gql(url, `mutation($input: CreateChangeInput!) { createChange(input: $input) { slug } }`, {
    input: { slug: experiment.changeSlug, title: 'RPM copy-on-write' },
  });
  await gql(
    url,
    `mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { slug } }`,
    { input: experiment },
  );
  await gql(url, `mutation($slug: String!) { startExperiment(slug: $slug) { status } }`, {
    slug: experiment.slug,
  });
}
