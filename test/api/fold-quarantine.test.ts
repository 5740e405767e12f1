// What cannot be folded is set aside, never retried forever: one host's poison stops
// nothing for anyone else. Poison here is what bounds at ingest do not catch: a value
// written behind the API's back (a real underflow in the fold's SQL) and a failure
// injected by a trigger of this test's own.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { createSecret, enrollHosts, type EnrolledHost } from '../support/fleet.js';
import {
  COW_EXPERIMENT,
  CREATE_CHANGE,
  CREATE_EXPERIMENT,
  INGEST,
  OPT_IN,
  START,
} from '../support/operations.js';

const OTHER = {
  ...COW_EXPERIMENT,
  slug: 'cow-other',
  title: 'Another RPM CoW test',
  targeting: [],
};
const STATUS = `query($slug: String) {
  rollupStatus(experimentSlug: $slug) {
    pendingBatches quarantinedSamples quarantinedItems quarantineReasons { reason items samples }
  }
}`;
const LIST = `{ quarantinedFolds { id kind hostId hostname experimentSlug samples reason sqlState failures queuedAt } }`;
const RETRY = `mutation($ids: [ID!]!) { retryQuarantinedFolds(ids: $ids) }`;
const DROP = `mutation($ids: [ID!]!) { dropQuarantinedFolds(ids: $ids) }`;

let server: TestServer;
let db: pg.Client;
let hosts: EnrolledHost[];
let counter = 0;

function samples(count: number, value = 2_000): Record<string, unknown>[] {
  return Array.from({ length: count }, () => ({
    id: `q-${++counter}`,
    kind: 'package_transaction',
    observedAt: new Date(Date.now() - 60_000).toISOString(),
    values: [{ metric: 'install_duration_ms', value }],
    context: { action: 'install', packages: 3 },
  }));
}

async function send(host: EnrolledHost, batch: Record<string, unknown>[]) {
  const result = await server.gql(INGEST, { batch: { samples: batch } }, host.token);
  expect(result.errors).toBeUndefined();
  return result.data!.ingestSamples as {
    accepted: number;
    duplicates: number;
    rejected: unknown[];
  };
}

/** Folded install_duration_ms samples of a host (pre-period and in), per experiment slug. */
async function folded(host: EnrolledHost): Promise<Record<string, number>> {
  const rows = await db.query<{ slug: string; count: number }>(
    `SELECT x.slug, sum(r.count)::int AS count
       FROM host_metric_rollup r JOIN experiment x ON x.id = r.experiment_id
      WHERE r.host_id = $1 AND r.metric = 'install_duration_ms' GROUP BY x.slug`,
    [host.id],
  );
  return Object.fromEntries(rows.rows.map((r) => [r.slug, r.count]));
}

async function status(slug?: string) {
  const result = await server.gql(STATUS, { slug });
  expect(result.errors).toBeUndefined();
  return result.data!.rollupStatus as {
    pendingBatches: number;
    quarantinedSamples: number;
    quarantinedItems: number;
    quarantineReasons: { reason: string; items: number; samples: number }[];
  };
}

async function quarantined() {
  const result = await server.gql(LIST);
  expect(result.errors).toBeUndefined();
  return result.data!.quarantinedFolds as {
    id: string;
    kind: string;
    hostId: string;
    experimentSlug: string | null;
    samples: number;
    reason: string;
    sqlState: string | null;
    failures: number;
  }[];
}

/** Makes every fold of `host`'s rollups fail, as no value at ingest could. */
async function poison(host: EnrolledHost): Promise<void> {
  await db.query(`
    CREATE OR REPLACE FUNCTION test_poisoned_fold() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.host_id = '${host.id}' THEN RAISE EXCEPTION 'injected fold failure'; END IF;
      RETURN NEW;
    END $$`);
  await db.query(`
    CREATE OR REPLACE TRIGGER test_poisoned_fold BEFORE INSERT ON host_metric_rollup
    FOR EACH ROW EXECUTE FUNCTION test_poisoned_fold()`);
}

async function cure(): Promise<void> {
  await db.query('DROP TRIGGER IF EXISTS test_poisoned_fold ON host_metric_rollup');
}

beforeAll(async () => {
  server = await startTestServer();
  db = new pg.Client({ connectionString: server.db.url });
  await db.connect();
  await server.gql(CREATE_CHANGE, { input: { slug: 'rpm-cow', title: 'RPM CoW' } });
  for (const experiment of [{ ...COW_EXPERIMENT, targeting: [] }, OTHER]) {
    await server.gql(CREATE_EXPERIMENT, { input: experiment });
    await server.gql(START, { slug: experiment.slug });
  }
  hosts = await enrollHosts(server, await createSecret(server), 6, () => ({
    rootFsType: 'xfs',
    arch: 'x86_64',
  }));
  // hosts 0-2 in the first experiment, 3-5 in the other.
  for (const [i, host] of hosts.entries()) {
    const slug = i < 3 ? COW_EXPERIMENT.slug : OTHER.slug;
    expect((await server.gql(OPT_IN, { slug }, host.token)).errors).toBeUndefined();
  }
  await server.folded();
});

afterAll(async () => {
  await db.end();
  await server.close();
});

describe('plausible bounds at ingest', () => {
  it('refuses a value whose square underflows, naming the bound, and stores the rest', async () => {
    const [good] = samples(1);
    const [tiny] = samples(1, 1e-200);
    const result = await send(hosts[0]!, [good!, tiny!]);
    expect(result.accepted).toBe(1);
    expect(result.rejected).toEqual([
      {
        id: tiny!.id,
        code: 'INVALID_VALUES',
        reason: 'install_duration_ms must be 0 or at least 0.001 ms in size, got 1e-200',
      },
    ]);
    await server.folded();
    expect(await status()).toMatchObject({ quarantinedSamples: 0, quarantinedItems: 0 });
  });
});

