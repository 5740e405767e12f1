// `npm run bench:compare`: does the `comparison` query stay fast as telemetry grows,
// and are its percentiles (from the per-arm histograms) those of the raw samples?
//
// How it runs: like bench:ingest (see there), the npm script builds shared and server,
// compiles test/bench with tsc and runs the output with plain Node.
//
// What it does, all on this machine:
//   1. starts a throwaway embedded PostgreSQL with normal durability (pg_stat_statements
//      preloaded, to tell which of the server's statements take the time) and the
//      built server as a child process (NODE_ENV=production);
//   2. through the API: an enroll secret, BENCH_HOSTS hosts with varied facts, a change,
//      a running experiment with two arms 50/50 judged on install_duration_ms (PRIMARY,
//      margin 0.02) and download_bytes (GUARDRAIL), and every host opted in (by ids, as
//      an operator does). Then, by SQL, the opt-ins and the start are moved 30 days
//      back: the samples are loaded directly, like a bulk import of history, and must
//      fall in the hosts' in-experiment period;
//   3. for each size in BENCH_SIZES (cumulatively: 100k, then 900k more, then 9M
//      more) COPYs package_transaction samples (4 log-normal values each) into
//      `sample`: 90% spread over the last 20 days (in the experiment), 10% over the 7
//      days before the opt-in (the pre-period CUPED uses). The rollups the folder
//      would have kept are computed while generating, with its rules (periodOf,
//      sketchBucketOf; bench:fleet checks the folder itself against bulk SQL), added
//      up over everything loaded so far, and written to host_metric_rollup and
//      arm_metric_histogram (replacing the previous size's). Then VACUUM ANALYZE and CHECKPOINT, so that no autovacuum or
//      checkpoint of the load runs while timing;
//   4. at each size times `comparison` over HTTP for install_duration_ms, for all
//      hosts and for the segment ROOT_FS_TYPE=btrfs: one warm-up, then the median of
//      BENCH_RUNS runs; pg_stat_statements tells which SQL the time goes to;
//   5. at the largest size, times p50/p90/p99 per arm computed by percentile_cont over
//      the raw samples (median of BENCH_RAW_RUNS runs) and compares them with the
//      comparison's;
//   6. prints a table, the targets (10M within 2x of 100k; raw/rollup at least 100),
//      the checks, and as its last line `compare raw/rollup ratio at 10M: R`.
// It exits 1 on an error or a failed check (rollups that do not add up to the samples,
// a percentile more than 1% off percentile_cont), and after printing everything when a
// time target is missed. Everything it started is stopped and its temporary folder removed, also on
// failure or Ctrl-C.
import { createHash, randomUUID } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ValidSample } from '@fleetlab/shared';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  BENCH_ADMIN_TOKEN,
  forEachConcurrently,
  gql,
  postGraphQL,
  startRunningExperiment,
} from './lib/api.js';
import {
  hostFacts,
  packageTransaction,
  Random,
  toCopyLine,
  TRANSACTION_METRICS,
} from './lib/fleet-data.js';
import {
  envInt,
  fmt,
  formatTable,
  log,
  makeTempDir,
  median,
  mb,
  ReportedFailure,
  runBench,
  serverNodeArgs,
  startBenchDatabase,
  startBenchServer,
} from './lib/harness.js';
import { memoryOf } from './lib/processes.js';
import { RollupAccumulator, type EnrolledHost } from './lib/rollup-accumulator.js';
import { COW_EXPERIMENT } from '../support/operations.js';

const DAY_MS = 86_400_000;
const TARGET_GROWTH = 2;
const TARGET_RAW_RATIO = 100;
const MAX_PERCENTILE_ERROR = 0.01;
const QUANTILES = [
  { p: 0.5, field: 'median', label: 'p50' },
  { p: 0.9, field: 'p90', label: 'p90' },
  { p: 0.99, field: 'p99', label: 'p99' },
] as const;
/** When the opt-ins are moved back to, and how the samples spread around them. */
const OPTED_IN_DAYS_AGO = 30;
const IN_DAYS = 20;
const PRE_DAYS = 7;
const PRE_SHARE = 0.1;
/** Samples generated, folded and sent per chunk (one host's). */
const CHUNK = 1000;
/** The treatment's effect on durations, on hosts that can reflink (as with RPM CoW). */
const TREATMENT_EFFECT = 0.85;

const settings = {
  hosts: envInt('BENCH_HOSTS', 2000),
  sizes: envSizes('BENCH_SIZES', [100_000, 1_000_000, 10_000_000]),
  runs: envInt('BENCH_RUNS', 7),
  rawRuns: envInt('BENCH_RAW_RUNS', 3),
  concurrency: 8,
  /** Keep PostgreSQL and the server after the report, until Ctrl-C, to look into them. */
  hold: process.env.BENCH_HOLD === '1',
};

