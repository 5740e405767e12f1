// bench:fleet — the dashboard at fleet scale: 10k, 100k and 1M hosts in one experiment.
//
// 1. A throwaway PostgreSQL with normal durability and the built server as its own
//    process (folding on), and an experiment judged on three metrics, through the API.
// 2. The fleet grows to each size in bulk, in SQL (test/bench/lib/fleet-sql.ts): hosts
//    with a filesystem and arch mix, enrolled in the arm bucketOf gives them, seven
//    package transactions each (two in the pre-period), and the rollups the folder
//    would make of them. The first size goes through the folder itself (the server
//    folds the new enrollments' history), and its rollups are checked against the bulk
//    statements; the per-arm aggregates are then rebuilt by the folder's own code and
//    checked against what it kept incrementally.
// 3. At each size: the experiment page's queries as the dashboard sends them (the
//    documents of client/src/generated), all at once as the browser does, median of
//    BENCH_FLEET_RUNS runs; the Hosts page; and, at the sizes where the exact path
//    fits, the error of the aggregated path against it; and the new-experiment form's
//    plan (experimentPlan) over the whole fleet and over btrfs aarch64 hosts.
// 4. At the largest size: optInMatching / optOutMatching of the hosts on xfs (half the
//    fleet) into a second experiment.
//
// Last line: `fleet comparison ms at 1M: X; growth 1M/10k: G`. Targets: X < 500 ms,
// G <= 2, server peak memory < 512 MB, aggregated p-values within 1e-3 of the exact
// ones and intervals within 1%, a plan under 2 s at every size, the aggregates' rebuild
// at the largest size under 2 minutes. A missed target exits 1 after printing everything.
import { print, type DocumentNode } from 'graphql';
import {
  ExperimentPageDocument,
  HostsPageDocument,
  MetricDetailDocument,
  MetricsSummaryDocument,
  NewExperimentPlanDocument,
  SegmentChoicesDocument,
  SegmentSummaryDocument,
  SegmentValuesDocument,
} from '../../client/src/generated/graphql.js';
import { FOLD_LOCK_SQL, type Query } from '../../server/src/folding/fold-pass.js';
import { rebuildAggregates } from '../../server/src/folding/rebuild-aggregates.js';
import { BENCH_ADMIN_TOKEN, gql, postGraphQL, startRunningExperiment } from './lib/api.js';
import {
  enrollAll,
  FLEET_METRICS,
  IN_SAMPLES,
  insertHosts,
  insertRollups,
  insertSamples,
  reportStacks,
  rollupSnapshot,
  type FleetArm,
} from './lib/fleet-sql.js';
import {
  envInt,
  fmt,
  formatTable,
  log,
  makeTempDir,
  mb,
  median,
  ReportedFailure,
  runBench,
  serverNodeArgs,
  startBenchDatabase,
  startBenchServer,
} from './lib/harness.js';
import { memoryOf } from './lib/processes.js';
import type pg from 'pg';

const TARGET_MS = 500;
const TARGET_GROWTH = 2;
const TARGET_MEMORY_MB = 512;
const TARGET_P_ERROR = 1e-3;
const TARGET_INTERVAL_ERROR = 0.01;
const TARGET_PLAN_MS = 2000;
/** rebuildAggregates at the largest size: how long the dashboard is wrong after a restore. */
const TARGET_REBUILD_SECONDS = 120;

/** BENCH_FLEET_SIZES: increasing whole numbers of hosts, comma-separated. */
function fleetSizes(text: string): number[] {
  const sizes = text.split(',').map((s) => Number(s.trim()));
  const bad = sizes.some((n, i) => !Number.isInteger(n) || n <= 0 || (i > 0 && n <= sizes[i - 1]!));
  if (bad) {
    console.error(
      `BENCH_FLEET_SIZES must be increasing whole numbers of hosts, e.g. 10000,100000; got "${text}"`,
    );
    process.exit(1);
  }
  return sizes;
}

const settings = {
  sizes: fleetSizes(process.env.BENCH_FLEET_SIZES ?? '10000,100000,1000000'),
  runs: envInt('BENCH_FLEET_RUNS', 7),
  /** The exact path is run for the error measurement up to this many hosts. */
  exactUpTo: envInt('BENCH_FLEET_EXACT_UP_TO', 100_000),
};

