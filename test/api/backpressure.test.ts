import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createSecret, enrollHosts, type EnrolledHost } from '../support/fleet.js';
import { INGEST } from '../support/operations.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

// A server that may store one batch at a time and keep none waiting turns the rest
// away at once with UNAVAILABLE and a retry delay; resending them later stores every
// sample exactly once.
let server: TestServer;
let hosts: EnrolledHost[];

beforeAll(async () => {
  server = await startTestServer({ FLEETLAB_INGEST_CONCURRENCY: '1', FLEETLAB_INGEST_QUEUE: '0' });
  hosts = await enrollHosts(server, await createSecret(server), 12, () => ({ rootFsType: 'xfs' }));
});
afterAll(() => server.close());

interface Answer {
  data?: { ingestSamples: { accepted: number } } | null;
  errors?: { message: string; extensions: Record<string, unknown> }[];
  status?: number;
  retryAfter?: string | null;
}
const busy = (answer: Answer): boolean => answer.errors?.[0]?.extensions.code === 'UNAVAILABLE';

const batchOf = (host: number) => ({
  samples: Array.from({ length: 200 }, (_, i) => ({
    id: `bp-${host}-${i}`,
    kind: 'package_transaction',
    observedAt: new Date(Date.now() - 60_000).toISOString(),
    values: [{ metric: 'install_duration_ms', value: 1000 + i }],
    context: { packages: 3 },
  })),
});

async function post(host: number): Promise<Answer> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${hosts[host]!.token}` },
    body: JSON.stringify({ query: INGEST, variables: { batch: batchOf(host) } }),
  });
  const answer = (await response.json()) as Answer;
  return Object.assign(answer, {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
  });
}

describe('ingest backpressure', () => {
  it('turns batches away with a retry delay when saturated, and loses nothing on resend', async () => {
    const first = await Promise.all(hosts.map((_, i) => post(i)));
    const turnedAway = first.flatMap((answer, i) => (busy(answer) ? [i] : []));
    expect(turnedAway.length).toBeGreaterThan(0);
    const refused = first[turnedAway[0]!]!;
    const retryAfterSeconds = refused.errors![0]!.extensions.retryAfterSeconds as number;
    // Spread over 1 to 5 s, so that the agents turned away together come back apart.
    expect(retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(retryAfterSeconds).toBeLessThanOrEqual(5);
    expect(refused.errors![0]!.message).toMatch(/nothing of this one was stored/);
    // Proxies and plain HTTP clients see it too.
    expect([refused.status, refused.retryAfter]).toEqual([503, String(retryAfterSeconds)]);
    for (const answer of first.filter((a) => !busy(a)))
      expect(answer.data!.ingestSamples.accepted).toBe(200);

    // What the agent does: wait as asked, send again, until every batch is in.
    let pending = turnedAway;
    for (let round = 0; round < 20 && pending.length > 0; round++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const again = await Promise.all(pending.map(async (i) => [i, await post(i)] as const));
      pending = again.filter(([, answer]) => busy(answer)).map(([i]) => i);
    }
    expect(pending).toEqual([]);

    const db = new pg.Client({ connectionString: server.db.url });
    await db.connect();
    try {
      const { rows } = await db.query<{ n: string; distinct_ids: string }>(
        `SELECT count(*) AS n, count(DISTINCT (host_id, sample_id)) AS distinct_ids FROM sample`,
      );
      expect(rows[0]).toEqual({ n: String(12 * 200), distinct_ids: String(12 * 200) });
    } finally {
      await db.end();
    }
  });

  it('says nothing of the gate to a batch that is turned away for its content', async () => {
    const response = await server.gql(INGEST, { batch: { samples: [] } }, hosts[0]!.token);
    expect(response.status).toBe(200);
    expect(response.data!.ingestSamples).toEqual({ accepted: 0, duplicates: 0, rejected: [] });
  });
});