const METRIC = 'install_duration_ms';
const SEGMENT = { dimension: 'ROOT_FS_TYPE', value: 'btrfs' } as const;
const EXPERIMENT = {
  changeSlug: 'rpm-cow',
  slug: 'rpm-cow-compare',
  title: 'RPM copy-on-write (comparison benchmark)',
  arms: COW_EXPERIMENT.arms,
  targeting: COW_EXPERIMENT.targeting,
  metrics: [
    { metric: 'install_duration_ms', role: 'PRIMARY', margin: 0.02 },
    { metric: 'download_bytes', role: 'GUARDRAIL', margin: 0.05 },
  ],
};
/** Every value of a sample is rolled up, judged metric or not. */
const METRICS = TRANSACTION_METRICS;

// What a dashboard asks for (the same selection as test/api/comparison.test.ts).
const COMPARISON = `query($slug: String!, $metric: String!, $segment: SegmentInput, $window: WindowInput) {
  comparison(experimentSlug: $slug, metric: $metric, segment: $segment, window: $window) {
    experimentSlug metric segment window { from to }
    arms { armKey baseline hosts samples mean median p90 p99 }
    comparisons { armKey absoluteDiff relativeDiff ciLow ciHigh welchP mannWhitneyP hodgesLehmann hlCiLow hlCiHigh cupedRelativeDiff adjustedP verdict hostsNeeded }
    health { name status message }
    distributionOf
    distributions { armKey bins { from to count } ecdf { value fraction } }
    timeSeries { armKey day hosts samples mean ciLow ciHigh }
  }
}`;
/** The windowed comparison reads per-day rollups: the last week. */
const WINDOW_DAYS = 7;

interface ArmSummary {
  armKey: string;
  hosts: number;
  samples: number;
  median: number | null;
  p90: number | null;
  p99: number | null;
}

interface Comparison {
  arms: ArmSummary[];
  comparisons: { armKey: string; relativeDiff: number | null; verdict: string }[];
}

/** A host as the generator sees it. */
interface FleetHost extends EnrolledHost {
  /** Host-to-host speed: durations are multiplied by it. */
  speed: number;
  /** Durations are multiplied by this on treatment hosts that can reflink. */
  effect: number;
}

interface Statement {
  query: string;
  msPerRequest: number;
  callsPerRequest: number;
  rowsPerCall: number;
}

interface Timing {
  ms: number;
  runs: number[];
  sqlMs: number;
  statements: Statement[];
  result: Comparison;
}

interface SizeResult {
  samples: number;
  loadSeconds: number;
  rollupSeconds: number;
  vacuumSeconds: number;
  hostRows: number;
  histogramRows: number;
  histogramRowsOfMetric: number;
  histogramBytes: number;
  all: Timing;
  segment: Timing;
  window: Timing;
}

// ---------------------------------------------------------------- run

/** What the phases share: the database, the server and the fleet set up through the API. */
interface Bench {
  db: Awaited<ReturnType<typeof startBenchDatabase>>;
  sql: pg.Client;
  server: Awaited<ReturnType<typeof startBenchServer>>;
  url: string;
  experimentId: string;
  arms: { id: string; key: string; baseline: boolean }[];
  hosts: FleetHost[];
  perArm: string[];
  btrfsHosts: number;
  loadNow: number;
  optedInAt: Date;
}

/** The raw samples' percentiles at the largest size, against the comparison's. */
interface RawScan {
  rawMs: number;
  rawRuns: number[];
  errors: { arm: string; label: string; exact: number; sketch: number; error: number }[];
  maxError: number;
}

async function main(): Promise<string[]> {
  const startedAt = performance.now();
  const bench = await setUp();
  const rollups = new RollupAccumulator(
    bench.experimentId,
    bench.arms.map((a) => a.id),
    METRICS,
    bench.hosts,
  );
  const results: SizeResult[] = [];
  const problems: string[] = [];
  let loaded = 0;
  for (const [step, size] of settings.sizes.entries()) {
    results.push(await measureSize(bench, rollups, step, loaded, size, problems));
    loaded = size;
  }
  const raw = await rawScan(bench, results.at(-1)!, problems);
  return report(bench, results, raw, problems, startedAt);
}

