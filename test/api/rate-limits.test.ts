// Rate limits per host and per person (FLEETLAB_*_REQUESTS_PER_MINUTE): over the limit
// the answer is RATE_LIMITED with a retry delay, nothing is done, and other senders
// are not affected.
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { errorCode, startTestServer, type TestServer } from '../support/test-server.js';
import { machineIdHash } from '../support/fleet.js';
import { CREATE_SECRET, ENROLL } from '../support/operations.js';

const ADMIN = `flp_${randomBytes(24).toString('hex')}`;
const LIMIT = 5;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    FLEETLAB_AUTH: 'tokens',
    FLEETLAB_ADMIN_TOKEN: ADMIN,
    FLEETLAB_HOST_REQUESTS_PER_MINUTE: String(LIMIT),
    FLEETLAB_PERSON_REQUESTS_PER_MINUTE: String(LIMIT),
    FLEETLAB_ANONYMOUS_REQUESTS_PER_MINUTE: String(4 * LIMIT),
  });
});
afterAll(() => server.close());

async function enroll(secret: string): Promise<string> {
  const result = await server.gql(ENROLL, {
    input: { enrollSecret: secret, machineIdHash: machineIdHash(randomUUID()), facts: {} },
  });
  return result.data!.enrollHost.token as string;
}

describe('rate limits', () => {
  it('slow a host down with RATE_LIMITED and a retry delay, and leave other hosts alone', async () => {
    const secret = (await server.gql(CREATE_SECRET, { input: { name: 'rl' } }, ADMIN)).data!
      .createEnrollSecret.secret as string;
    const [busy, quiet] = [await enroll(secret), await enroll(secret)];
    const INGEST = `mutation($b: SampleBatchInput!) { ingestSamples(batch: $b) { accepted } }`;
    const batch = (id: string) => ({
      b: {
        samples: [
          {
            id,
            kind: 'boot',
            observedAt: new Date().toISOString(),
            values: [{ metric: 'boot_duration_ms', value: 12000 }],
          },
        ],
      },
    });
    for (let i = 0; i < LIMIT; i++)
      expect((await server.gql(INGEST, batch(`ok-${i}`), busy)).data?.ingestSamples.accepted).toBe(
        1,
      );
    const limited = await server.gql(INGEST, batch('too-many'), busy);
    expect(errorCode(limited)).toBe('RATE_LIMITED');
    expect(limited.status).toBe(429);
    expect(limited.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(limited.errors![0]!.message).toMatch(
      /Too many requests from this host; nothing was done\. Try again in \d+ s/,
    );
    expect((await server.gql(INGEST, batch('other'), quiet)).data?.ingestSamples.accepted).toBe(1);
    // Nothing of the refused batch was stored.
    const db = new pg.Client({ connectionString: server.db.url });
    await db.connect();
    try {
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM sample WHERE sample_id = 'too-many'`,
      );
      expect(rows[0]).toEqual({ n: 0 });
    } finally {
      await db.end();
    }
    const stored = await server.gql(`{ currentHost { id } }`, {}, quiet);
    expect(stored.errors).toBeUndefined();
  });

  it('slow a person down too, over GraphQL and downloads (429 with Retry-After)', async () => {
    // The admin already made one request above.
    let answer;
    do answer = await server.gql('{ experiments { slug } }', {}, ADMIN);
    while (!answer.errors);
    expect(errorCode(answer)).toBe('RATE_LIMITED');
    const download = await fetch(`${server.url}/reports/none.csv`, {
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(download.status).toBe(429);
    expect(Number(download.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('slow down requests without valid credentials by address: guessing tokens, enrolling', async () => {
    // Forged tokens: each refusal counts against the address.
    const answers = [];
    for (let i = 0; i < 4 * LIMIT + 1; i++)
      answers.push(
        errorCode(
          await server.gql(
            '{ experiments { slug } }',
            {},
            `flp_${randomBytes(32).toString('base64url')}`,
          ),
        ),
      );
    // (Enrolling above used some of this address's allowance.)
    const limitedFrom = answers.indexOf('RATE_LIMITED');
    expect(limitedFrom).toBeGreaterThan(0);
    expect(new Set(answers.slice(0, limitedFrom))).toEqual(new Set(['UNAUTHENTICATED']));
    // Public operations from the same address are slowed down too; health checks are not.
    expect(errorCode(await server.gql('{ metrics { key } }'))).toBe('RATE_LIMITED');
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });
});
