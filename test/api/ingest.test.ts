import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { sampleTableOf } from '@fleetlab/shared';
import { errorCode, startTestServer, type TestServer } from '../support/test-server.js';
import {
  createSecret,
  startCowExperiment,
  enrollHosts,
  type EnrolledHost,
} from '../support/fleet.js';
import { COW_EXPERIMENT, INGEST, OPT_IN, OPT_OUT } from '../support/operations.js';

const RECENT = `query($id: ID!) { host(id: $id) { recentSamples(first: 200) { id kind observedAt values { metric value } context } } }`;

let server: TestServer;
let hosts: EnrolledHost[];
let db: pg.Client;

const minutesAgo = (m: number): string => new Date(Date.now() - m * 60_000).toISOString();
let counter = 0;
function transaction(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    id: `tx-${counter}`,
    kind: 'package_transaction',
    observedAt: minutesAgo(10),
    values: [
      { metric: 'install_duration_ms', value: 1000 + counter },
      { metric: 'download_bytes', value: 4096 * counter },
    ],
    context: { action: 'install', packages: 3, tool: 'dnf4', toolVersion: '4.14.0' },
    ...overrides,
  };
}

type IngestAnswer = {
  accepted: number;
  duplicates: number;
  rejected: { id: string; code: string; reason: string }[];
};
async function ingest(
  host: EnrolledHost,
  samples: Record<string, unknown>[],
): Promise<IngestAnswer> {
  const result = await server.gql(INGEST, { batch: { samples } }, host.token);
  if (result.errors) throw new Error(result.errors[0]!.message);
  return result.data!.ingestSamples as IngestAnswer;
}
const storedCount = async (host: EnrolledHost): Promise<number> =>
  Number(
    (await db.query('SELECT count(*) AS n FROM sample WHERE host_id = $1', [host.id])).rows[0].n,
  );

beforeAll(async () => {
  server = await startTestServer();
  hosts = await enrollHosts(server, await createSecret(server), 4, () => ({ rootFsType: 'xfs' }));
  db = new pg.Client({ connectionString: server.db.url });
  await db.connect();
});
afterAll(async () => {
  await db.end();
  await server.close();
});