describe('a batch the folder cannot fold', () => {
  it('is set aside with the database’s error, and folding goes on for every other host and experiment', async () => {
    const [poisoned, neighbour, elsewhere] = [hosts[1]!, hosts[2]!, hosts[4]!];
    const before = { neighbour: await folded(neighbour), elsewhere: await folded(elsewhere) };

    // A value the API refuses, written as a bulk load would: a real underflow in SQL.
    const [tiny] = samples(1, 1e-200);
    await db.query(
      `INSERT INTO sample (host_id, sample_id, kind, observed_at, metric_values, context)
       VALUES ($1, $2, 'package_transaction', $3, $4, '{}')`,
      [poisoned.id, tiny!.id, tiny!.observedAt, { install_duration_ms: 1e-200 }],
    );
    await db.query(
      `INSERT INTO fold_queue (host_id, sample_ids, observed_from, observed_to) VALUES ($1, $2, $3, $3)`,
      [poisoned.id, [tiny!.id], tiny!.observedAt],
    );
    await send(neighbour, samples(2));
    await send(elsewhere, samples(3));

    await server.folded(); // resolves: nothing is retried forever
    expect(await folded(neighbour)).toEqual({
      [COW_EXPERIMENT.slug]: (before.neighbour[COW_EXPERIMENT.slug] ?? 0) + 2,
    });
    expect(await folded(elsewhere)).toEqual({
      [OTHER.slug]: (before.elsewhere[OTHER.slug] ?? 0) + 3,
    });

    const [item] = await quarantined();
    expect(item).toMatchObject({
      kind: 'BATCH',
      hostId: poisoned.id,
      samples: 1,
      sqlState: '22003',
      failures: 3,
    });
    expect(item!.reason).toMatch(/underflow/);
    const all = await status();
    expect(all).toMatchObject({ pendingBatches: 0, quarantinedSamples: 1, quarantinedItems: 1 });
    expect(all.quarantineReasons).toEqual([{ reason: item!.reason, items: 1, samples: 1 }]);
    // Per experiment: the poisoned host is in the first one only.
    expect((await status(COW_EXPERIMENT.slug)).quarantinedSamples).toBe(1);
    expect((await status(OTHER.slug)).quarantinedSamples).toBe(0);

    // Dropped: its samples are gone for good, a resend is a duplicate.
    const dropped = await server.gql(DROP, { ids: [item!.id] });
    expect(dropped.data).toEqual({ dropQuarantinedFolds: 1 });
    const left = await db.query('SELECT 1 FROM sample WHERE host_id = $1 AND sample_id = $2', [
      poisoned.id,
      tiny!.id,
    ]);
    expect(left.rowCount).toBe(0);
    expect(await status()).toMatchObject({ quarantinedSamples: 0, quarantinedItems: 0 });
  });

  it('is folded when an admin retries it once the cause is gone; an enrollment that fails is set aside too', async () => {
    const [poisoned, neighbour] = [hosts[0]!, hosts[5]!];
    await server.folded();
    const before = await folded(poisoned);
    await poison(poisoned);
    try {
      await send(poisoned, samples(4));
      await send(neighbour, samples(1));
      await server.folded();
      // Opting in folds the host's history into the other experiment: that fails too,
      // while another host's opt-in folds (so the failure is the host's own).
      for (const joining of [poisoned, hosts[2]!])
        expect(
          (await server.gql(OPT_IN, { slug: OTHER.slug }, joining.token)).errors,
        ).toBeUndefined();
      await send(neighbour, samples(1));
      await server.folded();

      const items = await quarantined();
      expect(items.map((i) => [i.kind, i.hostId, i.experimentSlug, i.reason])).toEqual([
        ['ENROLLMENT', poisoned.id, OTHER.slug, 'injected fold failure'],
        ['BATCH', poisoned.id, null, 'injected fold failure'],
      ]);
      expect(items[1]!.samples).toBe(4);
      expect(await folded(poisoned)).toEqual(before);
      expect((await folded(neighbour))[OTHER.slug]).toBeGreaterThanOrEqual(2);
      expect(await status()).toMatchObject({ quarantinedItems: 2 });

      const refused = await server.gql(DROP, { ids: [items[0]!.id] });
      expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(refused.errors?.[0]?.message).toMatch(/is an enrollment: only batches/);

      await cure();
      const retried = await server.gql(RETRY, { ids: items.map((i) => i.id) });
      expect(retried.data).toEqual({ retryQuarantinedFolds: 2 });
      await server.folded();
      // The batch folds into both enrollments (in the other one, with the host's
      // earlier sample, as its pre-period), each sample once.
      expect(await folded(poisoned)).toEqual({
        [COW_EXPERIMENT.slug]: before[COW_EXPERIMENT.slug]! + 4,
        [OTHER.slug]: before[COW_EXPERIMENT.slug]! + 4,
      });
      expect(await status()).toMatchObject({ quarantinedSamples: 0, quarantinedItems: 0 });
    } finally {
      await cure();
    }
  });

  it('answers unknown ids with NOT_FOUND and changes nothing', async () => {
    const answer = await server.gql(RETRY, { ids: ['999999'] });
    expect(answer.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const malformed = await server.gql(RETRY, { ids: ['x'] });
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
