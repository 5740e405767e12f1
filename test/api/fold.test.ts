import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { stackMatches } from '@fleetlab/shared';
import { FolderService } from '@fleetlab/server/folding/folder.service.js';
import { periodOf } from '@fleetlab/server/telemetry/sample-period.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { createSecret, enrollHosts, type EnrolledHost } from '../support/fleet.js';
import {
  COW_EXPERIMENT,
  CREATE_CHANGE,
  CREATE_EXPERIMENT,
  INGEST,
  OPT_IN,
  OPT_OUT,
  START,
} from '../support/operations.js';

const REPORT_FACTS = `mutation($facts: JSON!) { reportFacts(facts: $facts) { id } }`;

let server: TestServer;
let db: pg.Client;

/** A deterministic pseudo-random stream (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  server = await startTestServer();
  db = new pg.Client({ connectionString: server.db.url });
  await db.connect();
  await server.gql(CREATE_CHANGE, { input: { slug: 'rpm-cow', title: 'RPM CoW' } });
  await server.gql(CREATE_EXPERIMENT, { input: COW_EXPERIMENT });
  await server.gql(START, { slug: COW_EXPERIMENT.slug });
});
afterAll(async () => {
  await db.end();
  await server.close();
});

/** Every aggregate table's rows with anything in them, in key order, sums as exact text. */
async function aggregates(): Promise<Record<string, unknown[]>> {
  const tables: Record<string, string> = {
    enrollment_tally: 'experiment_id, arm_id, status, root_fs_type, arch, exposure, contaminated',
    arm_metric_moments: 'experiment_id, metric, segment, arm_id',
    arm_host_mean_histogram: 'experiment_id, metric, segment, arm_id, bucket',
    arm_metric_daily_moments: 'experiment_id, metric, segment, day, arm_id',
  };
  const result: Record<string, unknown[]> = {};
  for (const [table, keys] of Object.entries(tables)) {
    const rows = await db.query(
      `SELECT to_jsonb(t)::text AS row FROM ${table} t WHERE hosts <> 0 ORDER BY ${keys}`,
    );
    result[table] = rows.rows.map((r: { row: string }) => r.row);
  }
  return result;
}

/**
 * The per-host rollups computed here from the stored samples, enrollments and gaps,
 * by periodOf: what the folder must have folded, each sample once per enrollment.
 */
async function rollupsFromSamples(): Promise<Map<string, { count: number; sum: number }>> {
  const enrollments = await db.query(
    `SELECT e.experiment_id, e.host_id, e.first_opted_in_at, e.opted_out_at, e.status,
            coalesce((SELECT json_agg(json_build_array(g.opted_out_at, g.opted_in_at)) FROM enrollment_gap g
                       WHERE g.experiment_id = e.experiment_id AND g.host_id = e.host_id), '[]') AS gaps
       FROM enrollment e`,
  );
  const samples = await db.query('SELECT host_id, observed_at, metric_values FROM sample');
  const expected = new Map<string, { count: number; sum: number }>();
  for (const e of enrollments.rows) {
    const enrollment = {
      experimentId: e.experiment_id,
      armId: '',
      firstOptedInAt: e.first_opted_in_at,
      optedOutAt: e.opted_out_at,
      optedIn: e.status === 'OPTED_IN',
      gaps: (e.gaps as [string, string][]).map(([from, to]) => ({
        from: new Date(from),
        to: new Date(to),
      })),
    };
    for (const s of samples.rows.filter((row) => row.host_id === e.host_id)) {
      const period = periodOf(enrollment, s.observed_at);
      if (!period) continue;
      for (const [metric, value] of Object.entries(s.metric_values as Record<string, number>)) {
        const key = `${e.host_id}|${metric}|${period}`;
        const row = expected.get(key) ?? { count: 0, sum: 0 };
        row.count += 1;
        row.sum += value;
        expected.set(key, row);
      }
    }
  }
  return expected;
}

