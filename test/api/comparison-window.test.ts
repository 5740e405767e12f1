import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { meanInterval, TRANSACTION_SIZE_CLASS_SQL, transactionSizeClass } from '@fleetlab/shared';
import { createDataSource } from '@fleetlab/server/database/data-source.js';
import { createSecret, enrollHosts, type EnrolledHost } from '../support/fleet.js';
import { CREATE_CHANGE, CREATE_EXPERIMENT, INGEST, OPT_IN, START } from '../support/operations.js';
import { errorCode, startTestServer, type TestServer } from '../support/test-server.js';

// Hand-made samples on three known days, one transaction size a day, so every number
// the comparison gives for a window, a transaction size and the time series can be
// worked out here from the values sent.
const COMPARISON = `query($metric: String!, $segment: SegmentInput, $window: WindowInput) {
  comparison(experimentSlug: "windowed", metric: $metric, segment: $segment, window: $window) {
    segment
    window { from to }
    distributionOf
    arms { armKey hosts samples mean median }
    timeSeries { armKey day hosts samples mean ciLow ciHigh }
  }
}`;

const DAY_MS = 86_400_000;
// Enough that both arms get hosts whatever their random ids hash to: all 40 in one arm
// is 1 run in 5·10^11 (16 hosts made it 1 in 30,000).
const HOSTS = 40;
const todayStart = Math.floor(Date.now() / DAY_MS) * DAY_MS;
/** Days before today, each with its own transaction size and install time per host. */
const DAYS = [
  { ago: 3, packages: 1, install: (i: number) => 100 + i },
  { ago: 2, packages: 40, install: (i: number) => 200 + 2 * i },
  { ago: 1, packages: 300, install: (i: number) => 1000 + 10 * i },
];
const dayString = (ago: number): string =>
  new Date(todayStart - ago * DAY_MS).toISOString().slice(0, 10);

interface Point {
  armKey: string;
  day: string;
  hosts: number;
  samples: number;
  mean: number;
  ciLow: number | null;
  ciHigh: number | null;
}
interface Result {
  segment: string | null;
  window: { from: string | null; to: string | null };
  distributionOf: string;
  arms: { armKey: string; hosts: number; samples: number; mean: number | null }[];
  timeSeries: Point[];
}

let server: TestServer;
let sql: pg.Client;
let hosts: EnrolledHost[];
const armOf = new Map<number, string>();

beforeAll(async () => {
  server = await startTestServer();
  sql = new pg.Client({ connectionString: server.db.url });
  await sql.connect();
  await server.gql(CREATE_CHANGE, { input: { slug: 'cow', title: 'CoW' } });
  const created = await server.gql(CREATE_EXPERIMENT, {
    input: {
      changeSlug: 'cow',
      slug: 'windowed',
      title: 'Windowed',
      arms: [
        { key: 'baseline', weight: 1, baseline: true },
        { key: 'cow', weight: 1, baseline: false },
      ],
      metrics: [
        { metric: 'install_duration_ms', role: 'PRIMARY', margin: 0.05 },
        { metric: 'download_bytes', role: 'GUARDRAIL', margin: 0.1 },
      ],
    },
  });
  expect(created.errors).toBeUndefined();
  await server.gql(START, { slug: 'windowed' });
  hosts = await enrollHosts(server, await createSecret(server), HOSTS, (i) => ({
    rootFsType: i % 2 ? 'btrfs' : 'xfs',
  }));
  for (const [i, host] of hosts.entries()) {
    const optIn = await server.gql(OPT_IN, { slug: 'windowed' }, host.token);
    armOf.set(i, optIn.data!.optIn.arm.key as string);
  }
  // The hosts joined ten days ago, so the last three days are in the experiment.
  await sql.query(
    `UPDATE enrollment SET opted_in_at = now() - interval '10 days', first_opted_in_at = now() - interval '10 days'`,
  );
  for (const [i, host] of hosts.entries()) {
    const samples = DAYS.map((day) => ({
      id: `t-${day.ago}`,
      kind: 'package_transaction',
      observedAt: new Date(todayStart - day.ago * DAY_MS + 3_600_000).toISOString(),
      values: [
        { metric: 'install_duration_ms', value: day.install(i) },
        { metric: 'download_bytes', value: 1000 * day.packages },
      ],
      context: { action: 'upgrade', packages: day.packages },
    }));
    const ingested = await server.gql(INGEST, { batch: { samples } }, host.token);
    expect(ingested.data!.ingestSamples).toMatchObject({ accepted: 3, rejected: [] });
  }
  await server.folded();
}, 120_000);
afterAll(async () => {
  await sql.end();
  await server.close();
});