const EXPERIMENT = {
  changeSlug: 'rpm-cow',
  slug: 'fleet',
  title: 'RPM CoW at fleet scale',
  arms: [
    { key: 'baseline', weight: 1, baseline: true, packages: ['rpm-4.16.1.3-34.el9'] },
    { key: 'cow', weight: 1, baseline: false, packages: ['rpm-4.16.1.3-34.hs.el9'] },
  ],
  metrics: [
    { metric: 'install_duration_ms', role: 'PRIMARY', margin: 0.02 },
    { metric: 'download_bytes', role: 'GUARDRAIL', margin: 0.01 },
    { metric: 'disk_used_delta_bytes', role: 'GUARDRAIL', margin: 0.2 },
  ],
};
const PACKAGES: Record<string, Record<string, string>> = {
  baseline: { rpm: '4.16.1.3-34.el9' },
  cow: { rpm: '4.16.1.3-34.hs.el9' },
};
const METRIC = EXPERIMENT.metrics[0]!.metric;

/** The form's plan for a second experiment on the same fleet, without and with targeting. */
const PLAN_INPUT = {
  arms: EXPERIMENT.arms.map(({ key, weight, baseline }) => ({ key, weight, baseline })),
  metrics: EXPERIMENT.metrics,
  optInsPerDay: 1000,
};
const PLAN_TARGETING = [
  { fact: 'rootFsType', op: 'EQ', values: ['btrfs'] },
  { fact: 'arch', op: 'EQ', values: ['aarch64'] },
];

const sizeLabel = (n: number): string =>
  n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n);

interface PageTiming {
  /** Wall time of the page's queries sent together, median over the runs. */
  pageMs: number;
  /** Each query's own time (sent alone), median over the runs. */
  each: Map<string, number>;
}

/** The experiment page's queries as the dashboard sends them on load (default view). */
function experimentPageQueries(
  fsValues: string[],
): [string, DocumentNode, Record<string, unknown>][] {
  const slug = EXPERIMENT.slug;
  return [
    ['ExperimentPage', ExperimentPageDocument, { slug }],
    ['MetricsSummary', MetricsSummaryDocument, { slug }],
    ['MetricDetail', MetricDetailDocument, { slug, metric: METRIC }],
    ['SegmentChoices', SegmentChoicesDocument, { slug }],
    ['SegmentValues', SegmentValuesDocument, { slug, dimension: 'ROOT_FS_TYPE' }],
    ...fsValues.map((value): [string, DocumentNode, Record<string, unknown>] => [
      `SegmentSummary ${value}`,
      SegmentSummaryDocument,
      { slug, metric: METRIC, segment: { dimension: 'ROOT_FS_TYPE', value } },
    ]),
  ];
}

async function timeQueries(
  url: string,
  queries: [string, DocumentNode, Record<string, unknown>][],
): Promise<PageTiming> {
  const bodies = queries.map(([name, document, variables]) => ({
    name,
    body: JSON.stringify({ query: print(document), variables }),
  }));
  const send = (body: string) => postGraphQL(url, body, BENCH_ADMIN_TOKEN);
  // One run first to warm caches and plans, not counted.
  await Promise.all(bodies.map((b) => send(b.body)));
  const page: number[] = [];
  const each = new Map<string, number[]>(bodies.map((b) => [b.name, []]));
  for (let run = 0; run < settings.runs; run++) {
    const started = performance.now();
    await Promise.all(bodies.map((b) => send(b.body)));
    page.push(performance.now() - started);
    for (const b of bodies) {
      const alone = performance.now();
      await send(b.body);
      each.get(b.name)!.push(performance.now() - alone);
    }
  }
  return {
    pageMs: median(page),
    each: new Map([...each].map(([name, times]) => [name, median(times)])),
  };
}

interface PathError {
  /** Largest |Δp| over metrics and segments: Welch, Mann-Whitney, Holm. */
  welchP: number;
  mannWhitneyP: number;
  adjustedP: number;
  /** Largest interval end difference: relative-difference ends (absolute), HL ends over the baseline mean. */
  interval: number;
  hlInterval: number;
  exactMs: number;
  aggregatedMs: number;
}