/** A throwaway PostgreSQL and the server; the fleet enrolled and opted in through the API. */
async function setUp(): Promise<Bench> {
  const sizes = settings.sizes;
  log(
    `Comparison benchmark: ${fmt(settings.hosts)} hosts, sizes ${sizes.map(sizeLabel).join(', ')} samples ` +
      `x ${METRICS.length} values, median of ${settings.runs} runs (raw scan: ${settings.rawRuns})`,
  );
  const tmp = makeTempDir();
  const db = await startBenchDatabase(tmp, { preloadLibraries: ['pg_stat_statements'] });
  const sql = db.sql;
  log(db.info);
  const server = await startBenchServer(db.url, serverNodeArgs());
  log(`Server pid ${server.pid} at ${server.url}`);
  await sql.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  const url = server.url;

  // -------------------------------------------------- the fleet and the experiment, through the API
  const setupStarted = performance.now();
  const random = new Random(20260303);
  const { createEnrollSecret } = await gql<{ createEnrollSecret: { secret: string } }>(
    url,
    `mutation($input: CreateEnrollSecretInput!) { createEnrollSecret(input: $input) { secret } }`,
    { input: { name: 'bench-compare-fleet' } },
  );
  const runId = randomUUID();
  const facts = Array.from({ length: settings.hosts }, (_, i) => hostFacts(random, i));
  const hostIds: string[] = new Array<string>(settings.hosts);
  await forEachConcurrently(settings.hosts, settings.concurrency, async (i) => {
    const { enrollHost } = await gql<{ enrollHost: { host: { id: string } } }>(
      url,
      `mutation($input: EnrollHostInput!) { enrollHost(input: $input) { host { id } } }`,
      {
        input: {
          enrollSecret: createEnrollSecret.secret,
          machineIdHash: createHash('sha256').update(`${runId}-${i}`).digest('hex'),
          hostname: `compare-${String(i).padStart(5, '0')}.example.org`,
          facts: facts[i],
        },
      },
    );
    hostIds[i] = enrollHost.host.id;
  });
  await startRunningExperiment(url, EXPERIMENT);
  for (let from = 0; from < hostIds.length; from += 500) {
    await gql(
      url,
      `mutation($slug: String!, $hostIds: [ID!]) { optInHosts(experimentSlug: $slug, hostIds: $hostIds) { status } }`,
      { slug: EXPERIMENT.slug, hostIds: hostIds.slice(from, from + 500) },
    );
  }

  // The samples are history loaded in bulk: move the opt-ins (and the start) back so
  // that they fall in the in-experiment period, as if the hosts had opted in then.
  const loadNow = Date.now();
  const optedInAt = new Date(loadNow - OPTED_IN_DAYS_AGO * DAY_MS);
  const experimentId = (
    await sql.query<{ id: string }>('SELECT id FROM experiment WHERE slug = $1', [EXPERIMENT.slug])
  ).rows[0]!.id;
  await sql.query(
    'UPDATE enrollment SET first_opted_in_at = $2, opted_in_at = $2 WHERE experiment_id = $1',
    [experimentId, optedInAt],
  );
  await sql.query('UPDATE experiment SET started_at = $2 WHERE id = $1', [experimentId, optedInAt]);
  const arms = (
    await sql.query<{ id: string; key: string; baseline: boolean }>(
      'SELECT id, key, baseline FROM arm WHERE experiment_id = $1 ORDER BY position',
      [experimentId],
    )
  ).rows;
  const enrolled = new Map(
    (
      await sql.query<{ host_id: string; arm_id: string; first_opted_in_at: Date }>(
        'SELECT host_id, arm_id, first_opted_in_at FROM enrollment WHERE experiment_id = $1',
        [experimentId],
      )
    ).rows.map((r) => [r.host_id, r]),
  );
  const hostRandom = new Random(20260304);
  const hosts: FleetHost[] = hostIds.map((id, i) => {
    const enrollment = enrolled.get(id);
    if (!enrollment) throw new Error(`host ${id} is not enrolled`);
    const arm = arms.find((a) => a.id === enrollment.arm_id)!;
    const treated = !arm.baseline && facts[i]!.reflink === true;
    return {
      id,
      armId: enrollment.arm_id,
      firstOptedInAt: enrollment.first_opted_in_at,
      speed: hostRandom.logNormal(1, 0.2),
      effect: treated ? TREATMENT_EFFECT : 1,
    };
  });
  const perArm = arms.map((a) => `${a.key} ${hosts.filter((h) => h.armId === a.id).length}`);
  const btrfsHosts = facts.filter((f) => f.rootFsType === SEGMENT.value).length;
  log(
    `Enrolled ${fmt(settings.hosts)} hosts (${perArm.join(', ')}; ${fmt(btrfsHosts)} on btrfs) ` +
      `and opted them in to ${EXPERIMENT.slug} in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s; ` +
      `opt-ins moved to ${optedInAt.toISOString()}`,
  );

  return {
    db,
    sql,
    server,
    url,
    experimentId,
    arms,
    hosts,
    perArm,
    btrfsHosts,
    loadNow,
    optedInAt,
  };
}