describe('ingestSamples', () => {
  it('stores a batch and reads it back', async () => {
    const host = hosts[0]!;
    const samples = [
      transaction(),
      transaction(),
      transaction({
        kind: 'disk_snapshot',
        values: [{ metric: 'disk_used_bytes', value: 5e9 }],
        context: null,
      }),
    ];
    expect(await ingest(host, samples)).toEqual({ accepted: 3, duplicates: 0, rejected: [] });
    const recent = (await server.gql(RECENT, { id: host.id })).data!.host.recentSamples;
    expect(recent.map((s: { id: string }) => s.id).sort()).toEqual(samples.map((s) => s.id).sort());
    expect(recent.find((s: { id: string }) => s.id === samples[0]!.id)).toMatchObject({
      kind: 'package_transaction',
      values: expect.arrayContaining([
        {
          metric: 'install_duration_ms',
          value: (samples[0]!.values as { value: number }[])[0]!.value,
        },
      ]),
      context: { action: 'install', packages: 3, tool: 'dnf4', toolVersion: '4.14.0' },
    });
  });

  it('rejects each bad sample with a reason, stores the rest, and nothing of the rejected ones', async () => {
    const host = hosts[1]!;
    const good = [transaction(), transaction()];
    const bad = [
      transaction({ values: [{ metric: 'no_such_metric', value: 1 }] }),
      transaction({ values: [{ metric: 'install_duration_ms', value: -1 }] }),
      transaction({ values: [{ metric: 'download_bytes', value: 2 ** 60 }] }),
      transaction({ values: [] }),
      transaction({ kind: 'nap' }),
      transaction({ observedAt: new Date(Date.now() + 3600_000).toISOString() }),
      transaction({ observedAt: '2020-01-01T00:00:00Z' }),
      transaction({ context: { action: 'in\u0000stall' } }),
      transaction({ id: 'has spaces' }),
    ];
    const answer = await ingest(host, [good[0]!, ...bad, good[1]!]);
    expect(answer.accepted).toBe(2);
    expect(answer.rejected.map((r) => r.code)).toEqual([
      'INVALID_VALUES',
      'INVALID_VALUES',
      'INVALID_VALUES',
      'INVALID_VALUES',
      'UNKNOWN_KIND',
      'IN_FUTURE',
      'TOO_OLD',
      'INVALID_CONTEXT',
      'INVALID_ID',
    ]);
    expect(answer.rejected[0]!.reason).toContain('no_such_metric');
    expect(answer.rejected[7]!.reason).toMatch(/NUL/);
    expect(await storedCount(host)).toBe(2);
    const rollups = await db.query('SELECT count(*) AS n FROM sample_receipt WHERE host_id = $1', [
      host.id,
    ]);
    expect(Number(rollups.rows[0].n)).toBe(2);
  });

  it('rejects context keys that every object inherits, and a NUL in a sample id, sample by sample', async () => {
    const host = hosts[2]!;
    const before = await storedCount(host);
    const answer = await ingest(host, [
      transaction({ context: { constructor: 'x' } }),
      transaction({ context: { toString: 'x' } }),
      transaction({ context: { hasOwnProperty: 'x', action: 'install' } }),
      transaction({ id: 'tx\u0000nul' }),
      transaction(),
    ]);
    expect(answer.accepted).toBe(1);
    expect(answer.rejected.map((r) => r.code)).toEqual([
      'INVALID_CONTEXT',
      'INVALID_CONTEXT',
      'INVALID_CONTEXT',
      'INVALID_ID',
    ]);
    expect(answer.rejected[0]!.reason).toMatch(/constructor is not a context key/);
    expect(await storedCount(host)).toBe(before + 1);
  });

  it('refuses values that are not numbers for the whole request, naming the path', async () => {
    const result = await server.gql(
      INGEST,
      {
        batch: {
          samples: [transaction({ values: [{ metric: 'install_duration_ms', value: 'NaN' }] })],
        },
      },
      hosts[1]!.token,
    );
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.message).toMatch(/value/);
  });

  it('rejects a day that does not exist, sample by sample, in both forms', async () => {
    const host = hosts[0]!;
    const year = new Date().getUTCFullYear();
    // February 30 and April 31 (V8's Date takes both, as March 2 and May 1), and an
    // hour no clock shows.
    const impossible = [`${year}-02-30T10:00:00Z`, `${year}-04-31`, `${year}-01-10T24:30:00Z`];
    const before = await storedCount(host);
    const answer = await ingest(host, [
      ...impossible.map((observedAt) => transaction({ observedAt })),
      transaction(),
    ]);
    expect(answer.accepted).toBe(1);
    expect(answer.rejected.map((r) => [r.code, r.reason])).toEqual(
      impossible.map((at) => ['INVALID_TIMESTAMP', expect.stringContaining(at)]),
    );
    expect(answer.rejected[0]!.reason).toMatch(/February .* 28 days/);

    const TABLE = `mutation($t: JSON!) { ingestSampleTable(table: $t) { accepted rejected { id code reason } } }`;
    const table = await server.gql(
      TABLE,
      {
        t: {
          metrics: ['install_duration_ms'],
          samples: [
            ['feb-30', 'package_transaction', impossible[0], 1500],
            ['as-number', 'package_transaction', Date.now(), 1500],
            ['fine-too', 'package_transaction', minutesAgo(5), 1500],
          ],
        },
      },
      host.token,
    );
    expect(table.data!.ingestSampleTable).toMatchObject({
      accepted: 1,
      rejected: [
        { id: 'feb-30', code: 'INVALID_TIMESTAMP' },
        { id: 'as-number', code: 'INVALID_TIMESTAMP' },
      ],
    });
    expect(await storedCount(host)).toBe(before + 2);
  });

  it('keeps RTL, zero-width and 4-byte characters, backslashes and quotes byte-exact', async () => {
    const host = hosts[2]!;
    const tools = ['dnf\u202e5\u202c\u200b😀 𝔡𝔫𝔣', 'C:\\dnf\\N "5" \\t\\\\'];
    const samples = tools.map((tool) => transaction({ context: { tool } }));
    expect((await ingest(host, samples)).accepted).toBe(2);
    const recent = (await server.gql(RECENT, { id: host.id })).data!.host.recentSamples;
    for (const [i, sample] of samples.entries()) {
      expect(recent.find((s: { id: string }) => s.id === sample.id).context.tool).toBe(tools[i]);
    }
  });

  it('stores a batch delivered twice once, and says how many were duplicates', async () => {
    const host = hosts[3]!;
    const batch = [transaction(), transaction(), transaction()];
    const before = await storedCount(host);
    expect(await ingest(host, batch)).toMatchObject({ accepted: 3, duplicates: 0 });
    expect(await ingest(host, batch)).toMatchObject({ accepted: 0, duplicates: 3 });
    // Keys in another order are the same sample.
    const reordered = batch.map((s) => ({ ...s, values: [...(s.values as unknown[])].reverse() }));
    expect(await ingest(host, reordered)).toMatchObject({ accepted: 0, duplicates: 3 });
    expect(await storedCount(host)).toBe(before + 3);
  });

  it('stores the same batch sent 50 times at once exactly once', async () => {
    const host = hosts[3]!;
    const batch = Array.from({ length: 20 }, () => transaction());
    const before = await storedCount(host);
    const answers = await Promise.all(Array.from({ length: 50 }, () => ingest(host, batch)));
    expect(answers.reduce((sum, a) => sum + a.accepted, 0)).toBe(20);
    for (const a of answers) {
      expect(a.accepted + a.duplicates).toBe(20);
      expect(a.rejected).toEqual([]);
    }
    expect(await storedCount(host)).toBe(before + 20);
  });

  it('rejects a reused id with other content as a conflict and keeps the stored sample', async () => {
    const host = hosts[0]!;
    const original = transaction();
    await ingest(host, [original]);
    const changed = { ...original, values: [{ metric: 'install_duration_ms', value: 1 }] };
    const moved = { ...original, observedAt: minutesAgo(30) };
    const answer = await ingest(host, [changed, moved]);
    expect(answer.rejected.map((r) => r.code)).toEqual(['CONFLICT', 'CONFLICT']);
    expect(answer.rejected[0]!.reason).toMatch(/different content/);
    const stored = await db.query(
      'SELECT metric_values FROM sample WHERE host_id = $1 AND sample_id = $2',
      [host.id, original.id],
    );
    expect(stored.rows).toEqual([
      {
        metric_values: Object.fromEntries(
          (original.values as { metric: string; value: number }[]).map((v) => [v.metric, v.value]),
        ),
      },
    ]);
    const inBatch = await ingest(host, [
      transaction({ id: 'twice' }),
      transaction({ id: 'twice' }),
    ]);
    expect(inBatch).toMatchObject({ accepted: 1, rejected: [{ id: 'twice', code: 'CONFLICT' }] });
  });

  it('takes the same batch as a table, and knows its samples for the same ones', async () => {
    const TABLE = `mutation($t: JSON!) { ingestSampleTable(table: $t) { accepted duplicates rejected { id code reason } } }`;
    const samples = [transaction(), transaction(), transaction()];
    const table = sampleTableOf(samples as unknown as Parameters<typeof sampleTableOf>[0]);
    const first = await server.gql(TABLE, { t: table }, hosts[3]!.token);
    expect(first.data!.ingestSampleTable).toEqual({ accepted: 3, duplicates: 0, rejected: [] });
    // The same samples sent as objects are resends: the fingerprint does not depend on the form.
    expect(await ingest(hosts[3]!, samples)).toMatchObject({ accepted: 0, duplicates: 3 });
    const recent = await server.gql(RECENT, { id: hosts[3]!.id });
    const stored = recent.data!.host.recentSamples as { id: string; values: unknown[] }[];
    expect(stored.filter((s) => samples.some((x) => x.id === s.id))).toHaveLength(3);

    const mixed = await server.gql(
      TABLE,
      {
        t: {
          metrics: ['install_duration_ms'],
          samples: [
            ['short-row', 'package_transaction'],
            ['nan', 'package_transaction', minutesAgo(5), 'fast'],
            ['fine', 'package_transaction', minutesAgo(5), 1500, { packages: 2 }],
          ],
        },
      },
      hosts[3]!.token,
    );
    expect(mixed.data!.ingestSampleTable).toMatchObject({
      accepted: 1,
      rejected: [
        { id: 'short-row', code: 'INVALID_ROW' },
        { id: 'nan', code: 'INVALID_VALUES' },
      ],
    });
    const bad = await server.gql(TABLE, { t: { metrics: 'x', samples: [] } }, hosts[3]!.token);
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.message).toBe('table.metrics must be a list of metric names');
  });

  it('refuses a batch over the sample limit and a body over the byte limit', async () => {
    const tooMany = await server.gql(
      INGEST,
      { batch: { samples: Array.from({ length: 1001 }, () => transaction()) } },
      hosts[0]!.token,
    );
    expect(errorCode(tooMany)).toBe('BAD_USER_INPUT');
    expect(tooMany.errors![0]!.message).toMatch(/at most 1000 samples/);
    const huge = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${hosts[0]!.token}` },
      body: JSON.stringify({
        query: INGEST,
        variables: { batch: { samples: [] } },
        padding: 'x'.repeat(3 * 1024 * 1024),
      }),
    });
    expect(huge.status).toBe(413);
  });

  it('refuses a missing or revoked host token and stores nothing', async () => {
    const sample = transaction();
    const missing = await server.gql(INGEST, { batch: { samples: [sample] } });
    expect(errorCode(missing)).toBe('UNAUTHENTICATED');
    const secret = await createSecret(server);
    const [first] = await enrollHosts(server, secret, 1, () => ({}));
    // Enrolling the same machine again (proven by its token) retires the first token.
    const again = await server.gql(
      `mutation($i: EnrollHostInput!) { enrollHost(input: $i) { token } }`,
      {
        i: {
          enrollSecret: secret,
          machineIdHash: (
            await db.query('SELECT machine_id_hash FROM host WHERE id = $1', [first!.id])
          ).rows[0].machine_id_hash,
          facts: {},
        },
      },
      first!.token,
    );
    expect(again.errors).toBeUndefined();
    const revoked = await server.gql(INGEST, { batch: { samples: [sample] } }, first!.token);
    expect(errorCode(revoked)).toBe('UNAUTHENTICATED');
    expect(
      (await db.query('SELECT count(*) AS n FROM sample WHERE sample_id = $1', [sample.id])).rows[0]
        .n,
    ).toBe('0');
  });
});

describe('rollups', () => {
  it('count each sample toward the experiments its host is in, before and after opting in', async () => {
    await startCowExperiment(server);
    const [host] = await enrollHosts(server, await createSecret(server), 1, () => ({
      rootFsType: 'btrfs',
    }));
    const arm = (await server.gql(OPT_IN, { slug: COW_EXPERIMENT.slug }, host!.token)).data!.optIn
      .arm.key as string;
    const samples = [
      transaction({
        observedAt: minutesAgo(24 * 60),
        values: [{ metric: 'install_duration_ms', value: 4000 }],
      }),
      transaction({
        observedAt: minutesAgo(-1),
        values: [{ metric: 'install_duration_ms', value: 1000 }],
      }),
      transaction({
        observedAt: minutesAgo(-2),
        values: [
          { metric: 'install_duration_ms', value: 3000 },
          { metric: 'download_bytes', value: 10 },
        ],
      }),
    ];
    expect((await ingest(host!, samples)).accepted).toBe(3);
    expect((await ingest(host!, samples)).duplicates).toBe(3);
    await server.folded();

    const rollups = await db.query(
      `SELECT r.metric, r.period, a.key AS arm, r.count::int, r.sum, r.sum_sq, r.min, r.max
         FROM host_metric_rollup r JOIN arm a ON a.id = r.arm_id WHERE r.host_id = $1 ORDER BY r.metric, r.period`,
      [host!.id],
    );
    expect(rollups.rows).toEqual([
      {
        metric: 'download_bytes',
        period: 'IN',
        arm,
        count: 1,
        sum: 10,
        sum_sq: 100,
        min: 10,
        max: 10,
      },
      {
        metric: 'install_duration_ms',
        period: 'IN',
        arm,
        count: 2,
        sum: 4000,
        sum_sq: 1e6 + 9e6,
        min: 1000,
        max: 3000,
      },
      {
        metric: 'install_duration_ms',
        period: 'PRE',
        arm,
        count: 1,
        sum: 4000,
        sum_sq: 16e6,
        min: 4000,
        max: 4000,
      },
    ]);
    const histogram = await db.query(
      `SELECT metric, sum(count)::int AS n FROM arm_metric_histogram h JOIN experiment x ON x.id = h.experiment_id
        WHERE x.slug = $1 GROUP BY metric ORDER BY metric`,
      [COW_EXPERIMENT.slug],
    );
    expect(histogram.rows).toEqual([
      { metric: 'download_bytes', n: 1 },
      { metric: 'install_duration_ms', n: 2 },
    ]);
  });

  it('fold the history a host reported before opting in into its PRE rollup', async () => {
    const [host] = await enrollHosts(server, await createSecret(server), 1, () => ({
      rootFsType: 'xfs',
    }));
    const history = [
      transaction({
        observedAt: minutesAgo(3 * 24 * 60),
        values: [{ metric: 'install_duration_ms', value: 2000 }],
      }),
      transaction({
        observedAt: minutesAgo(24 * 60),
        values: [{ metric: 'install_duration_ms', value: 4000 }],
      }),
      transaction({
        observedAt: minutesAgo(40 * 24 * 60),
        values: [{ metric: 'install_duration_ms', value: 9999 }],
      }),
    ];
    expect((await ingest(host!, history)).accepted).toBe(3);
    await server.gql(OPT_IN, { slug: COW_EXPERIMENT.slug }, host!.token);
    // Opting in again (or after an opt-out) must not count the history twice.
    await server.gql(OPT_IN, { slug: COW_EXPERIMENT.slug }, host!.token);
    await server.folded();
    const rollups = await db.query(
      `SELECT metric, period, count::int, sum, min, max FROM host_metric_rollup WHERE host_id = $1`,
      [host!.id],
    );
    // The 40-day-old sample is outside the 28-day look-back.
    expect(rollups.rows).toEqual([
      { metric: 'install_duration_ms', period: 'PRE', count: 2, sum: 6000, min: 2000, max: 4000 },
    ]);
  });

  it('keep nothing of a batch whose place in the fold queue cannot be written, its samples and receipts included', async () => {
    const [host] = await enrollHosts(server, await createSecret(server), 1, () => ({
      rootFsType: 'xfs',
    }));
    await server.gql(OPT_IN, { slug: COW_EXPERIMENT.slug }, host!.token);
    const samples = [transaction({ observedAt: minutesAgo(-1) }), transaction()];
    // The samples' COPY succeeds; the queue entry after it does not.
    await db.query(
      'ALTER TABLE fold_queue ADD CONSTRAINT refuse_all CHECK (cardinality(sample_ids) < 0) NOT VALID',
    );
    try {
      const refused = await server.gql(INGEST, { batch: { samples } }, host!.token);
      expect(errorCode(refused)).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await db.query('ALTER TABLE fold_queue DROP CONSTRAINT refuse_all');
    }
    expect(await storedCount(host!)).toBe(0);
    const left = await db.query(
      `SELECT count(*)::int AS receipts FROM sample_receipt WHERE host_id = $1`,
      [host!.id],
    );
    expect(left.rows[0]).toEqual({ receipts: 0 });
    // The same batch again is new, not a duplicate.
    expect(await ingest(host!, samples)).toMatchObject({ accepted: 2, duplicates: 0 });
    expect(await storedCount(host!)).toBe(2);
  });

  it('fold an acknowledged batch once, after a fold that failed, and a resend only for its new samples', async () => {
    const [host] = await enrollHosts(server, await createSecret(server), 1, () => ({
      rootFsType: 'xfs',
    }));
    await server.gql(OPT_IN, { slug: COW_EXPERIMENT.slug }, host!.token);
    await server.folded();
    const counted = async (): Promise<number | null> => {
      const result = await db.query(
        `SELECT sum(count)::int AS n FROM host_metric_rollup WHERE host_id = $1 AND metric = 'install_duration_ms'`,
        [host!.id],
      );
      return result.rows[0].n as number | null;
    };
    const samples = [transaction({ observedAt: minutesAgo(-1) }), transaction()];
    // Stored and acknowledged; the fold after it fails until the constraint goes.
    await db.query(
      'ALTER TABLE arm_metric_histogram ADD CONSTRAINT refuse_all CHECK (count < 0) NOT VALID',
    );
    try {
      expect(await ingest(host!, samples)).toMatchObject({ accepted: 2, duplicates: 0 });
      await expect(server.folded()).rejects.toThrow(/refuse_all/);
      expect(await counted()).toBeNull();
      const queued = await db.query(
        'SELECT count(*)::int AS n FROM fold_queue WHERE host_id = $1',
        [host!.id],
      );
      expect(queued.rows[0].n).toBe(1);
    } finally {
      await db.query('ALTER TABLE arm_metric_histogram DROP CONSTRAINT refuse_all');
    }
    await server.folded();
    expect(await counted()).toBe(2);
    await server.folded();
    expect(await counted()).toBe(2);

    // A batch of one resend and one new sample rolls up only the new one.
    const next = [samples[1]!, transaction({ observedAt: minutesAgo(-1) })];
    expect(await ingest(host!, next)).toMatchObject({ accepted: 1, duplicates: 1 });
    await server.folded();
    expect(await counted()).toBe(3);
  });

  it('count nothing observed while the host was out between two opt-ins, however late it arrives', async () => {
    const [host] = await enrollHosts(server, await createSecret(server), 1, () => ({
      rootFsType: 'xfs',
    }));
    await server.gql(OPT_IN, { slug: COW_EXPERIMENT.slug }, host!.token);
    await server.gql(OPT_OUT, { slug: COW_EXPERIMENT.slug, reason: 'maintenance' }, host!.token);
    await server.gql(OPT_IN, { slug: COW_EXPERIMENT.slug }, host!.token);
    // Backdated so that the times are hours apart: in from 3 h ago, out from 2 h to 1 h ago.
    const gaps = await db.query(
      `UPDATE enrollment_gap SET opted_out_at = now() - interval '2 hours', opted_in_at = now() - interval '1 hour'
        WHERE host_id = $1 RETURNING 1`,
      [host!.id],
    );
    expect(gaps.rowCount).toBe(1);
    await db.query(
      `UPDATE enrollment SET first_opted_in_at = now() - interval '3 hours', opted_in_at = now() - interval '1 hour'
        WHERE host_id = $1`,
      [host!.id],
    );
    const at = (minutes: number, value: number) =>
      transaction({
        observedAt: minutesAgo(minutes),
        values: [{ metric: 'install_duration_ms', value }],
      });
    // Before the gap, in it (sent late, from a spool), after it.
    expect((await ingest(host!, [at(150, 100), at(90, 5000), at(30, 300)])).accepted).toBe(3);
    await server.folded();
    const rollups = await db.query(
      `SELECT period, count::int, sum FROM host_metric_rollup WHERE host_id = $1 ORDER BY period`,
      [host!.id],
    );
    expect(rollups.rows).toEqual([{ period: 'IN', count: 2, sum: 400 }]);
    // Opting out and in again keeps both gaps.
    await server.gql(OPT_OUT, { slug: COW_EXPERIMENT.slug }, host!.token);
    await server.gql(OPT_IN, { slug: COW_EXPERIMENT.slug }, host!.token);
    const kept = await db.query(
      'SELECT count(*)::int AS n FROM enrollment_gap WHERE host_id = $1',
      [host!.id],
    );
    expect(kept.rows[0].n).toBe(2);
  });
});