const BY_METHOD = `query($slug: String!, $segment: SegmentInput, $method: AnalysisMethod) {
  experimentComparisons(experimentSlug: $slug, segment: $segment, method: $method) {
    metric method
    arms { mean }
    comparisons { ciLow ciHigh welchP mannWhitneyP hodgesLehmann hlCiLow hlCiHigh adjustedP }
  }
}`;
type ByMethod = {
  experimentComparisons: {
    metric: string;
    method: string;
    arms: { mean: number | null }[];
    comparisons: Record<string, number | null>[];
  }[];
};

/** The aggregated path against the exact one, over all hosts and each filesystem. */
async function pathError(url: string, fsValues: string[]): Promise<PathError> {
  const error: PathError = {
    welchP: 0,
    mannWhitneyP: 0,
    adjustedP: 0,
    interval: 0,
    hlInterval: 0,
    exactMs: 0,
    aggregatedMs: 0,
  };
  for (const segment of [
    undefined,
    ...fsValues.map((value) => ({ dimension: 'ROOT_FS_TYPE', value })),
  ]) {
    const run = async (method: string) => {
      const started = performance.now();
      const data = await gql<ByMethod>(url, BY_METHOD, { slug: EXPERIMENT.slug, segment, method });
      return { data, ms: performance.now() - started };
    };
    const exact = await run('EXACT');
    const aggregated = await run('AGGREGATED');
    if (!segment) {
      error.exactMs = exact.ms;
      error.aggregatedMs = aggregated.ms;
    }
    for (const [i, e] of exact.data.experimentComparisons.entries()) {
      const a = aggregated.data.experimentComparisons[i]!;
      const ec = e.comparisons[0]!;
      const ac = a.comparisons[0]!;
      const diff = (key: string) => Math.abs((ac[key] ?? NaN) - (ec[key] ?? NaN));
      error.welchP = Math.max(error.welchP, diff('welchP'));
      error.mannWhitneyP = Math.max(error.mannWhitneyP, diff('mannWhitneyP'));
      error.adjustedP = Math.max(error.adjustedP, diff('adjustedP'));
      error.interval = Math.max(error.interval, diff('ciLow'), diff('ciHigh'));
      const scale = Math.abs(e.arms[0]!.mean ?? NaN);
      error.hlInterval = Math.max(
        error.hlInterval,
        diff('hlCiLow') / scale,
        diff('hlCiHigh') / scale,
        diff('hodgesLehmann') / scale,
      );
    }
  }
  return error;
}

/** What the folder keeps, as text, to compare an incremental state with a rebuild. */
async function aggregateSnapshot(sql: pg.Client): Promise<string[]> {
  const rows: string[] = [];
  for (const table of [
    'enrollment_tally',
    'arm_metric_moments',
    'arm_host_mean_histogram',
    'arm_metric_daily_moments',
  ]) {
    const result = await sql.query<{ row: string }>(
      `SELECT '${table} ' || to_jsonb(t)::text AS row FROM ${table} t WHERE hosts <> 0 ORDER BY 1`,
    );
    for (const r of result.rows) rows.push(r.row);
  }
  return rows;
}