/**
 * Loads what one size adds (the samples by COPY, then the rollups of everything loaded
 * so far), checks them, and times the comparison for all hosts, a segment and a window.
 */
async function measureSize(
  bench: Bench,
  rollups: RollupAccumulator,
  step: number,
  loaded: number,
  size: number,
  problems: string[],
): Promise<SizeResult> {
  const { sql, url, hosts, loadNow, optedInAt } = bench;
  // Load what this size adds, then the rollups of everything loaded so far.
  const loadStarted = performance.now();
  const added = size - loaded;
  const copied = await copyText(
    sql,
    'COPY sample (host_id, sample_id, kind, observed_at, metric_values, context) FROM STDIN',
    generateSamples(
      hosts,
      (host, samples) => {
        rollups.add(host, samples);
      },
      { first: loaded, count: added, random: new Random(1000 + step) },
      { now: loadNow, optedInAt: optedInAt.getTime() },
    ),
  );
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  if (copied !== added)
    problems.push(`COPY stored ${copied} samples at ${sizeLabel(size)}, expected ${added}`);
  const rollupStarted = performance.now();
  // Only this experiment has rollups here: replace them with the new totals.
  await sql.query(
    'TRUNCATE host_metric_rollup, host_metric_daily, host_metric_daily_by_size, arm_metric_histogram',
  );
  await copyText(
    sql,
    'COPY host_metric_rollup (experiment_id, host_id, metric, period, arm_id, count, sum, sum_sq, min, max) FROM STDIN',
    chunksOf(rollups.hostRollupLines()),
  );
  await copyText(
    sql,
    'COPY host_metric_daily (experiment_id, metric, day, host_id, arm_id, count, sum, sum_sq) FROM STDIN',
    chunksOf(rollups.dailyLines(false)),
  );
  await copyText(
    sql,
    'COPY host_metric_daily_by_size (experiment_id, metric, day, host_id, size_class, arm_id, count, sum, sum_sq) FROM STDIN',
    chunksOf(rollups.dailyLines(true)),
  );
  await copyText(
    sql,
    'COPY arm_metric_histogram (experiment_id, arm_id, metric, day, bucket, shard, count) FROM STDIN',
    chunksOf(rollups.histogramLines()),
  );
  // What the server's maintenance does every six hours: days that are over keep one
  // histogram row per bucket instead of one per shard.
  await sql.query(`SELECT fleetlab_compact_histograms((now() AT TIME ZONE 'UTC')::date)`);
  // A server compacts a day at a time and autovacuum reuses the space; a bulk load
  // compacts twenty days at once, so the space is given back here.
  await sql.query('VACUUM FULL arm_metric_histogram');
  const rollupSeconds = (performance.now() - rollupStarted) / 1000;
  const vacuumStarted = performance.now();
  await sql.query(
    'VACUUM (ANALYZE) sample, host_metric_rollup, host_metric_daily, host_metric_daily_by_size, arm_metric_histogram',
  );
  await sql.query('CHECKPOINT');
  await waitForAutovacuum(sql);
  const vacuumSeconds = (performance.now() - vacuumStarted) / 1000;
  const counts = rollups.rowCounts();
  const histogramBytes = Number(
    (await sql.query<{ n: string }>(`SELECT pg_total_relation_size('arm_metric_histogram') AS n`))
      .rows[0]!.n,
  );
  log(
    `${sizeLabel(size)}: loaded in ${loadSeconds.toFixed(1)} s (${fmt(Math.round(added / loadSeconds))} samples/s, ` +
      `bench RSS ${mb(process.memoryUsage().rss)} MB), rollups written in ${rollupSeconds.toFixed(1)} s, vacuum+checkpoint ${vacuumSeconds.toFixed(1)} s; ` +
      `${fmt(counts.hostRows)} host rollup rows, ${fmt(counts.dailyRows)} daily rows (${fmt(counts.sizeRows)} by size), ${fmt(counts.histogramRows)} histogram rows`,
  );
  problems.push(...(await checkRollups(sql, size, rollups)));

  // Time the comparison.
  const expectedSamples = rollups.values.IN / METRICS.length;
  const all = await timeComparison(sql, url, { slug: EXPERIMENT.slug, metric: METRIC });
  const segment = await timeComparison(sql, url, {
    slug: EXPERIMENT.slug,
    metric: METRIC,
    segment: SEGMENT,
  });
  const window = await timeComparison(sql, url, {
    slug: EXPERIMENT.slug,
    metric: METRIC,
    window: { from: new Date(loadNow - (WINDOW_DAYS - 1) * DAY_MS).toISOString() },
  });
  const answered = all.result.arms.reduce((sum, a) => sum + a.samples, 0);
  if (answered !== expectedSamples)
    problems.push(
      `at ${sizeLabel(size)} the comparison counts ${answered} samples in the experiment, expected ${expectedSamples}`,
    );
  const hostsAnswered = all.result.arms.reduce((sum, a) => sum + a.hosts, 0);
  if (hostsAnswered !== settings.hosts)
    problems.push(
      `at ${sizeLabel(size)} the comparison has ${hostsAnswered} hosts, expected ${settings.hosts}`,
    );
  log(
    `${sizeLabel(size)}: comparison ${all.ms.toFixed(1)} ms (SQL ${all.sqlMs.toFixed(1)} ms), ` +
      `segment ${segment.ms.toFixed(1)} ms (SQL ${segment.sqlMs.toFixed(1)} ms), ` +
      `last ${WINDOW_DAYS} days ${window.ms.toFixed(1)} ms (SQL ${window.sqlMs.toFixed(1)} ms)`,
  );
  return {
    samples: size,
    loadSeconds,
    rollupSeconds,
    vacuumSeconds,
    hostRows: counts.hostRows,
    histogramRows: counts.histogramRows,
    histogramRowsOfMetric: counts.histogramRowsOf.get(METRIC) ?? 0,
    histogramBytes,
    all,
    segment,
    window,
  };
}

