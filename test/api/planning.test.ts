import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { boundaryMultiplier, mixingRho2, type SampleInput } from '@fleetlab/shared';
import { createSecret, enrollHosts, type EnrolledHost } from '../support/fleet.js';
import {
  CREATE_CHANGE,
  CREATE_EXPERIMENT,
  INGEST,
  OPT_IN_HOSTS,
  START,
} from '../support/operations.js';
import { errorCode, startTestServer, type TestServer } from '../support/test-server.js';

// Planning through the API over a fleet whose history has a known spread: on btrfs
// hosts install times whose host means have a coefficient of variation of exactly 0.4,
// on ext4 hosts 0.8; nobody has reported downloads. The plan must read that spread
// back and answer the hosts per arm of the formula in docs/statistics.md.

const PER_FS = 150;
const DAY_MS = 86_400_000;
const CV = { btrfs: 0.4, ext4: 0.5 };
// z for 80% power, and the sequence's width at its own plan (tuned for itself).
const Z80 = 0.8416212335729143;
const C_AT_PLAN = boundaryMultiplier(1000, mixingRho2(1000));

/** Host means with exactly the CV asked: 1000 · (1 + cv · u) with u of mean 0 and sd 1. */
function hostMeans(n: number, cv: number): number[] {
  const raw = Array.from({ length: n }, (_, i) => i - (n - 1) / 2);
  const sd = Math.sqrt(raw.reduce((s, x) => s + x * x, 0) / (n - 1));
  return raw.map((x) => 1000 * (1 + (cv * x) / sd));
}

let server: TestServer;
let btrfs: EnrolledHost[];

beforeAll(async () => {
  server = await startTestServer();
  const secret = await createSecret(server);
  const facts = (rootFsType: string) => () => ({
    osId: 'centos',
    osVersion: '9',
    arch: 'x86_64',
    rootFsType,
  });
  btrfs = await enrollHosts(server, secret, PER_FS, facts('btrfs'));
  const ext4 = await enrollHosts(server, secret, PER_FS, facts('ext4'));
  const report = async (hosts: EnrolledHost[], cv: number) => {
    const means = hostMeans(hosts.length, cv);
    // A few at a time: the ingest gate answers "slow down" to a crowd.
    for (let from = 0; from < hosts.length; from += 8) {
      await Promise.all(
        hosts.slice(from, from + 8).map(async (host, j) => {
          const i = from + j;
          // Three transactions over the last days around the host's mean: mean ∓ 10%.
          const samples: SampleInput[] = [0.9, 1, 1.1].map((f, k) => ({
            id: `tx-${k}`,
            kind: 'package_transaction',
            observedAt: new Date(Date.now() - (k + 1) * DAY_MS).toISOString(),
            values: [{ metric: 'install_duration_ms', value: means[i]! * f }],
            context: {},
          }));
          const result = await server.gql(INGEST, { batch: { samples } }, host.token);
          expect(result.data!.ingestSamples).toMatchObject({ accepted: 3, rejected: [] });
        }),
      );
    }
  };
  await report(btrfs, CV.btrfs);
  await report(ext4, CV.ext4);
}, 120_000);
afterAll(() => server.close());

const PLAN = `query($input: ExperimentPlanInput!) {
  experimentPlan(input: $input) {
    eligibleHosts historyDays hostsRead plannedHostsPerArm limitingMetric totalHosts
    optedInHostsNeeded daysNeeded summary notes arms { armKey hosts }
    metrics {
      metric settledBy effect cv usedDefaultCv hostsPerArm daysNeeded note
      history { hosts samples mean cv fromDay toDay }
    }
  }
}`;

const ARMS = [
  { key: 'baseline', weight: 1, baseline: true },
  { key: 'cow', weight: 1, baseline: false },
];
const INSTALL = { metric: 'install_duration_ms', role: 'PRIMARY', margin: 0.05 };
const onBtrfs = [{ fact: 'rootFsType', op: 'EQ', values: ['btrfs'] }];
/** The formula: P = 2 CV² (c + z)² / margin², in whole hosts. */
const formula = (cv: number, margin: number) =>
  Math.ceil((2 * cv * cv * (C_AT_PLAN + Z80) ** 2) / margin ** 2);