/** Waits until the server's folder has folded and tallied everything; answers the seconds. */
async function waitForFolder(sql: pg.Client): Promise<number> {
  const started = performance.now();
  for (;;) {
    const { rows } = await sql.query<{ pending: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM fold_queue) OR EXISTS (SELECT 1 FROM enrollment WHERE NOT history_folded)
           OR EXISTS (SELECT 1 FROM enrollment WHERE tally_pending) AS pending`,
    );
    if (!rows[0]!.pending) return (performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The folder's rebuild, on the bench's connection, under the fold lock like a pass;
 * answers its seconds from taking the lock to the commit.
 */
async function rebuild(sql: pg.Client, label: string): Promise<number> {
  // Where the time goes: the slowest statements, with their first words.
  const statements: [string, number][] = [];
  const query: Query = async <T>(text: string, params?: unknown[]) => {
    const begun = performance.now();
    const rows = (await sql.query(text, params)).rows as T[];
    statements.push([text.trim().replace(/\s+/g, ' ').slice(0, 40), performance.now() - begun]);
    return rows;
  };
  let seconds: number;
  await sql.query('BEGIN');
  try {
    for (;;) {
      const { rows } = await sql.query<{ locked: boolean }>(FOLD_LOCK_SQL);
      if (rows[0]!.locked) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const started = performance.now();
    await rebuildAggregates(query);
    await sql.query('COMMIT');
    seconds = (performance.now() - started) / 1000;
  } catch (error) {
    await sql.query('ROLLBACK');
    throw error;
  }
  log(
    `${label}: rebuildAggregates ${seconds.toFixed(1)} s; ` +
      statements
        .filter(([, ms]) => ms >= 100)
        .map(([text, ms]) => `${(ms / 1000).toFixed(1)} s ${text}`)
        .join('; '),
  );
  return seconds;
}

async function main(): Promise<string[]> {
  log(
    `Fleet benchmark: sizes ${settings.sizes.map(sizeLabel).join(', ')} hosts, ` +
      `${IN_SAMPLES + 2} package transactions per host x ${FLEET_METRICS.length} metrics, median of ${settings.runs} runs`,
  );
  const tmp = makeTempDir();
  const db = await startBenchDatabase(tmp);
  const sql = db.sql;
  log(db.info);
  // The server's own settings, as a deployment has them: the page is timed on the path
  // AUTO takes at each size (FLEETLAB_EXACT_ANALYSIS_MAX_HOSTS in the environment moves
  // the switch); the exact path is timed beside it where the error is measured.
  const server = await startBenchServer(db.url, serverNodeArgs());
  const switchAt = process.env.FLEETLAB_EXACT_ANALYSIS_MAX_HOSTS;
  log(
    `Server pid ${server.pid} at ${server.url}; FLEETLAB_EXACT_ANALYSIS_MAX_HOSTS ${switchAt ?? "the server's default"}`,
  );
  const url = server.url;

  await startRunningExperiment(url, EXPERIMENT);
  const experiment = (
    await sql.query<{ id: string; salt: string }>(
      'SELECT id, salt FROM experiment WHERE slug = $1',
      [EXPERIMENT.slug],
    )
  ).rows[0]!;
  const arms = (
    await sql.query<FleetArm>(
      'SELECT id, key, weight, baseline FROM arm WHERE experiment_id = $1 ORDER BY position',
      [experiment.id],
    )
  ).rows;
  const packagesOf = new Map(arms.map((a) => [a.id, PACKAGES[a.key]!]));

  const problems: string[] = [];
  const rows: string[][] = [];
  const timings = new Map<number, PageTiming>();
  const planTimings = new Map<number, PageTiming>();
  const errors = new Map<number, PathError>();
  const rebuildTimes = new Map<number, number>();
  let loaded = 0;
  let lastSeq = '0';
  for (const [step, size] of settings.sizes.entries()) {
    const started = performance.now();
    await insertHosts(sql, loaded + 1, size);
    const throughFolder = step === 0;
    // One transaction: the folder sees the hosts with their stacks and samples at once.
    await sql.query('BEGIN');
    const enrolled = await enrollAll(
      sql,
      { ...experiment, arms },
      throughFolder ? 'folder' : 'bulk',
    );
    await reportStacks(sql, experiment.id, packagesOf);
    const samples = await insertSamples(sql, experiment.id, lastSeq, 1000 + step);
    await sql.query('COMMIT');
    if (throughFolder) {
      // The server's folder folds the new enrollments' history: the real path.
      const folderSeconds = await waitForFolder(sql);
      const folded = await rollupSnapshot(sql, experiment.id);
      const incremental = await aggregateSnapshot(sql);
      for (const table of [
        'host_metric_rollup',
        'host_metric_daily',
        'host_metric_daily_by_size',
        'arm_metric_histogram',
      ])
        await sql.query(`DELETE FROM ${table} WHERE experiment_id = $1`, [experiment.id]);
      await insertRollups(sql, experiment.id, lastSeq);
      const bulk = await rollupSnapshot(sql, experiment.id);
      if (folded.length !== bulk.length || folded.some((row, i) => row !== bulk[i]))
        problems.push(
          `the bulk rollups of ${sizeLabel(size)} hosts differ from the folder's (${fmt(folded.length)} rows against ${fmt(bulk.length)})`,
        );
      rebuildTimes.set(size, await rebuild(sql, sizeLabel(size)));
      const rebuilt = await aggregateSnapshot(sql);
      if (incremental.length !== rebuilt.length || incremental.some((row, i) => row !== rebuilt[i]))
        problems.push(
          `the folder's incremental aggregates differ from a rebuild at ${sizeLabel(size)}`,
        );
      log(
        `${sizeLabel(size)}: the folder folded ${fmt(samples)} samples of ${fmt(enrolled)} new enrollments in ${folderSeconds.toFixed(1)} s ` +
          `(${fmt(Math.round(samples / folderSeconds))} samples/s); its rollups equal the bulk ones (${fmt(folded.length)} rows), its aggregates a rebuild (${fmt(incremental.length)} rows, ` +
          `rebuilt in ${rebuildTimes.get(size)!.toFixed(1)} s)`,
      );
    } else {
      await insertRollups(sql, experiment.id, lastSeq);
    }
    // The bulk-loaded enrollments are untallied: the rebuild tallies them and sums every
    // host's contributions, as after a bulk load or a restore.
    if (!throughFolder) rebuildTimes.set(size, await rebuild(sql, sizeLabel(size)));
    await sql.query('VACUUM (ANALYZE)');
    await sql.query('CHECKPOINT');
    lastSeq = (await sql.query<{ seq: string }>('SELECT max(seq)::text AS seq FROM host')).rows[0]!
      .seq;
    loaded = size;
    const loadSeconds = (performance.now() - started) / 1000;
    log(
      `${sizeLabel(size)}: ${fmt(enrolled)} hosts and ${fmt(samples)} samples added with their rollups in ${loadSeconds.toFixed(0)} s` +
        (throughFolder ? '' : ` (aggregates rebuilt in ${rebuildTimes.get(size)!.toFixed(1)} s)`),
    );

    // What the page shows must be the whole fleet.
    const check = await gql<{
      comparison: { method: string; arms: { hosts: number; samples: number }[] };
    }>(
      url,
      `query($slug: String!, $metric: String!) { comparison(experimentSlug: $slug, metric: $metric) { method arms { hosts samples } } }`,
      { slug: EXPERIMENT.slug, metric: METRIC },
    );
    const hosts = check.comparison.arms.reduce((sum, a) => sum + a.hosts, 0);
    const counted = check.comparison.arms.reduce((sum, a) => sum + a.samples, 0);
    if (hosts !== size || counted !== size * IN_SAMPLES)
      problems.push(
        `at ${sizeLabel(size)} the comparison has ${fmt(hosts)} hosts and ${fmt(counted)} samples, expected ${fmt(size)} and ${fmt(size * IN_SAMPLES)}`,
      );
    const fsValues = ['btrfs', 'ext4', 'xfs'];
    const page = await timeQueries(url, experimentPageQueries(fsValues));
    const hostsPage = await timeQueries(url, [
      ['HostsPage', HostsPageDocument, { first: 50 }],
      [
        'HostsPage btrfs aarch64',
        HostsPageDocument,
        {
          first: 50,
          filter: {
            facts: [
              { fact: 'rootFsType', op: 'EQ', values: ['btrfs'] },
              { fact: 'arch', op: 'EQ', values: ['aarch64'] },
            ],
          },
        },
      ],
    ]);
    const planQueries: [string, DocumentNode, Record<string, unknown>][] = [
      ['Plan', NewExperimentPlanDocument, { input: PLAN_INPUT }],
      [
        'Plan btrfs aarch64',
        NewExperimentPlanDocument,
        { input: { ...PLAN_INPUT, targeting: PLAN_TARGETING } },
      ],
    ];
    const planTiming = await timeQueries(url, planQueries);
    const planned = await gql<{
      experimentPlan: { eligibleHosts: number; hostsRead: number; plannedHostsPerArm: number };
    }>(url, print(NewExperimentPlanDocument), planQueries[0]![2]);
    // Every host is targeted; half run the treatment, so at most half are read, up to 5,000.
    const { eligibleHosts, hostsRead } = planned.experimentPlan;
    if (eligibleHosts !== size || hostsRead > 5000 || hostsRead < Math.min(5000, size / 2) * 0.9)
      problems.push(
        `at ${sizeLabel(size)} the plan counted ${fmt(eligibleHosts)} targeted hosts and read ${fmt(hostsRead)}`,
      );
    log(
      `${sizeLabel(size)}: plan of ${fmt(planned.experimentPlan.plannedHostsPerArm)} hosts per arm from ${fmt(hostsRead)} hosts read; ` +
        `${[...planTiming.each].map(([name, ms]) => `${name} ${ms.toFixed(0)} ms`).join(', ')}`,
    );
    planTimings.set(size, planTiming);
    timings.set(size, page);
    log(
      `${sizeLabel(size)}: ${check.comparison.method} path; experiment page ${page.pageMs.toFixed(0)} ms ` +
        `(${[...page.each].map(([name, ms]) => `${name} ${ms.toFixed(0)}`).join(', ')}); ` +
        `hosts page ${[...hostsPage.each].map(([name, ms]) => `${name} ${ms.toFixed(0)} ms`).join(', ')}`,
    );
    if (size <= settings.exactUpTo) {
      const error = await pathError(url, fsValues);
      errors.set(size, error);
      log(
        `${sizeLabel(size)}: aggregated against exact: |Δp| Welch ${error.welchP.toExponential(1)}, Mann-Whitney ${error.mannWhitneyP.toExponential(1)}, ` +
          `Holm ${error.adjustedP.toExponential(1)}; interval ends ${error.interval.toExponential(1)} (relative difference), ` +
          `Hodges-Lehmann ${(error.hlInterval * 100).toFixed(3)}% of the baseline mean; ` +
          `experimentComparisons exact ${error.exactMs.toFixed(0)} ms, aggregated ${error.aggregatedMs.toFixed(0)} ms`,
      );
    }
    rows.push([
      sizeLabel(size),
      page.pageMs.toFixed(0),
      page.each.get('MetricsSummary')!.toFixed(0),
      page.each.get('MetricDetail')!.toFixed(0),
      page.each.get('SegmentSummary xfs')!.toFixed(0),
      hostsPage.each.get('HostsPage')!.toFixed(0),
      hostsPage.each.get('HostsPage btrfs aarch64')!.toFixed(0),
      planTiming.each.get('Plan')!.toFixed(0),
      planTiming.each.get('Plan btrfs aarch64')!.toFixed(0),
      errors.get(size)?.mannWhitneyP.toExponential(1) ?? '-',
      rebuildTimes.get(size)!.toFixed(1),
    ]);
  }

  // -------------------------------------------------- bulk opt-in and out at the largest size
  await gql(
    url,
    `mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { slug } }`,
    {
      input: { ...EXPERIMENT, slug: 'fleet-bulk', title: 'Bulk opt-in' },
    },
  );
  await gql(url, `mutation { startExperiment(slug: "fleet-bulk") { status } }`);
  const selector = { facts: [{ fact: 'rootFsType', op: 'EQ', values: ['xfs'] }] };
  const optInStarted = performance.now();
  const optedIn = await gql<{ optInMatching: { changed: number } }>(
    url,
    `mutation($selector: HostFilterInput!) { optInMatching(experimentSlug: "fleet-bulk", selector: $selector) { changed } }`,
    { selector },
  );
  const optInSeconds = (performance.now() - optInStarted) / 1000;
  const optOutStarted = performance.now();
  const optedOut = await gql<{ optOutMatching: { changed: number } }>(
    url,
    `mutation($selector: HostFilterInput!) { optOutMatching(experimentSlug: "fleet-bulk", selector: $selector) { changed } }`,
    { selector },
  );
  const optOutSeconds = (performance.now() - optOutStarted) / 1000;
  const tallySeconds = await waitForFolder(sql);
  log(
    `optInMatching of ${fmt(optedIn.optInMatching.changed)} hosts ${optInSeconds.toFixed(1)} s, optOutMatching ${optOutSeconds.toFixed(1)} s; ` +
      `the folder tallied them (and folded their history) in ${tallySeconds.toFixed(0)} s`,
  );
  if (optedIn.optInMatching.changed !== optedOut.optOutMatching.changed)
    problems.push('optOutMatching did not opt out every host optInMatching opted in');

  const memory = memoryOf(server.pid);
  const first = timings.get(settings.sizes[0]!)!.pageMs;
  const largest = settings.sizes.at(-1)!;
  const last = timings.get(largest)!.pageMs;
  const growth = last / first;
  const worstP = Math.max(
    0,
    ...[...errors.values()].map((e) => Math.max(e.welchP, e.mannWhitneyP, e.adjustedP)),
  );
  const worstInterval = Math.max(
    0,
    ...[...errors.values()].map((e) => Math.max(e.interval, e.hlInterval)),
  );
  const missed: string[] = [];
  if (last >= TARGET_MS)
    missed.push(
      `the experiment page takes ${last.toFixed(0)} ms at ${sizeLabel(largest)} (target under ${TARGET_MS})`,
    );
  if (growth > TARGET_GROWTH)
    missed.push(`growth ${growth.toFixed(2)} (target at most ${TARGET_GROWTH})`);
  if (mb(memory.peakRss) >= TARGET_MEMORY_MB)
    missed.push(`server peak memory ${mb(memory.peakRss)} MB (target under ${TARGET_MEMORY_MB})`);
  if (worstP > TARGET_P_ERROR)
    missed.push(`aggregated p-values off by ${worstP.toExponential(1)} (target ${TARGET_P_ERROR})`);
  const slowestPlan = Math.max(...[...planTimings.values()].flatMap((t) => [...t.each.values()]));
  if (slowestPlan >= TARGET_PLAN_MS)
    missed.push(`a plan takes ${slowestPlan.toFixed(0)} ms (target under ${TARGET_PLAN_MS})`);
  if (worstInterval > TARGET_INTERVAL_ERROR)
    missed.push(`aggregated intervals off by ${(worstInterval * 100).toFixed(2)}% (target 1%)`);
  const rebuildSeconds = rebuildTimes.get(largest)!;
  if (rebuildSeconds >= TARGET_REBUILD_SECONDS)
    missed.push(
      `rebuildAggregates takes ${rebuildSeconds.toFixed(0)} s at ${sizeLabel(largest)} hosts (target under ${TARGET_REBUILD_SECONDS})`,
    );

  const report = [
    '',
    `Fleet comparison (${settings.runs} runs, medians; the experiment page's ${experimentPageQueries(['btrfs', 'ext4', 'xfs']).length} queries sent together, and some alone, in ms):`,
    ...formatTable([
      [
        'hosts',
        'page',
        'all metrics',
        'metric detail',
        'xfs segment',
        'hosts page',
        'hosts filtered',
        'plan',
        'plan filtered',
        'MW |Δp|',
        'rebuild s',
      ],
      ...rows,
    ]),
    `Aggregated against exact (up to ${sizeLabel(settings.exactUpTo)} hosts): p-values within ${worstP.toExponential(1)} (target ${TARGET_P_ERROR}), intervals within ${(worstInterval * 100).toFixed(3)}% (target 1%)`,
    `Bulk: optInMatching ${fmt(optedIn.optInMatching.changed)} hosts in ${optInSeconds.toFixed(1)} s, optOutMatching in ${optOutSeconds.toFixed(1)} s`,
    `Server peak memory ${mb(memory.peakRss)} MB (target under ${TARGET_MEMORY_MB})`,
    `rebuildAggregates at ${sizeLabel(largest)} hosts: ${rebuildSeconds.toFixed(0)} s (target < ${TARGET_REBUILD_SECONDS} s)`,
    ...problems.map((p) => `PROBLEM: ${p}`),
    ...missed.map((m) => `TARGET MISSED: ${m}`),
    `fleet comparison ms at ${sizeLabel(largest)}: ${last.toFixed(0)}; growth ${sizeLabel(largest)}/${sizeLabel(settings.sizes[0]!)}: ${growth.toFixed(2)}`,
  ];
  if (problems.length || missed.length) throw new ReportedFailure(report);
  return report;
}

await runBench(main);