/** percentile_cont over the raw samples at the largest size, and how far the histograms are off. */
async function rawScan(bench: Bench, last: SizeResult, problems: string[]): Promise<RawScan> {
  const { sql, experimentId } = bench;
  log(`${sizeLabel(last.samples)}: percentile_cont over the raw samples, ${settings.rawRuns} runs`);
  const rawRuns: number[] = [];
  let raw: RawPercentiles[] = [];
  for (let run = 0; run < settings.rawRuns; run++) {
    const started = performance.now();
    raw = await rawPercentiles(sql, experimentId);
    rawRuns.push(performance.now() - started);
    log(`  run ${run + 1}: ${(rawRuns.at(-1)! / 1000).toFixed(2)} s`);
  }
  const rawMs = median(rawRuns);
  const errors: { arm: string; label: string; exact: number; sketch: number; error: number }[] = [];
  for (const arm of last.all.result.arms) {
    const exact = raw.find((r) => r.armKey === arm.armKey);
    if (!exact) {
      problems.push(`percentile_cont found no samples of arm ${arm.armKey}`);
      continue;
    }
    if (exact.samples !== arm.samples)
      problems.push(
        `arm ${arm.armKey}: ${exact.samples} raw samples in the experiment, the comparison counts ${arm.samples}`,
      );
    QUANTILES.forEach(({ field, label }, i) => {
      const sketch = arm[field];
      const value = exact.values[i]!;
      const error = sketch === null ? Infinity : Math.abs(sketch - value) / Math.abs(value);
      errors.push({ arm: arm.armKey, label, exact: value, sketch: sketch ?? NaN, error });
    });
  }
  const maxError = Math.max(...errors.map((e) => e.error));
  if (!(maxError <= MAX_PERCENTILE_ERROR))
    problems.push(
      `a percentile is ${(maxError * 100).toFixed(2)}% off percentile_cont (at most ${MAX_PERCENTILE_ERROR * 100}%)`,
    );
  return { rawMs, rawRuns, errors, maxError };
}