async function compare(variables: Record<string, unknown>): Promise<Result> {
  const result = await server.gql(COMPARISON, { metric: 'install_duration_ms', ...variables });
  if (result.errors) throw new Error(result.errors[0]!.message);
  return result.data!.comparison as Result;
}

/** The expected arm means and time series points, from the values sent. */
function expected(days: typeof DAYS) {
  const arms = [...new Set(armOf.values())].sort();
  const perHost = (arm: string) =>
    hosts
      .map((_, i) => i)
      .filter((i) => armOf.get(i) === arm)
      .map((i) => days.reduce((sum, d) => sum + d.install(i), 0) / days.length);
  const armMeans = new Map(arms.map((arm) => [arm, meanInterval(perHost(arm)).mean]));
  const points = days
    .slice()
    .sort((a, b) => b.ago - a.ago)
    .flatMap((d) =>
      arms.map((arm) => {
        const values = hosts
          .map((_, i) => i)
          .filter((i) => armOf.get(i) === arm)
          .map((i) => d.install(i));
        const interval = meanInterval(values);
        return {
          armKey: arm,
          day: dayString(d.ago),
          hosts: values.length,
          samples: values.length,
          mean: interval.mean,
          ciLow: interval.low,
          ciHigh: interval.high,
        };
      }),
    );
  return { armMeans, points };
}

function expectPoints(actual: Point[], wanted: Point[]) {
  expect(actual.map((p) => [p.day, p.armKey, p.hosts, p.samples])).toEqual(
    wanted.map((p) => [p.day, p.armKey, p.hosts, p.samples]),
  );
  actual.forEach((p, k) => {
    expect(p.mean).toBeCloseTo(wanted[k]!.mean, 9);
    for (const end of ['ciLow', 'ciHigh'] as const) {
      if (wanted[k]![end] === null) expect(p[end]).toBeNull();
      else expect(p[end]).toBeCloseTo(wanted[k]![end], 9);
    }
  });
}

