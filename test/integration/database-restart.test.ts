// TESTING.md 9: PostgreSQL restarted during ingestion. The server stays up, answers a
// retryable error (UNAVAILABLE with a retry delay) while the database is away,
// recovers by itself, and loses nothing it acknowledged: three agents deliver from
// their spools throughout, and the final count is exact.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';
import { deliver } from '../../agent/src/spool/deliver.js';
import { Spool } from '../../agent/src/spool/spool.js';
import { createApp, runMigrations } from '@fleetlab/server/bootstrap.js';
import { loadConfig } from '@fleetlab/server/config/app-config.js';
import {
  findFreePort,
  startEmbeddedDatabase,
  type EmbeddedDatabase,
  type EmbeddedDatabaseOptions,
} from '@fleetlab/server/database/embedded-database.js';
import { machineIdHash } from '../support/fleet.js';
import { postGraphQL } from '../support/test-server.js';

let work: string;
let options: EmbeddedDatabaseOptions;
let db: EmbeddedDatabase | undefined;
let app: NestExpressApplication;
let url: string;

const gql = (query: string, variables: Record<string, unknown> = {}, token?: string) =>
  postGraphQL(url, query, variables, token);

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetlab-pg-restart-'));
  fs.chmodSync(work, 0o755);
  // A PostgreSQL of its own, with normal durability, that the test stops and starts.
  options = {
    dataDir: path.join(work, 'pg'),
    port: await findFreePort(),
    database: 'fleetlab',
    persistent: true,
  };
  db = await startEmbeddedDatabase(options);
  await runMigrations(db.url);
  app = await createApp(
    loadConfig({ NODE_ENV: 'test', FLEETLAB_DEMO: '0', FLEETLAB_CLIENT_DIR: 'test/no-client' }),
    db.url,
  );
  await app.listen(0, '127.0.0.1');
  url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
}, 120_000);

afterAll(async () => {
  await app?.close();
  await db?.stop();
  fs.rmSync(work, { recursive: true, force: true });
}, 60_000);

describe('PostgreSQL restarted during ingestion', () => {
  it('keeps the server up, answers UNAVAILABLE meanwhile, recovers, and loses nothing', async () => {
    const secret = (
      await gql(`mutation { createEnrollSecret(input: { name: "restart" }) { secret } }`)
    ).data!.createEnrollSecret.secret as string;
    const hosts = await Promise.all(
      [0, 1, 2].map(async (i) => {
        const enrolled = await gql(
          `mutation($i: EnrollHostInput!) { enrollHost(input: $i) { token host { id } } }`,
          {
            i: {
              enrollSecret: secret,
              machineIdHash: machineIdHash(`restart-${i}-${work}`),
              facts: {},
            },
          },
        );
        return {
          id: enrolled.data!.enrollHost.host.id as string,
          token: enrolled.data!.enrollHost.token as string,
        };
      }),
    );
    const perHost = 4000;
    const spools = hosts.map((host, h) => {
      const spool = new Spool(path.join(work, `spool-${h}`));
      spool.add(
        Array.from({ length: perHost }, (_, i) => ({
          id: `restart-${h}-${i}`,
          kind: 'package_transaction',
          observedAt: new Date(Date.now() - 60_000 - i).toISOString(),
          values: [{ metric: 'install_duration_ms', value: 1000 + i }],
          context: { action: 'install', packages: 1, tool: 'dnf4' },
        })),
      );
      return spool;
    });
    let retries = 0;
    const codes = new Set<string>();
    const deliveries = hosts.map((host, h) =>
      deliver(spools[h]!, {
        server: url,
        token: host.token,
        maxAttempts: 100,
        baseDelayMs: 100,
        maxDelayMs: 1000,
        onRetry: (error) => {
          retries += 1;
          codes.add(error.code ?? 'none');
        },
      }),
    );

    // Stop the database once some batches are in and the rest are on their way.
    while (spools.reduce((n, s) => n + s.size(), 0) > hosts.length * perHost - 2500)
      await new Promise((resolve) => setTimeout(resolve, 5));
    await db!.stop();
    db = undefined;
    const during = await gql(`{ experiments { slug } }`);
    const health = await fetch(`${url}/health`);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    db = await startEmbeddedDatabase(options);
    const results = await Promise.all(deliveries);

    expect(during.errors?.[0]?.extensions).toMatchObject({
      code: 'UNAVAILABLE',
      retryAfterSeconds: 5,
    });
    expect(during.errors?.[0]?.message).toMatch(/database cannot be reached for a moment/);
    expect(during.status).toBe(503);
    expect(health.status).toBe(503);
    expect(retries).toBeGreaterThan(0);
    // Every refusal said "retry later", none was an internal error.
    expect([...codes]).toEqual(['UNAVAILABLE']);
    // Recovered by itself: the same app answers again.
    expect((await fetch(`${url}/health`)).status).toBe(200);
    for (const result of results) {
      expect(result.rejected).toBe(0);
      expect(result.accepted + result.duplicates).toBe(perHost);
    }
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const counts = await client.query(
        `SELECT host_id, count(*)::int AS samples, count(DISTINCT sample_id)::int AS ids
           FROM sample WHERE host_id = ANY($1::uuid[]) GROUP BY host_id`,
        [hosts.map((h) => h.id)],
      );
      expect(counts.rows.map((r) => [r.samples, r.ids])).toEqual(
        hosts.map(() => [perHost, perHost]),
      );
    } finally {
      await client.end();
    }
  }, 180_000);
});
