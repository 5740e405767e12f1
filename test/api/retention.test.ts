import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { SampleRetentionService } from '@fleetlab/server/telemetry/sample-retention.service.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { createSecret, enrollHosts } from '../support/fleet.js';
import { INGEST } from '../support/operations.js';

let server: TestServer;
let db: pg.Client;
const DAY_MS = 86_400_000;

beforeAll(async () => {
  server = await startTestServer({ FLEETLAB_RETENTION_DAYS: '30' });
  db = new pg.Client({ connectionString: server.db.url });
  await db.connect();
});
afterAll(async () => {
  await db.end();
  await server.close();
});

const count = async (table: string): Promise<number> =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
const partitions = async (): Promise<string[]> =>
  (
    await db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'sample'::regclass ORDER BY 1`,
    )
  ).rows.map((r) => r.name);

describe(SampleRetentionService.name, () => {
  it('keeps partitions from the retention horizon to two months ahead', async () => {
    const now = new Date();
    const names = await partitions();
    const month = (d: Date): string => `sample_p${d.toISOString().slice(0, 7).replace('-', '_')}`;
    expect(names).toContain(month(now));
    expect(names).toContain(month(new Date(now.getTime() + 60 * DAY_MS)));
    expect(names).toContain(month(new Date(now.getTime() - 30 * DAY_MS)));
  });

  it('drops whole months past retention and the receipts of their samples, nothing younger', async () => {
    const [host] = await enrollHosts(server, await createSecret(server), 1, () => ({}));
    const sample = {
      id: 'old-soon',
      kind: 'boot',
      observedAt: new Date(Date.now() - 60_000).toISOString(),
      values: [{ metric: 'boot_duration_ms', value: 12_000 }],
    };
    expect(
      (await server.gql(INGEST, { batch: { samples: [sample] } }, host!.token)).errors,
    ).toBeUndefined();
    const retention = server.app.get(SampleRetentionService);

    expect((await retention.maintain())!.dropped).toEqual([]);
    expect(await count('sample')).toBe(1);

    // Seen from 100 days on, this month is past the 30-day horizon.
    const later = (await retention.maintain(new Date(Date.now() + 100 * DAY_MS)))!;
    expect(later.dropped).toContain(`sample_p${sample.observedAt.slice(0, 7).replace('-', '_')}`);
    expect(later.receiptsPruned).toBe(1);
    expect(await count('sample')).toBe(0);
    expect(await count('sample_receipt')).toBe(0);

    // This month's partition is gone too: a batch for now cannot be written, and none of
    // it stays (its receipt was written before the samples failed).
    const fresh = { ...sample, id: 'no-partition', observedAt: new Date().toISOString() };
    const refused = await server.gql(INGEST, { batch: { samples: [fresh] } }, host!.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(await count('sample_receipt')).toBe(0);
    await retention.maintain();
    expect(
      (await server.gql(INGEST, { batch: { samples: [fresh] } }, host!.token)).data,
    ).toMatchObject({ ingestSamples: { accepted: 1 } });
  });

  it('merges the histogram shards of past days, keeping every count', async () => {
    const [{ id: experimentId }] = (
      await db.query<{ id: string }>('SELECT gen_random_uuid() AS id')
    ).rows as [{ id: string }];
    const arm = '00000000-0000-4000-8000-000000000001';
    await db.query(
      `INSERT INTO arm_metric_histogram (experiment_id, arm_id, metric, day, bucket, shard, count)
       VALUES ($1, $2, 'm', '2026-01-01', 7, 3, 5), ($1, $2, 'm', '2026-01-01', 7, 9, 2),
              ($1, $2, 'm', '2026-01-01', 7, 0, 1), ($1, $2, 'm', '2026-01-02', 8, 4, 4)`,
      [experimentId, arm],
    );
    const result = await server.app
      .get(SampleRetentionService)
      .maintain(new Date('2026-01-02T12:00:00Z'));
    expect(result!.histogramRowsCompacted).toBe(2);
    const rows = await db.query(
      `SELECT day::text, bucket, shard, count::int FROM arm_metric_histogram WHERE experiment_id = $1 ORDER BY day, shard`,
      [experimentId],
    );
    // 2026-01-01 is over: one row; 2026-01-02 is still being written: its shard stays.
    expect(rows.rows).toEqual([
      { day: '2026-01-01', bucket: 7, shard: 0, count: 8 },
      { day: '2026-01-02', bucket: 8, shard: 4, count: 4 },
    ]);
  });
});