async function storedRollups(): Promise<Map<string, { count: number; sum: number }>> {
  const rows = await db.query(
    'SELECT host_id, metric, period, count::int, sum FROM host_metric_rollup',
  );
  return new Map(
    rows.rows.map((r) => [`${r.host_id}|${r.metric}|${r.period}`, { count: r.count, sum: r.sum }]),
  );
}

describe('the folder', () => {
  it('counts every sample once, and keeps every aggregate equal to a rebuild, through racing opt-ins, facts changes, opt-outs and late samples', async () => {
    const next = random(42);
    const filesystems = ['xfs', 'btrfs', 'ext4'];
    const hosts = await enrollHosts(server, await createSecret(server), 24, (i) => ({
      rootFsType: filesystems[i % 3],
      arch: i % 4 === 0 ? 'aarch64' : 'x86_64',
      packages: { rpm: i % 2 ? '4.16.1.3-34.el9' : '4.16.1.3-34.hs.el9' },
    }));
    let counter = 0;
    const batch = (hoursAgo: number[]) =>
      hoursAgo.map((h) => ({
        id: `s-${++counter}`,
        kind: 'package_transaction',
        observedAt: new Date(Date.now() - h * 3_600_000).toISOString(),
        values: [
          { metric: 'install_duration_ms', value: Math.round(1000 + 9000 * next()) },
          { metric: 'disk_used_delta_bytes', value: Math.round(1e6 * next()) },
        ],
        context: { action: 'install', packages: 1 + Math.floor(next() * 40) },
      }));
    const ingest = async (host: EnrolledHost, hoursAgo: number[]) => {
      const result = await server.gql(INGEST, { batch: { samples: batch(hoursAgo) } }, host.token);
      expect(result.errors).toBeUndefined();
    };
    const folder = server.app.get(FolderService);

    // History before anyone opts in: it becomes the pre-period at the first opt-in.
    for (const host of hosts) await ingest(host, [200, 100, 30]);
    // Opt-ins racing samples (some backdated into the pre-period) and folds.
    await Promise.all([
      ...hosts.map(async (host, i) => {
        if (i % 2) await ingest(host, [2, 50]);
        const answer = await server.gql(OPT_IN, { slug: COW_EXPERIMENT.slug }, host.token);
        expect(answer.errors).toBeUndefined();
        await ingest(host, [0.5, 60, 0.1]);
      }),
      folder.foldNow(),
      folder.foldNow(),
    ]);
    await server.folded();
    // Facts change: hosts move between root filesystems, arches and stacks.
    for (const host of hosts.slice(0, 8)) {
      const moved = await server.gql(
        REPORT_FACTS,
        {
          facts: {
            rootFsType: 'btrfs',
            arch: 'x86_64',
            packages: { rpm: '4.16.1.3-34.hs.el9' },
          },
        },
        host.token,
      );
      expect(moved.errors).toBeUndefined();
    }
    // Opt-outs and returns, with samples from before, during and after the gap.
    await Promise.all(
      hosts.slice(8, 14).map(async (host) => {
        await server.gql(OPT_OUT, { slug: COW_EXPERIMENT.slug, reason: 'test' }, host.token);
        await ingest(host, [0.01]);
        await server.gql(OPT_IN, { slug: COW_EXPERIMENT.slug }, host.token);
        await ingest(host, [0, 3]);
      }),
    );
    await server.folded();

    const expected = await rollupsFromSamples();
    const stored = await storedRollups();
    expect([...stored.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, row] of expected) {
      expect(stored.get(key)!.count).toBe(row.count);
      expect(stored.get(key)!.sum).toBeCloseTo(row.sum, 6);
    }

    const incremental = await aggregates();
    expect(incremental.arm_metric_moments!.length).toBeGreaterThan(0);
    await folder.rebuild();
    expect(await aggregates()).toEqual(incremental);

    const tally = await db.query(
      `SELECT root_fs_type, sum(hosts)::int AS n FROM enrollment_tally GROUP BY 1 ORDER BY 1`,
    );
    expect(tally.rows).toEqual([
      { root_fs_type: 'btrfs', n: 8 + 5 },
      { root_fs_type: 'ext4', n: 6 },
      { root_fs_type: 'xfs', n: 5 },
    ]);
  });

  it('tallies every enrollment again in a rebuild, as after a bulk load or a restore', async () => {
    const folder = server.app.get(FolderService);
    // Hosts whose facts leave out the arch or the packages, or name no known version.
    const sparse = await enrollHosts(
      server,
      await createSecret(server),
      3,
      (i) =>
        [
          { rootFsType: 'xfs' },
          { rootFsType: 'btrfs', arch: 'aarch64', packages: {} },
          { rootFsType: 'ext4', packages: { rpm: '4.16.1.3-1.el9' } },
        ][i]!,
    );
    for (const host of sparse) {
      const answer = await server.gql(OPT_IN, { slug: COW_EXPERIMENT.slug }, host.token);
      expect(answer.errors).toBeUndefined();
    }
    await server.folded();
    const tallies = `SELECT host_id, tally_pending, tally_status, tally_root_fs_type, tally_arch,
                            tally_exposure, tally_contaminated
                       FROM enrollment ORDER BY experiment_id, host_id`;
    const tallied = (await db.query(tallies)).rows;
    const incremental = await aggregates();
    expect(new Set(tallied.map((row) => row.tally_exposure))).toEqual(
      new Set(['EXPOSED', 'UNEXPOSED', 'UNKNOWN']),
    );

    // Enrollments a bulk load wrote untallied, and some tallied wrong.
    await db.query(
      `UPDATE enrollment SET tally_status = NULL, tally_root_fs_type = NULL, tally_arch = NULL,
                             tally_exposure = NULL, tally_contaminated = NULL
        WHERE host_id IN (SELECT host_id FROM enrollment ORDER BY host_id LIMIT 10)`,
    );
    await db.query(
      `UPDATE enrollment SET tally_root_fs_type = 'zfs', tally_exposure = 'UNKNOWN',
                             tally_contaminated = NOT tally_contaminated
        WHERE host_id IN (SELECT host_id FROM enrollment ORDER BY host_id OFFSET 10 LIMIT 10)`,
    );
    await folder.rebuild();
    expect((await db.query(tallies)).rows).toEqual(tallied);
    expect(await aggregates()).toEqual(incremental);
  });

  it('says how current the rollups are', async () => {
    await server.folded();
    const answer = await server.gql('{ rollupStatus { asOf lastFoldAt pendingBatches } }');
    expect(answer.data!.rollupStatus.pendingBatches).toBe(0);
    expect(Date.parse(answer.data!.rollupStatus.asOf)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('tells exposure in SQL as stackMatches does', async () => {
    const arms = [
      [],
      ['rpm-4.16.1.3-34.el9'],
      ['rpm-4.16.1.3-34.el9', 'python3-dnf-plugin-cow-0.1-2.hs.el9'],
      ['not a package'],
    ];
    const hostPackages: (Record<string, string> | undefined)[] = [
      undefined,
      {},
      { rpm: '4.16.1.3-34.el9' },
      { rpm: '4.16.1.3-34.hs.el9' },
      { rpm: '0:4.16.1.3-34.el9' },
      { 'python3-dnf-plugin-cow': '0.1-2.hs.el9' },
      { rpm: '4.16.1.3-34.el9', 'python3-dnf-plugin-cow': '0.1-2.hs.el9' },
    ];
    for (const arm of arms) {
      for (const packages of hostPackages) {
        const result = await db.query('SELECT fleetlab_stack_matches($1::text[], $2::jsonb) AS m', [
          arm,
          packages === undefined ? null : JSON.stringify(packages),
        ]);
        expect([arm, packages, result.rows[0].m]).toEqual([
          arm,
          packages,
          stackMatches(arm, packages) ?? null,
        ]);
      }
    }
  });
});