describe('comparison over time', () => {
  it('gives a time series of host means per day and arm, with t intervals', async () => {
    expect(new Set(armOf.values()).size).toBe(2);
    const result = await compare({});
    expect(result.window).toEqual({ from: null, to: null });
    expectPoints(result.timeSeries, expected(DAYS).points);
    for (const arm of result.arms) {
      expect(arm.samples).toBe(arm.hosts * DAYS.length);
      expect(arm.mean).toBeCloseTo(expected(DAYS).armMeans.get(arm.armKey)!, 9);
    }
  });

  it('limits everything to the whole days of a window', async () => {
    const middle = DAYS[1]!;
    // Any moments within the day select the whole day.
    const result = await compare({
      window: {
        from: new Date(todayStart - 2 * DAY_MS + 60_000).toISOString(),
        to: new Date(todayStart - 2 * DAY_MS + 120_000).toISOString(),
      },
    });
    expect(result.window).toEqual({ from: dayString(2), to: dayString(2) });
    expect(result.distributionOf).toBe('SAMPLES');
    expectPoints(result.timeSeries, expected([middle]).points);
    for (const arm of result.arms) {
      expect(arm.samples).toBe(arm.hosts);
      expect(arm.mean).toBeCloseTo(expected([middle]).armMeans.get(arm.armKey)!, 9);
    }
  });

  it('takes open-ended windows', async () => {
    const result = await compare({
      window: { from: new Date(todayStart - 2 * DAY_MS).toISOString() },
    });
    expect(result.window).toEqual({ from: dayString(2), to: null });
    expect(new Set(result.timeSeries.map((p) => p.day))).toEqual(
      new Set([dayString(2), dayString(1)]),
    );
  });

  it('refuses a window that ends before it starts, naming it', async () => {
    const response = await server.gql(COMPARISON, {
      metric: 'install_duration_ms',
      window: {
        from: new Date(todayStart).toISOString(),
        to: new Date(todayStart - DAY_MS).toISOString(),
      },
    });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.message).toMatch(/window ends .* before it starts/);
  });

  // Samples are kept FLEETLAB_RETENTION_DAYS (400 by default) and are never from later
  // than the present: a window outside those days is a mistake, answered as one.
  const oldest = dayString(400);
  const latest = new Date(todayStart + DAY_MS).toISOString().slice(0, 10);
  const range = new RegExp(`from ${oldest} .*to ${latest}`);

  it.each([
    ['window.from', { from: '+099999-01-01T00:00:00Z' }],
    ['window.to', { to: '+099999-01-01T00:00:00Z' }],
    ['window.from', { from: '0000-01-01T00:00:00Z' }],
    ['window.from', { from: new Date(todayStart - 401 * DAY_MS).toISOString() }],
    ['window.to', { to: new Date(todayStart + 2 * DAY_MS).toISOString() }],
  ])(
    'refuses %s outside the retention and the present, naming the days allowed',
    async (field, window) => {
      for (const query of [
        COMPARISON,
        `query($window: WindowInput) { experimentReport(experimentSlug: "windowed", format: CSV, window: $window) { content } }`,
      ]) {
        const response = await server.gql(query, { metric: 'install_duration_ms', window });
        expect(errorCode(response)).toBe('BAD_USER_INPUT');
        expect(response.errors![0]!.extensions!.field).toBe(field);
        expect(response.errors![0]!.message).toContain(field);
        expect(response.errors![0]!.message).toMatch(range);
      }
    },
  );

  it('takes a window from the oldest day kept to tomorrow (UTC)', async () => {
    const result = await compare({
      window: { from: `${oldest}T00:00:00Z`, to: `${latest}T23:59:59Z` },
    });
    expect(result.window).toEqual({ from: oldest, to: latest });
  });

  it.each([
    ['from', '99999-01-01', /from must be a date/],
    ['from', '0000-01-01', range],
    ['from', '-000001-01-01', range],
    ['to', '+099999-01-01T00:00:00Z', range],
    ['to', '2999-12-31', range],
    ['from', `${dayString(30).slice(0, 4)}-02-30`, /February .* has 2[89] days/],
  ])('answers a download whose %s is %s with 400, naming it', async (name, value, message) => {
    const response = await fetch(
      `${server.url}/reports/windowed.csv?${name}=${encodeURIComponent(value)}`,
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; message: string };
    expect(body.code).toBe('BAD_USER_INPUT');
    expect(body.message).toContain(name);
    expect(body.message).toMatch(message);
  });
});

describe('comparison by transaction size', () => {
  it.each(DAYS.map((d) => [transactionSizeClass(d.packages), d] as const))(
    'compares only transactions of size %s',
    async (sizeClass, day) => {
      const result = await compare({
        segment: { dimension: 'TRANSACTION_SIZE', value: sizeClass },
      });
      expect(result.segment).toBe(`TRANSACTION_SIZE=${sizeClass}`);
      expect(result.distributionOf).toBe('HOST_MEANS');
      expectPoints(result.timeSeries, expected([day]).points);
      for (const arm of result.arms) {
        expect(arm.mean).toBeCloseTo(expected([day]).armMeans.get(arm.armKey)!, 9);
      }
    },
  );

  it('finds nothing in a size class without transactions', async () => {
    const result = await compare({ segment: { dimension: 'TRANSACTION_SIZE', value: '2-10' } });
    expect(result.arms.every((a) => a.hosts === 0)).toBe(true);
    expect(result.timeSeries).toEqual([]);
  });

  it('combines a host segment with a window', async () => {
    const result = await compare({
      segment: { dimension: 'ROOT_FS_TYPE', value: 'btrfs' },
      window: { from: new Date(todayStart - DAY_MS).toISOString() },
    });
    const btrfs = hosts.map((_, i) => i).filter((i) => i % 2 === 1);
    expect(result.arms.reduce((sum, a) => sum + a.hosts, 0)).toBe(btrfs.length);
    expect(result.timeSeries.every((p) => p.day === dayString(1))).toBe(true);
  });
});