/** The report: a table per size, where the time goes, the percentiles' errors, the targets. */
async function report(
  bench: Bench,
  results: SizeResult[],
  raw: RawScan,
  problems: string[],
  startedAt: number,
): Promise<string[]> {
  const { db, server, url, perArm, btrfsHosts } = bench;
  const { rawMs, rawRuns, errors, maxError } = raw;
  const last = results.at(-1)!;
  server.assertRunning();
  const first = results[0]!;
  const growth = {
    all: last.all.ms / first.all.ms,
    segment: last.segment.ms / first.segment.ms,
    window: last.window.ms / first.window.ms,
  };
  const rawRatio = rawMs / last.all.ms;
  const met = (ok: boolean): string => (ok ? 'met' : 'NOT met');
  const ms = (x: number): string => x.toFixed(1);
  const table = formatTable([
    [
      'samples',
      'load s',
      'rollups s',
      'host rollup rows',
      'histogram rows written',
      `of ${METRIC}`,
      'histogram MB',
      'comparison ms',
      'SQL ms',
      `segment ms`,
      'SQL ms',
      `${WINDOW_DAYS}-day window ms`,
      'SQL ms',
      'raw scan ms',
    ],
    ...results.map((r) => [
      fmt(r.samples),
      r.loadSeconds.toFixed(1),
      r.rollupSeconds.toFixed(1),
      fmt(r.hostRows),
      fmt(r.histogramRows),
      fmt(r.histogramRowsOfMetric),
      fmt(mb(r.histogramBytes)),
      ms(r.all.ms),
      ms(r.all.sqlMs),
      ms(r.segment.ms),
      ms(r.segment.sqlMs),
      ms(r.window.ms),
      ms(r.window.sqlMs),
      r === last ? fmt(Math.round(rawMs)) : '',
    ]),
  ]);
  const statementLines = results.flatMap((r) =>
    (
      [
        ['all', r.all],
        [`${SEGMENT.dimension}=${SEGMENT.value}`, r.segment],
        [`last ${WINDOW_DAYS} days`, r.window],
      ] as const
    ).flatMap(([name, timing]) => [
      `  ${sizeLabel(r.samples)} ${name}: runs ${timing.runs.map(ms).join(', ')} ms`,
      ...timing.statements
        .slice(0, 3)
        .map(
          (s) =>
            `    ${ms(s.msPerRequest).padStart(7)} ms  ${s.callsPerRequest === 1 ? '' : `${s.callsPerRequest.toFixed(1)} calls, `}` +
            `${fmt(Math.round(s.rowsPerCall))} rows  ${shorten(s.query, 110)}`,
        ),
    ]),
  );
  const errorLines = errors.map(
    (e) =>
      `  ${e.arm.padEnd(10)} ${e.label}: histogram ${ms(e.sketch)} ms, percentile_cont ${ms(e.exact)} ms, ` +
      `error ${(e.error * 100).toFixed(3)}%`,
  );
  const label = sizeLabel(last.samples);
  const firstLabel = sizeLabel(first.samples);
  const minutes = (performance.now() - startedAt) / 60_000;
  const verdicts = last.all.result.comparisons
    .map((c) => `${c.armKey} ${c.verdict} (${((c.relativeDiff ?? NaN) * 100).toFixed(1)}%)`)
    .join(', ');
  const report = [
    '',
    `Comparison benchmark (${db.info})`,
    `${fmt(settings.hosts)} hosts opted in (${perArm.join(', ')}; ${fmt(btrfsHosts)} on btrfs), the same at every size; ` +
      `${METRICS.length} values per sample, ${Math.round((1 - PRE_SHARE) * 100)}% of samples over ${IN_DAYS} days in the experiment, ` +
      `${Math.round(PRE_SHARE * 100)}% in the pre-period; ${os.cpus().length} CPUs shared by the server, PostgreSQL and this process`,
    `comparison(${METRIC}) over HTTP: median of ${settings.runs} runs after a warm-up; segment ${SEGMENT.dimension}=${SEGMENT.value}; ` +
      `SQL ms: the server's statements per request (pg_stat_statements); raw scan: percentile_cont over \`sample\`, median of ${settings.rawRuns}`,
    '',
    ...table,
    '',
    `Where the database time goes (per request: ms, rows, statement):`,
    ...statementLines,
    '',
    `Percentiles of ${METRIC} at ${label}, histogram (comparison) against percentile_cont over the raw samples:`,
    ...errorLines,
    `verdict at ${label}: ${verdicts}; server peak RSS ${mb(memoryOf(server.pid).peakRss)} MB`,
    '',
    `target comparison at ${label} within ${TARGET_GROWTH}x of ${firstLabel}: all hosts ${met(growth.all <= TARGET_GROWTH)} (x${growth.all.toFixed(2)}), ` +
      `segment ${met(growth.segment <= TARGET_GROWTH)} (x${growth.segment.toFixed(2)}), ` +
      `${WINDOW_DAYS}-day window ${met(growth.window <= TARGET_GROWTH)} (x${growth.window.toFixed(2)})`,
    `target raw/rollup ratio at ${label} >= ${TARGET_RAW_RATIO}: ${met(rawRatio >= TARGET_RAW_RATIO)} (${rawRatio.toFixed(1)})`,
    `check percentiles within ${MAX_PERCENTILE_ERROR * 100}% of percentile_cont: ${maxError <= MAX_PERCENTILE_ERROR ? 'OK' : 'FAILED'} ` +
      `(largest error ${(maxError * 100).toFixed(3)}%)`,
    ...(problems.length ? ['', 'FAILED checks:', ...problems.map((p) => `  - ${p}`)] : []),
    `checks: ${problems.length === 0 ? 'rollups match the samples at every size, the comparison counts every sample, percentiles within 1%' : 'FAILED'}`,
    `runtime: ${minutes.toFixed(1)} min (sample loads ${results.reduce((s, r) => s + r.loadSeconds, 0).toFixed(0)} s, ` +
      `rollup writes ${results.reduce((s, r) => s + r.rollupSeconds, 0).toFixed(0)} s, ` +
      `vacuum ${results.reduce((s, r) => s + r.vacuumSeconds, 0).toFixed(0)} s, raw scans ${(rawRuns.reduce((s, x) => s + x, 0) / 1000).toFixed(0)} s)`,
    `compare raw/rollup ratio at ${label}: ${rawRatio.toFixed(1)}`,
  ];
  if (settings.hold) {
    for (const line of report) console.log(line);
    log(`BENCH_HOLD: PostgreSQL at ${db.url}, server at ${url}; Ctrl-C stops them`);
    await new Promise(() => {});
  }
  const missed =
    growth.all > TARGET_GROWTH ||
    growth.segment > TARGET_GROWTH ||
    growth.window > TARGET_GROWTH ||
    rawRatio < TARGET_RAW_RATIO;
  // A missed target fails the run too, after the whole report (npm run bench exits 1).
  if (problems.length || missed) throw new ReportedFailure(report);
  return report;
}

