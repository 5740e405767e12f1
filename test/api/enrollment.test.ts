import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { errorCode, startTestServer, type TestServer } from '../support/test-server.js';
import { createSecret, enrollHosts, machineIdHash, type EnrolledHost } from '../support/fleet.js';
import {
  COW_EXPERIMENT,
  CREATE_CHANGE,
  CREATE_EXPERIMENT,
  CREATE_SECRET,
  ENROLL,
  EXPERIMENT,
  OPT_IN,
  OPT_IN_HOSTS,
  OPT_OUT,
  OPT_OUT_HOSTS,
  PAUSE,
  SET_WEIGHTS,
  START,
} from '../support/operations.js';

let server: TestServer;
let secret: string;
const FS = ['xfs', 'btrfs', 'ext4', 'zfs'];
const factsOf = (i: number): Record<string, unknown> => ({
  arch: i % 5 === 0 ? 'aarch64' : 'x86_64',
  osId: 'centos',
  osVersion: i % 3 === 0 ? '10' : '9',
  rootFsType: FS[i % FS.length],
  reflink: i % 4 < 2,
  cpus: 2 ** (1 + (i % 6)),
  region: i % 2 ? 'eu-west' : 'us-east',
  labels: ['hyperscale', i % 7 === 0 ? 'canary' : 'web'],
});

beforeAll(async () => {
  server = await startTestServer();
  await server.gql(CREATE_CHANGE, { input: { slug: 'rpm-cow', title: 'RPM copy-on-write' } });
  secret = await createSecret(server);
});
afterAll(() => server.close());

async function runningExperiment(
  slug: string,
  override: Record<string, unknown> = {},
): Promise<void> {
  const created = await server.gql(CREATE_EXPERIMENT, {
    input: { ...COW_EXPERIMENT, slug, ...override },
  });
  if (created.errors) throw new Error(created.errors[0]!.message);
  await server.gql(START, { slug });
}

