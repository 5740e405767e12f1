import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { deliver } from '../../agent/src/spool/deliver.js';
import { Spool } from '../../agent/src/spool/spool.js';
import { findFreePort } from '../../server/src/database/embedded-database.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { machineIdHash } from '../support/fleet.js';
import { buildServer } from '../support/server-build.js';

// TESTING.md 8: the server is killed (SIGKILL) while batches are in flight; the
// agent's spool resends, and the final count is exact.
const REPO = path.resolve(import.meta.dirname, '../..');
let db: TestDatabase;
let port: number;
let server: ChildProcess | undefined;
let work: string;

async function startServer(): Promise<void> {
  server = spawn(process.execPath, [path.join(REPO, 'server/dist/main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      PORT: String(port),
      FLEETLAB_DEMO: '0',
      NODE_ENV: 'test',
    },
    stdio: 'ignore',
  });
  for (let i = 0; i < 200; i++) {
    if (
      await fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the server did not start');
}

async function gql<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return ((await response.json()) as { data: T }).data;
}

beforeAll(async () => {
  // The server runs as its own process, from its build.
  await buildServer();
  db = await createTestDatabase();
  port = await findFreePort();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetlab-kill-'));
  await startServer();
}, 180_000);
afterAll(async () => {
  server?.kill('SIGKILL');
  await db.drop();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('a server killed mid-batch', () => {
  it('loses nothing and stores nothing twice: the spool resends what was not acknowledged', async () => {
    const { createEnrollSecret } = await gql<{ createEnrollSecret: { secret: string } }>(
      `mutation { createEnrollSecret(input: { name: "kill" }) { secret } }`,
      {},
    );
    const { enrollHost } = await gql<{ enrollHost: { token: string; host: { id: string } } }>(
      `mutation($i: EnrollHostInput!) { enrollHost(input: $i) { token host { id } } }`,
      {
        i: {
          enrollSecret: createEnrollSecret.secret,
          machineIdHash: machineIdHash('kill'),
          facts: {},
        },
      },
    );
    const spool = new Spool(path.join(work, 'spool'));
    const total = 6000;
    spool.add(
      Array.from({ length: total }, (_, i) => ({
        id: `kill-${i}`,
        kind: 'package_transaction',
        observedAt: new Date(Date.now() - 60_000 - i).toISOString(),
        values: [{ metric: 'install_duration_ms', value: 1000 + i }],
        context: { action: 'install', packages: 1, tool: 'dnf4' },
      })),
    );

    let retries = 0;
    const delivery = deliver(spool, {
      server: `http://127.0.0.1:${port}`,
      token: enrollHost.token,
      maxAttempts: 100,
      baseDelayMs: 50,
      maxDelayMs: 300,
      onRetry: () => void (retries += 1),
    });
    // Kill it once some batches are through and others are on the way, then restart it.
    while (spool.size() > total - 1500) await new Promise((resolve) => setTimeout(resolve, 5));
    server!.kill('SIGKILL');
    await new Promise((resolve) => server!.once('exit', resolve));
    await startServer();
    const result = await delivery;

    expect(retries).toBeGreaterThan(0);
    expect(result.rejected).toBe(0);
    expect(result.accepted + result.duplicates).toBe(total);
    expect(spool.size()).toBe(0);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const counts = await client.query(
        `SELECT count(*)::int AS samples, count(DISTINCT sample_id)::int AS ids FROM sample WHERE host_id = $1`,
        [enrollHost.host.id],
      );
      expect(counts.rows[0]).toEqual({ samples: total, ids: total });
    } finally {
      await client.end();
    }
  }, 180_000);
});

describe('a server stopped with SIGTERM', () => {
  it('finishes the requests in flight, then exits with 0', async () => {
    const { createEnrollSecret } = await gql<{ createEnrollSecret: { secret: string } }>(
      `mutation { createEnrollSecret(input: { name: "term" }) { secret } }`,
      {},
    );
    const { enrollHost } = await gql<{ enrollHost: { token: string; host: { id: string } } }>(
      `mutation($i: EnrollHostInput!) { enrollHost(input: $i) { token host { id } } }`,
      {
        i: {
          enrollSecret: createEnrollSecret.secret,
          machineIdHash: machineIdHash('term'),
          facts: {},
        },
      },
    );
    const batch = (b: number) => ({
      samples: Array.from({ length: 1000 }, (_, i) => ({
        id: `term-${b}-${i}`,
        kind: 'package_transaction',
        observedAt: new Date(Date.now() - 60_000).toISOString(),
        values: [{ metric: 'install_duration_ms', value: 1000 + i }],
      })),
    });
    const INGEST = `mutation($batch: SampleBatchInput!) { ingestSamples(batch: $batch) { accepted } }`;
    const exited = new Promise<number | null>((resolve) =>
      server!.once('exit', (code) => resolve(code)),
    );
    const inFlight = [0, 1, 2, 3].map((b) =>
      fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${enrollHost.token}`,
        },
        body: JSON.stringify({ query: INGEST, variables: { batch: batch(b) } }),
      }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { data?: { ingestSamples: { accepted: number } } },
      })),
    );
    // The requests are on their way (sent, being parsed or stored) when the signal comes.
    await new Promise((resolve) => setTimeout(resolve, 30));
    server!.kill('SIGTERM');
    const answers = await Promise.all(inFlight);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(answers.map((a) => a.body.data?.ingestSamples.accepted)).toEqual([
      1000, 1000, 1000, 1000,
    ]);
    await expect(exited).resolves.toBe(0);
    server = undefined;
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const counts = await client.query(
        `SELECT count(*)::int AS samples FROM sample WHERE host_id = $1`,
        [enrollHost.host.id],
      );
      expect(counts.rows[0]).toEqual({ samples: 4000 });
    } finally {
      await client.end();
    }
  }, 60_000);
});