// ---------------------------------------------------------------- samples

/**
 * COPY text of `count` new samples, one host after the other (ids from `first` on),
 * each chunk handed to `fold` as it is made.
 */
function* generateSamples(
  hosts: readonly FleetHost[],
  fold: (host: number, samples: ValidSample[]) => void,
  { first, count, random }: { first: number; count: number; random: Random },
  time: { now: number; optedInAt: number },
): Generator<string> {
  let id = first;
  const inFrom = time.now - IN_DAYS * DAY_MS;
  const inTo = time.now - 60_000;
  const preFrom = time.optedInAt - PRE_DAYS * DAY_MS;
  for (let h = 0; h < hosts.length; h++) {
    const host = hosts[h]!;
    const share = Math.floor(count / hosts.length) + (h < count % hosts.length ? 1 : 0);
    for (let done = 0; done < share; done += CHUNK) {
      const size = Math.min(CHUNK, share - done);
      const samples: ValidSample[] = new Array<ValidSample>(size);
      const lines: string[] = new Array<string>(size);
      for (let i = 0; i < size; i++) {
        const observedAt = new Date(
          random.next() < PRE_SHARE
            ? random.between(preFrom, time.optedInAt - 1000)
            : random.between(inFrom, inTo),
        );
        const t = packageTransaction(random, `cmp-${id++}`, observedAt);
        const factor = host.speed * host.effect;
        t.values.install_duration_ms = Math.round(t.values.install_duration_ms * factor * 10) / 10;
        t.values.rpm_duration_ms = Math.round(t.values.rpm_duration_ms * factor * 10) / 10;
        lines[i] = toCopyLine(host.id, t);
        samples[i] = {
          id: t.id,
          kind: 'package_transaction',
          observedAt,
          values: t.values,
          context: t.context,
        };
      }
      fold(h, samples);
      yield lines.join('');
    }
  }
}

/** Streams COPY text (chunks of whole lines) into a COPY ... FROM STDIN; answers the rows stored. */
async function copyText(
  sql: pg.Client,
  statement: string,
  text: Iterable<string>,
): Promise<number> {
  const stream = sql.query(copyFrom(statement));
  await pipeline(Readable.from(text), stream);
  return stream.rowCount;
}

/** Lines as chunks of COPY text. */
function* chunksOf(lines: Iterable<string>, size = 2000): Generator<string> {
  let chunk: string[] = [];
  for (const line of lines) {
    chunk.push(line);
    if (chunk.length >= size) {
      yield chunk.join('\n') + '\n';
      chunk = [];
    }
  }
  if (chunk.length) yield chunk.join('\n') + '\n';
}

/** Every value of every sample loaded is in the host rollups, every in-experiment one in the histogram. */
async function checkRollups(
  sql: pg.Client,
  size: number,
  rollups: RollupAccumulator,
): Promise<string[]> {
  const problems: string[] = [];
  const number = async (query: string): Promise<number> =>
    Number((await sql.query<{ n: string }>(query)).rows[0]!.n);
  const stored = await number('SELECT count(*) AS n FROM sample');
  if (stored !== size) problems.push(`sample holds ${stored} rows, expected ${size}`);
  const values = await number('SELECT coalesce(sum(count), 0) AS n FROM host_metric_rollup');
  if (values !== size * METRICS.length)
    problems.push(
      `at ${sizeLabel(size)} host_metric_rollup counts ${values} values, expected ${size * METRICS.length}`,
    );
  const inValues = await number(
    `SELECT coalesce(sum(count), 0) AS n FROM host_metric_rollup WHERE period = 'IN'`,
  );
  for (const table of ['host_metric_daily', 'host_metric_daily_by_size']) {
    // Every bench sample is a package transaction with a size.
    const daily = await number(`SELECT coalesce(sum(count), 0) AS n FROM ${table}`);
    if (daily !== rollups.values.IN)
      problems.push(
        `at ${sizeLabel(size)} ${table} counts ${daily} values, expected ${rollups.values.IN}`,
      );
  }
  const histogram = await number('SELECT coalesce(sum(count), 0) AS n FROM arm_metric_histogram');
  if (inValues !== rollups.values.IN || histogram !== rollups.values.IN)
    problems.push(
      `at ${sizeLabel(size)} the IN rollups count ${inValues} values and the histogram ${histogram}, expected ${rollups.values.IN}`,
    );
  return problems;
}