describe('experimentPlan', () => {
  it('reads the targeted hosts’ spread and answers the formula’s hosts per arm', async () => {
    const result = await server.gql(PLAN, {
      input: { arms: ARMS, targeting: onBtrfs, metrics: [INSTALL], optInsPerDay: 50 },
    });
    expect(result.errors).toBeUndefined();
    const plan = result.data!.experimentPlan;
    const [install] = plan.metrics;
    expect(install.history).toMatchObject({ hosts: PER_FS, samples: 3 * PER_FS });
    expect(install.history.mean).toBeCloseTo(1000, 6);
    expect(install.history.cv).toBeCloseTo(CV.btrfs, 9);
    expect(install.history.toDay).toBe(new Date(Date.now() - DAY_MS).toISOString().slice(0, 10));
    const expected = formula(CV.btrfs, 0.05);
    expect(Math.abs(plan.plannedHostsPerArm - expected) / expected).toBeLessThan(0.01);
    expect(plan).toMatchObject({
      eligibleHosts: PER_FS,
      historyDays: 28,
      hostsRead: PER_FS,
      limitingMetric: 'install_duration_ms',
      arms: [
        { armKey: 'baseline', hosts: plan.plannedHostsPerArm },
        { armKey: 'cow', hosts: plan.plannedHostsPerArm },
      ],
      totalHosts: 2 * plan.plannedHostsPerArm,
      daysNeeded: null,
    });
    // Fewer hosts would ever opt in than the plan needs, and the plan says so.
    expect(plan.notes).toEqual([
      `Even if all 150 targeted hosts opted in, the plan needs ${(2 * plan.plannedHostsPerArm).toLocaleString('en-US')}: target more hosts or widen the margins.`,
    ]);

    // A 30% margin needs few enough hosts for this fleet: days at 50 opt-ins a day.
    const wide = await server.gql(PLAN, {
      input: {
        arms: ARMS,
        targeting: onBtrfs,
        metrics: [{ ...INSTALL, margin: 0.3 }],
        optInsPerDay: 50,
      },
    });
    const widePlan = wide.data!.experimentPlan;
    expect(widePlan.plannedHostsPerArm).toBe(formula(CV.btrfs, 0.3));
    expect(widePlan).toMatchObject({
      optedInHostsNeeded: 2 * widePlan.plannedHostsPerArm,
      daysNeeded: Math.ceil((2 * widePlan.plannedHostsPerArm) / 50),
      notes: [],
    });
    expect(widePlan.summary).toBe(
      `Plan for ${widePlan.plannedHostsPerArm} hosts per arm (${2 * widePlan.plannedHostsPerArm} with data in all), set by Install time (primary, no worse than 30%): about ${widePlan.daysNeeded} days at 50 opt-ins a day.`,
    );
  });

  it('plans each metric and takes the largest need; no history means the default CV', async () => {
    const result = await server.gql(PLAN, {
      input: {
        arms: ARMS,
        metrics: [INSTALL, { metric: 'download_bytes', role: 'GUARDRAIL', margin: 0.2 }],
      },
    });
    expect(result.errors).toBeUndefined();
    const plan = result.data!.experimentPlan;
    // No targeting: every host, both file systems, read whole (a run round the ids).
    expect(plan).toMatchObject({ eligibleHosts: 2 * PER_FS, hostsRead: 2 * PER_FS });
    const [install, downloads] = plan.metrics;
    // Half the hosts at CV 0.4, half at 0.5 around the same mean: about √((0.16 + 0.25) / 2).
    expect(install.history.cv).toBeCloseTo(
      Math.sqrt(((0.16 + 0.25) * (PER_FS - 1)) / (2 * PER_FS - 1)),
      9,
    );
    expect(downloads).toMatchObject({ usedDefaultCv: true, cv: 1, hostsPerArm: formula(1, 0.2) });
    expect(downloads.note).toBe(
      'No targeted host reported Downloaded in the last 28 days: planned with the default CV of 1 (hosts varying by as much as their mean).',
    );
    expect(plan.plannedHostsPerArm).toBe(Math.max(install.hostsPerArm, downloads.hostsPerArm));
    expect(plan.limitingMetric).toBe(
      install.hostsPerArm >= downloads.hostsPerArm ? 'install_duration_ms' : 'download_bytes',
    );
    expect(plan.daysNeeded).toBeNull();
  });

  it('leaves hosts running another experiment’s treatment out of the history', async () => {
    await server.gql(CREATE_CHANGE, { input: { slug: 'plan-change', title: 'A change' } });
    const created = await server.gql(CREATE_EXPERIMENT, {
      input: {
        changeSlug: 'plan-change',
        slug: 'running-elsewhere',
        title: 'Running elsewhere',
        arms: ARMS,
        metrics: [INSTALL],
      },
    });
    expect(created.errors).toBeUndefined();
    await server.gql(START, { slug: 'running-elsewhere' });
    const opted = await server.gql(OPT_IN_HOSTS, {
      slug: 'running-elsewhere',
      hostIds: btrfs.slice(0, 40).map((h) => h.id),
    });
    const treated = (opted.data!.optInHosts as { arm: { key: string } }[]).filter(
      (e) => e.arm.key === 'cow',
    ).length;
    expect(treated).toBeGreaterThan(0);
    const result = await server.gql(PLAN, {
      input: { arms: ARMS, targeting: onBtrfs, metrics: [INSTALL] },
    });
    expect(result.data!.experimentPlan).toMatchObject({
      eligibleHosts: PER_FS,
      hostsRead: PER_FS - treated,
    });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a share above 1', { optInShare: 1.5 }, 'input.optInShare'],
    ['no opt-ins a day', { optInsPerDay: 0 }, 'input.optInsPerDay'],
    ['an effect of 0', { minDetectableEffect: 0 }, 'input.minDetectableEffect'],
    [
      'an unknown metric',
      { metrics: [{ ...INSTALL, metric: 'speed' }] },
      'input.metrics[0].metric',
    ],
    ['a margin in percent', { metrics: [{ ...INSTALL, margin: 5 }] }, 'input.metrics[0].margin'],
    [
      'an unknown fact',
      { targeting: [{ fact: 'colour', op: 'EQ', values: ['red'] }] },
      'input.targeting[0].fact',
    ],
    ['no baseline', { arms: ARMS.map((a) => ({ ...a, baseline: false })) }, 'input.arms'],
  ])('refuses %s, naming the field', async (_, change, field) => {
    const result = await server.gql(PLAN, {
      input: { arms: ARMS, metrics: [INSTALL], ...change },
    });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.extensions!.field).toBe(field);
  });

  it('is not for hosts', async () => {
    const result = await server.gql(
      PLAN,
      { input: { arms: ARMS, metrics: [INSTALL] } },
      btrfs[0]!.token,
    );
    expect(errorCode(result)).toBe('FORBIDDEN');
  });
});