describe('the enrollment funnel', () => {
  it('counts enrolled, opted-in, exposed and opted-out hosts', async () => {
    const result = await server.gql(
      `{ experiment(slug: "windowed") { funnel { enrolled optedIn exposed exposureUnknown optedOut } } }`,
    );
    // The arms name no packages, so every opted-in host runs its arm's stack.
    expect(result.data!.experiment.funnel).toEqual({
      enrolled: HOSTS,
      optedIn: HOSTS,
      exposed: HOSTS,
      exposureUnknown: 0,
      optedOut: 0,
    });
  });
});

describe('segment values', () => {
  it('lists the values of each dimension among the enrolled hosts', async () => {
    const result = await server.gql(`{ experiment(slug: "windowed") {
      fs: segmentValues(dimension: ROOT_FS_TYPE) sizes: segmentValues(dimension: TRANSACTION_SIZE)
    } }`);
    expect(result.data!.experiment).toEqual({
      fs: ['btrfs', 'xfs'],
      sizes: ['1', '11-100', '101+'],
    });
  });
});

describe('transaction size classes in SQL', () => {
  it('agree with transactionSizeClass for every kind of context', async () => {
    const contexts = [
      {},
      { packages: 0 },
      { packages: 1 },
      { packages: 2 },
      { packages: 10 },
      { packages: 11 },
      { packages: 100 },
      { packages: 101 },
      { packages: 5000 },
      { packages: 2.5 },
      { packages: '7' },
      { packages: null },
      { packages: -4 },
    ];
    const { rows } = await sql.query<{ size_class: string }>(
      `SELECT ${TRANSACTION_SIZE_CLASS_SQL('c')} AS size_class FROM unnest($1::jsonb[]) WITH ORDINALITY AS t(c, n) ORDER BY n`,
      [contexts.map((c) => JSON.stringify(c))],
    );
    expect(rows.map((r) => r.size_class)).toEqual(
      contexts.map((c) => transactionSizeClass((c as { packages?: unknown }).packages)),
    );
  });
});

describe('the daily rollup migration', () => {
  it('rebuilds from stored samples exactly what the ingest rolled up', async () => {
    const snapshot = async () => ({
      daily: (
        await sql.query(`SELECT experiment_id, metric, day::text, host_id, arm_id, count::int, sum, sum_sq
                           FROM host_metric_daily ORDER BY 1, 2, 3, 4`)
      ).rows,
      bySize: (
        await sql.query(`SELECT experiment_id, metric, day::text, host_id, size_class, arm_id, count::int, sum, sum_sq
                           FROM host_metric_daily_by_size ORDER BY 1, 2, 3, 4, 5`)
      ).rows,
    });
    const ingested = await snapshot();
    expect(ingested.daily).toHaveLength(HOSTS * DAYS.length * 2);
    expect(ingested.bySize).toHaveLength(HOSTS * DAYS.length * 2);
    const dataSource = createDataSource(server.db.url);
    await dataSource.initialize();
    try {
      const names = dataSource.migrations.map((m) => m.name);
      const index = names.indexOf('HostDailyRollup1795529000000');
      expect(index).toBeGreaterThan(-1);
      // Undo it and every later migration, then apply them all again.
      for (let i = names.length - 1; i >= index; i--) await dataSource.undoLastMigration();
      await dataSource.runMigrations();
    } finally {
      await dataSource.destroy();
    }
    expect(await snapshot()).toEqual(ingested);
  });
});