// ---------------------------------------------------------------- timing

/** One warm-up, then BENCH_RUNS timed requests; pg_stat_statements covers only those. */
async function timeComparison(
  sql: pg.Client,
  url: string,
  variables: Record<string, unknown>,
): Promise<Timing> {
  const body = JSON.stringify({ query: COMPARISON, variables });
  let result = (await postGraphQL<{ comparison: Comparison }>(url, body, BENCH_ADMIN_TOKEN))
    .comparison;
  await sql.query('SELECT pg_stat_statements_reset()');
  const runs: number[] = [];
  for (let run = 0; run < settings.runs; run++) {
    const started = performance.now();
    result = (await postGraphQL<{ comparison: Comparison }>(url, body, BENCH_ADMIN_TOKEN))
      .comparison;
    runs.push(performance.now() - started);
  }
  const { rows } = await sql.query<{
    query: string;
    calls: string;
    total_exec_time: number;
    rows: string;
  }>(
    `SELECT query, calls, total_exec_time, rows FROM pg_stat_statements
      WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND query NOT LIKE '%pg_stat_statements%'
      ORDER BY total_exec_time DESC`,
  );
  const statements = rows.map((r) => ({
    query: r.query,
    msPerRequest: r.total_exec_time / settings.runs,
    callsPerRequest: Number(r.calls) / settings.runs,
    rowsPerCall: Number(r.rows) / Number(r.calls),
  }));
  return {
    ms: median(runs),
    runs,
    sqlMs: statements.reduce((sum, s) => sum + s.msPerRequest, 0),
    statements,
    result,
  };
}

interface RawPercentiles {
  armKey: string;
  samples: number;
  /** p50, p90, p99 */
  values: number[];
}

/**
 * The same percentiles, exactly, from every raw sample of the experiment's window (each
 * host's in-experiment period, from its first opt-in on), as one would without rollups.
 */
async function rawPercentiles(sql: pg.Client, experimentId: string): Promise<RawPercentiles[]> {
  const { rows } = await sql.query<{ key: string; n: string; p: number[] }>(
    `SELECT a.key, count(*) AS n,
            percentile_cont($2::float8[]) WITHIN GROUP (ORDER BY (s.metric_values->>'${METRIC}')::float8) AS p
       FROM sample s
       JOIN enrollment e ON e.host_id = s.host_id AND e.experiment_id = $1
       JOIN arm a ON a.id = e.arm_id
      WHERE s.kind = 'package_transaction'
        AND s.metric_values ? '${METRIC}'
        AND s.observed_at >= e.first_opted_in_at
        AND (e.status = 'OPTED_IN' OR s.observed_at < e.opted_out_at)
      GROUP BY a.key`,
    [experimentId, QUANTILES.map((q) => q.p)],
  );
  return rows.map((r) => ({ armKey: r.key, samples: Number(r.n), values: r.p }));
}

/** Waits (up to 2 minutes) until no autovacuum worker runs, so none competes with the timing. */
async function waitForAutovacuum(sql: pg.Client): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const { rows } = await sql.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'`,
    );
    if (Number(rows[0]!.n) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  log('autovacuum still running after 2 minutes; timing anyway');
}

// ---------------------------------------------------------------- helpers

function envSizes(name: string, fallback: number[]): number[] {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const sizes = raw.split(',').map((s) => Number(s.trim()));
  if (
    sizes.some((n) => !Number.isInteger(n) || n < 1) ||
    sizes.some((n, i) => i > 0 && n <= sizes[i - 1]!)
  )
    throw new Error(`${name} must be increasing positive whole numbers, e.g. 100000,1000000`);
  return sizes;
}

/** 100000 -> 100k, 10000000 -> 10M. */
function sizeLabel(n: number): string {
  if (n >= 1e6 && n % 1e5 === 0) return `${n / 1e6}M`;
  if (n >= 1e3 && n % 100 === 0) return `${n / 1e3}k`;
  return String(n);
}

function shorten(query: string, length: number): string {
  const flat = query.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 3)}...` : flat;
}

await runBench(main);