describe('enrollHost', () => {
  it('answers a host token once and stores only its hash', async () => {
    const result = await server.gql(ENROLL, {
      input: {
        enrollSecret: secret,
        machineIdHash: machineIdHash('solo'),
        hostname: 'solo',
        facts: factsOf(1),
      },
    });
    expect(result.errors).toBeUndefined();
    const { token, host } = result.data!.enrollHost;
    expect(token).toMatch(/^flh_/);
    const rows = await queryDb(`SELECT token_hash FROM host_token WHERE host_id = $1`, [host.id]);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
    const secrets = await queryDb(`SELECT * FROM enroll_secret`);
    expect(JSON.stringify(secrets)).not.toContain(secret);
  });

  it('keeps the same host when a machine enrolls again, and retires its old token', async () => {
    const input = {
      enrollSecret: secret,
      machineIdHash: machineIdHash('again'),
      facts: factsOf(2),
    };
    const first = (await server.gql(ENROLL, { input })).data!.enrollHost;
    // Its current token proves it is the same host (fleetlab-agent enroll sends it).
    const second = (
      await server.gql(
        ENROLL,
        { input: { ...input, facts: { ...factsOf(2), cpus: 128 } } },
        first.token,
      )
    ).data!.enrollHost;
    expect(second.host.id).toBe(first.host.id);
    expect(second.host.facts.cpus).toBe(128);
    const old = await server.gql('{ currentHost { id } }', {}, first.token);
    expect(errorCode(old)).toBe('UNAUTHENTICATED');
    expect(old.errors![0]!.message).toMatch(/revoked/);
    expect(
      (await server.gql('{ currentHost { id } }', {}, second.token)).data!.currentHost.id,
    ).toBe(first.host.id);
  });

  it('lets no one else enroll as a known machine: the machine id is no secret', async () => {
    const input = {
      enrollSecret: secret,
      machineIdHash: machineIdHash('victim'),
      facts: factsOf(4),
    };
    const victim = (await server.gql(ENROLL, { input })).data!.enrollHost;
    // Another host with the fleet's shared secret and the victim's (guessable) machine id.
    const impostor = await server.gql(ENROLL, { input: { ...input, hostname: 'impostor' } });
    expect(errorCode(impostor)).toBe('FORBIDDEN');
    expect(impostor.errors![0]!.extensions!.reason).toBe('MACHINE_ENROLLED');
    expect(impostor.errors![0]!.message).toMatch(
      /current host token.*secret an admin creates for this host/,
    );
    // Nothing changed: the victim's token still works, its hostname is its own.
    const still = await server.gql('{ currentHost { id hostname } }', {}, victim.token);
    expect(still.data!.currentHost).toEqual({ id: victim.host.id, hostname: null });
    // A stale token of another host proves nothing either.
    const other = (await enroll({})).data!.enrollHost;
    const withOther = await server.gql(ENROLL, { input }, other.token);
    expect(errorCode(withOther)).toBe('FORBIDDEN');

    // A machine that lost its token re-enrolls with a secret an admin made for that host.
    const forVictim = await createSecret(server, { name: 'victim-again', hostId: victim.host.id });
    const again = await server.gql(ENROLL, { input: { ...input, enrollSecret: forVictim } });
    expect(again.data!.enrollHost.host.id).toBe(victim.host.id);
  });

  it('lets no single-use secret take over another host: a secret for one host enrolls only its machine', async () => {
    const input = {
      enrollSecret: secret,
      machineIdHash: machineIdHash('target'),
      facts: factsOf(1),
    };
    const target = (await server.gql(ENROLL, { input })).data!.enrollHost;
    const hostname = async () =>
      (await server.gql('{ currentHost { hostname } }', {}, target.token)).data?.currentHost;

    // A general single-use secret enrolls new machines only.
    const oneTime = await createSecret(server, { name: 'one-time', singleUse: true });
    const takeover = await server.gql(ENROLL, {
      input: { ...input, enrollSecret: oneTime, hostname: 'attacker' },
    });
    expect(errorCode(takeover)).toBe('FORBIDDEN');
    expect(takeover.errors![0]!.extensions!.reason).toBe('MACHINE_ENROLLED');
    expect(await hostname()).toEqual({ hostname: null });

    // A secret made for another host enrolls neither this machine nor a new one.
    const otherMachine = machineIdHash('other-machine');
    const other = (await enroll({ machineIdHash: otherMachine })).data!.enrollHost;
    const forOther = await createSecret(server, { name: 'for-other', hostId: other.host.id });
    const wrongHost = await server.gql(ENROLL, {
      input: { ...input, enrollSecret: forOther, hostname: 'attacker' },
    });
    expect(errorCode(wrongHost)).toBe('FORBIDDEN');
    expect(wrongHost.errors![0]!.extensions!.reason).toBe('SECRET_FOR_OTHER_HOST');
    const newMachine = await enroll({ enrollSecret: forOther });
    expect(newMachine.errors![0]!.extensions!.reason).toBe('SECRET_FOR_OTHER_HOST');
    expect(await hostname()).toEqual({ hostname: null });

    // Refusals left both secrets unused: each still does what it was made for.
    expect((await enroll({ enrollSecret: oneTime })).errors).toBeUndefined();
    const otherAgain = await enroll({ enrollSecret: forOther, machineIdHash: otherMachine });
    expect(otherAgain.data!.enrollHost.host.id).toBe(other.host.id);
  });

  it('refuses a secret for a host that does not exist, or one meant for many uses', async () => {
    const missing = await server.gql(CREATE_SECRET, {
      input: { name: 'x', hostId: '00000000-0000-0000-0000-000000000000' },
    });
    expect(errorCode(missing)).toBe('BAD_USER_INPUT');
    expect(missing.errors![0]!.extensions!.field).toBe('hostId');
    const host = (await enroll({})).data!.enrollHost;
    const reusable = await server.gql(CREATE_SECRET, {
      input: { name: 'x', hostId: host.host.id, singleUse: false },
    });
    expect(errorCode(reusable)).toBe('BAD_USER_INPUT');
    const made = await server.gql(CREATE_SECRET, { input: { name: 'x', hostId: host.host.id } });
    expect(made.data!.createEnrollSecret.enrollSecret.singleUse).toBe(true);
  });

  const enroll = (input: Record<string, unknown>) =>
    server.gql(ENROLL, {
      input: {
        enrollSecret: secret,
        machineIdHash: machineIdHash(String(Math.random())),
        facts: factsOf(3),
        ...input,
      },
    });

  it.each([
    ['an unknown secret', { enrollSecret: 'fle_wrong' }, 'UNAUTHENTICATED', 'not recognised'],
    [
      'a machine id that is not a hex digest',
      { machineIdHash: 'my-laptop' },
      'BAD_USER_INPUT',
      'machineIdHash',
    ],
    ['facts of the wrong type', { facts: { cpus: 'many' } }, 'BAD_USER_INPUT', 'facts.cpus'],
    ['an unknown fact', { facts: { colour: 'red' } }, 'BAD_USER_INPUT', 'colour'],
    ['facts that are not an object', { facts: [1, 2] }, 'BAD_USER_INPUT', 'facts'],
  ])('refuses %s and stores no host', async (_what, input, code, mentions) => {
    const before = await hostCount();
    const result = await enroll(input);
    expect(errorCode(result)).toBe(code);
    expect(result.errors![0]!.message).toContain(mentions);
    expect(await hostCount()).toBe(before);
  });

  it('refuses expired, revoked and used single-use secrets, saying which', async () => {
    const expiring = await server.gql(CREATE_SECRET, {
      input: { name: 'soon', expiresAt: new Date(Date.now() + 1500).toISOString() },
    });
    const revoked = await server.gql(CREATE_SECRET, { input: { name: 'revoked' } });
    await server.gql(`mutation($id: ID!) { revokeEnrollSecret(id: $id) { active revokedAt } }`, {
      id: revoked.data!.createEnrollSecret.id,
    });
    const once = await createSecret(server, { name: 'once', singleUse: true });

    expect((await enroll({ enrollSecret: once })).errors).toBeUndefined();
    const reused = await enroll({ enrollSecret: once });
    expect(errorCode(reused)).toBe('UNAUTHENTICATED');
    expect(reused.errors![0]!.message).toMatch(/already used/);

    const rev = await enroll({ enrollSecret: revoked.data!.createEnrollSecret.secret });
    expect(errorCode(rev)).toBe('UNAUTHENTICATED');
    expect(rev.errors![0]!.message).toMatch(/revoked/);

    await new Promise((resolve) => setTimeout(resolve, 1600));
    const before = await hostCount();
    const expired = await enroll({ enrollSecret: expiring.data!.createEnrollSecret.secret });
    expect(errorCode(expired)).toBe('UNAUTHENTICATED');
    expect(expired.errors![0]!.message).toMatch(/expired/);
    expect(await hostCount()).toBe(before);

    const listed = (await server.gql('{ enrollSecrets { name active } }')).data!.enrollSecrets;
    expect(listed).toEqual(
      expect.arrayContaining([
        { name: 'soon', active: false },
        { name: 'revoked', active: false },
        { name: 'once', active: false },
      ]),
    );
  });
});