describe('Experiment.progress', () => {
  const PROGRESS = `query($slug: String!) { experiment(slug: $slug) { status progress {
    plannedHostsPerArm defaultPlan hostsPerArmNow share hostsPerArmPerDay daysLeft expectedEndDate summary
  } } }`;

  it('is null for a draft, and counts toward the stored plan at the pace since the start', async () => {
    const created = await server.gql(CREATE_EXPERIMENT, {
      input: {
        changeSlug: 'plan-change',
        slug: 'progressing',
        title: 'Progressing',
        arms: ARMS,
        metrics: [INSTALL],
        plannedHostsPerArm: 100,
      },
    });
    expect(created.errors).toBeUndefined();
    const draft = await server.gql(PROGRESS, { slug: 'progressing' });
    expect(draft.data!.experiment.progress).toBeNull();

    await server.gql(START, { slug: 'progressing' });
    const opted = await server.gql(OPT_IN_HOSTS, {
      slug: 'progressing',
      hostIds: btrfs.slice(40, 80).map((h) => h.id),
    });
    expect(opted.errors).toBeUndefined();
    await server.folded();
    // Started two days ago.
    const db = new pg.Client({ connectionString: server.db.url });
    await db.connect();
    try {
      await db.query(
        `UPDATE experiment SET started_at = now() - interval '2 days' WHERE slug = $1`,
        ['progressing'],
      );
    } finally {
      await db.end();
    }
    const result = await server.gql(PROGRESS, { slug: 'progressing' });
    const progress = result.data!.experiment.progress;
    // 40 hosts in two arms: 20 per arm in 2 days, 80 to go at 10 a day (the split may
    // not be even: the plan counts the mean of the two arms).
    expect(progress).toMatchObject({
      plannedHostsPerArm: 100,
      defaultPlan: false,
      hostsPerArmNow: 20,
    });
    expect(progress.share).toBeCloseTo(0.2, 9);
    expect(progress.hostsPerArmPerDay).toBeCloseTo(10, 3);
    // Whole days, rounded up: the seconds since the update make the pace a hair under 10.
    expect(progress.daysLeft).toBe(Math.ceil(80 / progress.hostsPerArmPerDay));
    expect([8, 9]).toContain(progress.daysLeft);
    const end = new Date(progress.expectedEndDate as string).getTime();
    expect(Math.abs(end - (Date.now() + progress.daysLeft * DAY_MS))).toBeLessThan(60_000);
    expect(progress.summary).toBe(
      `20 of 100 planned hosts per arm; at 10 hosts per arm a day the plan is about ${progress.daysLeft} days away.`,
    );
  });
});
