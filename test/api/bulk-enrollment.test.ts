import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { assignArm, bucketOf, BUCKET_SQL } from '@fleetlab/shared';
import { errorCode, startTestServer, type TestServer } from '../support/test-server.js';
import { createSecret, enrollHosts, type EnrolledHost } from '../support/fleet.js';
import { CREATE_CHANGE, CREATE_EXPERIMENT, EXPERIMENT, START } from '../support/operations.js';

// Opting in or out every host a selector matches, in SQL, whatever their number: the
// same hosts and arms as one opt-in at a time would give.
const OPT_IN_MATCHING = `mutation($slug: String!, $selector: HostFilterInput!) {
  optInMatching(experimentSlug: $slug, selector: $selector) { matched changed unchanged notTargeted }
}`;
const OPT_OUT_MATCHING = `mutation($slug: String!, $selector: HostFilterInput!, $reason: String) {
  optOutMatching(experimentSlug: $slug, selector: $selector, reason: $reason) { matched changed unchanged notTargeted }
}`;
const ARMS = [
  { key: 'baseline', weight: 3, baseline: true },
  { key: 'cow', weight: 2, baseline: false },
  { key: 'cow-plus', weight: 1, baseline: false },
];

let server: TestServer;
let db: pg.Client;
let hosts: EnrolledHost[];

beforeAll(async () => {
  server = await startTestServer();
  db = new pg.Client({ connectionString: server.db.url });
  await db.connect();
  await server.gql(CREATE_CHANGE, { input: { slug: 'rpm-cow', title: 'RPM CoW' } });
  const created = await server.gql(CREATE_EXPERIMENT, {
    input: {
      changeSlug: 'rpm-cow',
      slug: 'bulk',
      title: 'Bulk',
      arms: ARMS,
      targeting: [{ fact: 'rootFsType', op: 'IN', values: ['btrfs', 'xfs'] }],
      metrics: [{ metric: 'install_duration_ms', role: 'PRIMARY', margin: 0.02 }],
    },
  });
  expect(created.errors).toBeUndefined();
  await server.gql(START, { slug: 'bulk' });
  hosts = await enrollHosts(server, await createSecret(server), 300, (i) => ({
    rootFsType: ['xfs', 'btrfs', 'ext4'][i % 3],
    arch: i % 5 === 0 ? 'aarch64' : 'x86_64',
    region: i % 2 ? 'eu-west' : 'us-east',
  }));
}, 120_000);
afterAll(async () => {
  await db.end();
  await server.close();
});

async function arms(): Promise<Map<string, { arm: string; status: string }>> {
  const rows = await db.query(
    `SELECT e.host_id, a.key, e.status FROM enrollment e JOIN arm a ON a.id = e.arm_id
      JOIN experiment x ON x.id = e.experiment_id WHERE x.slug = 'bulk'`,
  );
  return new Map(rows.rows.map((r) => [r.host_id, { arm: r.key, status: r.status }]));
}

describe('bulk enrollment', () => {
  it('computes the bucket in SQL as bucketOf does', async () => {
    const salts = ['a', 'salt-with-ünïcode', '0123456789abcdef'];
    for (const salt of salts) {
      const ids = hosts.slice(0, 100).map((h) => h.id);
      const rows = await db.query(
        `SELECT id::text AS id, ${BUCKET_SQL('$1::text', 'id')} AS bucket FROM unnest($2::uuid[]) AS id`,
        [salt, ids],
      );
      for (const row of rows.rows) expect(row.bucket).toBe(bucketOf(salt, row.id));
    }
  });

  it('opts in every matching host the targeting admits, in the arm its bucket gives', async () => {
    const selector = { facts: [{ fact: 'region', op: 'EQ', values: ['eu-west'] }] };
    const answer = await server.gql(OPT_IN_MATCHING, { slug: 'bulk', selector });
    expect(answer.errors).toBeUndefined();
    const inEu = hosts.filter((h) => h.facts.region === 'eu-west');
    const targeted = inEu.filter((h) => h.facts.rootFsType !== 'ext4');
    expect(answer.data!.optInMatching).toEqual({
      matched: inEu.length,
      changed: targeted.length,
      unchanged: 0,
      notTargeted: inEu.length - targeted.length,
    });
    const { salt } = (await db.query(`SELECT salt FROM experiment WHERE slug = 'bulk'`)).rows[0];
    const stored = await arms();
    expect(stored.size).toBe(targeted.length);
    for (const host of targeted) {
      expect(stored.get(host.id)).toEqual({
        arm: assignArm(salt, host.id, ARMS),
        status: 'OPTED_IN',
      });
    }

    const again = await server.gql(OPT_IN_MATCHING, { slug: 'bulk', selector });
    expect(again.data!.optInMatching).toMatchObject({ changed: 0, unchanged: targeted.length });
    await server.folded();
    const experiment = (await server.gql(EXPERIMENT, { slug: 'bulk' })).data!.experiment;
    expect(experiment.hostsOptedIn).toBe(targeted.length);
  });

  it('opts matching hosts out, and back in to the same arm with the time out kept as a gap', async () => {
    const before = await arms();
    const selector = { facts: [{ fact: 'arch', op: 'EQ', values: ['aarch64'] }] };
    const enrolledArm = hosts.filter((h) => h.facts.arch === 'aarch64' && before.has(h.id));
    const out = await server.gql(OPT_OUT_MATCHING, { slug: 'bulk', selector, reason: 'kernel' });
    expect(out.data!.optOutMatching).toEqual({
      matched: hosts.filter((h) => h.facts.arch === 'aarch64').length,
      changed: enrolledArm.length,
      unchanged: hosts.filter((h) => h.facts.arch === 'aarch64').length - enrolledArm.length,
      notTargeted: 0,
    });
    const back = await server.gql(OPT_IN_MATCHING, { slug: 'bulk', selector });
    expect(back.errors).toBeUndefined();
    const after = await arms();
    for (const host of enrolledArm) expect(after.get(host.id)).toEqual(before.get(host.id));
    const gaps = await db.query('SELECT count(*)::int AS n FROM enrollment_gap');
    expect(gaps.rows[0].n).toBe(enrolledArm.length);
    await server.folded();
    const tally = await db.query(
      `SELECT sum(hosts)::int AS n FROM enrollment_tally t JOIN experiment x ON x.id = t.experiment_id
        WHERE x.slug = 'bulk' AND t.status = 'OPTED_IN'`,
    );
    expect(tally.rows[0].n).toBe([...after.values()].filter((e) => e.status === 'OPTED_IN').length);
  });

  it('refuses a bad selector or an experiment that is not running, and changes nothing', async () => {
    const before = await arms();
    const unknown = await server.gql(OPT_IN_MATCHING, {
      slug: 'bulk',
      selector: { facts: [{ fact: 'color', op: 'EQ', values: ['x'] }] },
    });
    expect(errorCode(unknown)).toBe('BAD_USER_INPUT');
    const missing = await server.gql(OPT_IN_MATCHING, { slug: 'no-such', selector: {} });
    expect(errorCode(missing)).toBe('NOT_FOUND');
    expect(await arms()).toEqual(before);
  });
});