describe('single-use secrets under concurrency', () => {
  it('enroll exactly one of many hosts racing with the same secret', async () => {
    const once = await createSecret(server, { name: 'race', singleUse: true });
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        server.gql(ENROLL, {
          input: { enrollSecret: once, machineIdHash: machineIdHash(`race-${i}`), facts: {} },
        }),
      ),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => errorCode(r) === 'UNAUTHENTICATED')).toHaveLength(11);
  });
});

describe('host token', () => {
  it.each([
    ['missing', undefined, /needs a host token/],
    ['unknown', 'flh_forged', /not recognised/],
  ])('refuses a %s token with UNAUTHENTICATED', async (_what, token, message) => {
    await runningExperiment(`token-${_what}`);
    const result = await server.gql(OPT_IN, { slug: `token-${_what}` }, token);
    expect(errorCode(result)).toBe('UNAUTHENTICATED');
    expect(result.errors![0]!.message).toMatch(message);
  });
});

describe('opting in', () => {
  let hosts: EnrolledHost[];
  const SLUG = 'split';

  beforeAll(async () => {
    await runningExperiment(SLUG, { targeting: [] });
    hosts = await enrollHosts(server, secret, 1200, factsOf);
  }, 120_000);

  it('splits hosts by weight within random error, and re-opting gives the same arm', async () => {
    const arms = new Map<string, string>();
    const optIn = async (host: EnrolledHost): Promise<string> => {
      const result = await server.gql(OPT_IN, { slug: SLUG }, host.token);
      if (result.errors) throw new Error(result.errors[0]!.message);
      expect(result.data!.optIn.host.id).toBe(host.id);
      return result.data!.optIn.arm.key as string;
    };
    for (let i = 0; i < hosts.length; i += 50) {
      const batch = hosts.slice(i, i + 50);
      const keys = await Promise.all(batch.map(optIn));
      batch.forEach((h, j) => arms.set(h.id, keys[j]!));
    }
    const treatment = [...arms.values()].filter((k) => k === 'cow').length;
    // 50/50 over 1,200 hosts: one standard error is sqrt(1200 * 0.25) ~ 17.3 hosts. The
    // host ids are random, so is the split: beyond 6 standard errors chance alone goes
    // once in 500 million runs, where a broken split (say 1:99) goes far beyond.
    expect(Math.abs(treatment - 600)).toBeLessThan(6 * 17.3);

    for (const host of hosts.slice(0, 40)) expect(await optIn(host)).toBe(arms.get(host.id));

    await server.gql(SET_WEIGHTS, {
      slug: SLUG,
      weights: [
        { key: 'baseline', weight: 1 },
        { key: 'cow', weight: 99 },
      ],
    });
    for (const host of hosts.slice(0, 80)) expect(await optIn(host)).toBe(arms.get(host.id));
    await server.folded();
    const experiment = (await server.gql(EXPERIMENT, { slug: SLUG })).data!.experiment;
    expect(experiment.hostsOptedIn).toBe(1200);
    expect(experiment.arms.find((a: { key: string }) => a.key === 'cow').hosts).toBe(treatment);
    // 1,300 opt-ins, one at a time per experiment: over a minute on a busy machine.
  }, 240_000);

  it('keeps the arm through an opt-out and a new opt-in', async () => {
    const host = hosts[7]!;
    const before = (await server.gql(OPT_IN, { slug: SLUG }, host.token)).data!.optIn.arm.key;
    const out = await server.gql(OPT_OUT, { slug: SLUG, reason: 'maintenance window' }, host.token);
    expect(out.data!.optOut).toEqual({
      status: 'OPTED_OUT',
      optOutReason: 'maintenance window',
      arm: { key: before },
    });
    await server.folded();
    expect((await server.gql(EXPERIMENT, { slug: SLUG })).data!.experiment.hostsOptedOut).toBe(1);
    const back = await server.gql(OPT_IN, { slug: SLUG }, host.token);
    expect(back.data!.optIn).toMatchObject({ status: 'OPTED_IN', arm: { key: before } });
  });

  it('refuses a host outside the targeting, naming the rule, and enrolls nothing', async () => {
    await runningExperiment('cow-only', {
      targeting: [{ fact: 'rootFsType', op: 'IN', values: ['btrfs', 'xfs'] }],
    });
    const ext4 = hosts[2]!; // factsOf(2): ext4
    const result = await server.gql(OPT_IN, { slug: 'cow-only' }, ext4.token);
    expect(errorCode(result)).toBe('FORBIDDEN');
    expect(result.errors![0]!.message).toContain('rootFsType IN (btrfs, xfs)');
    expect(result.errors![0]!.extensions!.rule).toEqual({
      fact: 'rootFsType',
      op: 'IN',
      values: ['btrfs', 'xfs'],
    });
    await server.folded();
    expect((await server.gql(EXPERIMENT, { slug: 'cow-only' })).data!.experiment.hostsOptedIn).toBe(
      0,
    );

    const byIds = await server.gql(OPT_IN_HOSTS, {
      slug: 'cow-only',
      hostIds: [hosts[0]!.id, ext4.id],
    });
    expect(errorCode(byIds)).toBe('FORBIDDEN');
    await server.folded();
    expect((await server.gql(EXPERIMENT, { slug: 'cow-only' })).data!.experiment.hostsOptedIn).toBe(
      0,
    );
  });

  it('opts in by selector only the hosts that match both the selector and the targeting', async () => {
    const result = await server.gql(OPT_IN_HOSTS, {
      slug: 'cow-only',
      selector: { facts: [{ fact: 'arch', op: 'EQ', values: ['aarch64'] }] },
    });
    expect(result.errors).toBeUndefined();
    const expected = hosts.filter(
      (h) => h.facts.arch === 'aarch64' && ['btrfs', 'xfs'].includes(h.facts.rootFsType as string),
    );
    expect(result.data!.optInHosts).toHaveLength(expected.length);
    expect(
      new Set(result.data!.optInHosts.map((e: { host: { id: string } }) => e.host.id)),
    ).toEqual(new Set(expected.map((h) => h.id)));
  });

  it('opts hosts out by ids and by selector', async () => {
    const ids = hosts.slice(0, 3).map((h) => h.id);
    const out = await server.gql(OPT_OUT_HOSTS, {
      slug: SLUG,
      hostIds: ids,
      reason: 'decommissioned',
    });
    expect(out.data!.optOutHosts.map((e: { status: string }) => e.status)).toEqual([
      'OPTED_OUT',
      'OPTED_OUT',
      'OPTED_OUT',
    ]);
    const bySelector = await server.gql(OPT_OUT_HOSTS, {
      slug: SLUG,
      selector: { facts: [{ fact: 'labels', op: 'EQ', values: ['canary'] }] },
    });
    expect(bySelector.data!.optOutHosts.length).toBe(
      hosts.filter((h) => (h.facts.labels as string[]).includes('canary')).length,
    );
  });

  it.each([
    ['both ids and a selector', { hostIds: [], selector: {} }, 'BAD_USER_INPUT'],
    ['neither ids nor a selector', {}, 'BAD_USER_INPUT'],
    ['a malformed host id', { hostIds: ['42'] }, 'BAD_USER_INPUT'],
    ['an unknown host id', { hostIds: ['00000000-0000-4000-8000-000000000000'] }, 'NOT_FOUND'],
    [
      'an unknown fact in the selector',
      { selector: { facts: [{ fact: 'color', op: 'EQ', values: ['x'] }] } },
      'BAD_USER_INPUT',
    ],
  ])('refuses optInHosts with %s', async (_what, args, code) => {
    const result = await server.gql(OPT_IN_HOSTS, { slug: 'cow-only', ...args });
    expect(errorCode(result)).toBe(code);
  });

  it('refuses opt-out once the experiment is concluded, so its enrollments stay as concluded', async () => {
    await runningExperiment('final', { targeting: [] });
    await server.gql(OPT_IN, { slug: 'final' }, hosts[0]!.token);
    await server.gql(PAUSE, { slug: 'final' });
    await server.gql(`mutation { concludeExperiment(slug: "final") { status } }`);
    const out = await server.gql(OPT_OUT, { slug: 'final' }, hosts[0]!.token);
    expect(errorCode(out)).toBe('BAD_USER_INPUT');
    expect(out.errors![0]!.message).toContain('concluded');
    await server.folded();
    expect((await server.gql(EXPERIMENT, { slug: 'final' })).data!.experiment.hostsOptedIn).toBe(1);
  });

  it('refuses opt-in to an experiment that is not running', async () => {
    await server.gql(CREATE_EXPERIMENT, { input: { ...COW_EXPERIMENT, slug: 'drafty' } });
    const draft = await server.gql(OPT_IN, { slug: 'drafty' }, hosts[0]!.token);
    expect(errorCode(draft)).toBe('BAD_USER_INPUT');
    expect(draft.errors![0]!.message).toMatch(/draft.*running/);

    await runningExperiment('pausing', { targeting: [] });
    await server.gql(PAUSE, { slug: 'pausing' });
    const paused = await server.gql(OPT_IN_HOSTS, { slug: 'pausing', hostIds: [hosts[0]!.id] });
    expect(errorCode(paused)).toBe('BAD_USER_INPUT');
    await server.folded();
    expect((await server.gql(EXPERIMENT, { slug: 'pausing' })).data!.experiment.hostsOptedIn).toBe(
      0,
    );

    expect(
      errorCode(await server.gql(OPT_IN, { slug: 'no-such-experiment' }, hosts[0]!.token)),
    ).toBe('NOT_FOUND');
  });
});

async function hostCount(): Promise<number> {
  return (await server.gql('{ hosts(first: 1) { totalCount } }')).data!.hosts.totalCount as number;
}

async function queryDb(sql: string, params: unknown[] = []): Promise<unknown[]> {
  const pg = await import('pg');
  const client = new pg.default.Client({ connectionString: server.db.url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}
