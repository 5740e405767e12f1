// `npm run bench:ingest`: how fast the real server ingests telemetry through the
// public API, against PostgreSQL's own bulk path (COPY) into the same table.
//
// How it runs: the npm script builds shared and server, compiles test/bench with tsc
// (test/bench/tsconfig.json) and runs the output with plain Node, which cannot run
// TypeScript itself. tsc is already the project's compiler, so there is no loader
// hook or second transpiler to keep working.
//
// What it does, all on this machine:
//   1. starts a throwaway embedded PostgreSQL with normal durability (fsync,
//      synchronous_commit and full_page_writes on), and the built server as a child
//      process (`node server/dist/main.js`, NODE_ENV=production), so that its memory
//      is its own;
//   2. like a fleet would: an enroll secret, BENCH_HOSTS hosts with varied facts, a
//      change and a running experiment every host opts into (so each batch also
//      updates rollups), then BENCH_SAMPLES package transactions (4 values each) in
//      batches of BENCH_BATCH, BENCH_CONCURRENCY requests in flight, each batch from
//      one host with its own token. Half the samples predate the opt-in (the last 3
//      days: history a newly enrolled agent sends), half follow it;
//   3. COPYs as many rows of the same shape (other hosts, other ids) into `sample`
//      from memory over one connection;
//   4. checks with SQL that every row is there exactly once, prints the figures, and
//      as its last line `ingest api/copy ratio: R` (API values/s / COPY values/s).
// It exits 1 on any error, rejected, lost or duplicated sample, and after printing
// everything when a target is missed. Everything it started is stopped and its temporary
// folder removed, also on failure or Ctrl-C.
import { createHash, randomUUID } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { forEachConcurrently, gql, postGraphQL, startRunningExperiment } from './lib/api.js';
import {
  hostFacts,
  packageTransaction,
  Random,
  toCopyLine,
  toSampleInput,
  TRANSACTION_METRICS,
  type Transaction,
} from './lib/fleet-data.js';
import {
  envInt,
  fmt,
  formatTable,
  log,
  makeTempDir,
  mb,
  ReportedFailure,
  runBench,
  serverNodeArgs,
  startBenchDatabase,
  startBenchServer,
  type BenchDatabase,
} from './lib/harness.js';
import { cpuNow, cpuSince, memoryOf, type CpuTimes, type ServerProcess } from './lib/processes.js';
import { sampleTableOf } from '@fleetlab/shared';
import { COW_EXPERIMENT, INGEST, INGEST_TABLE } from '../support/operations.js';

const TARGET_PEAK_RSS_MB = 512;
const TARGET_RATIO = 0.5;
const DAY_MS = 86_400_000;
const VALUES_PER_SAMPLE = TRANSACTION_METRICS.length;

const settings = {
  hosts: envInt('BENCH_HOSTS', 200),
  samples: envInt('BENCH_SAMPLES', 250_000),
  batch: envInt('BENCH_BATCH', 1000),
  concurrency: envInt('BENCH_CONCURRENCY', 8),
  /** BENCH_STATEMENTS=1: also print the server's statements that took the most time. */
  statements: process.env.BENCH_STATEMENTS === '1',
  /**
   * BENCH_INGEST_FORM: `table` (ingestSampleTable, what the agent sends; default) or
   * `objects` (ingestSamples, one GraphQL object per sample).
   */
  form: process.env.BENCH_INGEST_FORM === 'objects' ? ('objects' as const) : ('table' as const),
};
const MUTATION = settings.form === 'table' ? 'ingestSampleTable' : 'ingestSamples';

const EXPERIMENT = {
  ...COW_EXPERIMENT,
  slug: 'rpm-cow-bench',
  title: 'RPM copy-on-write (benchmark)',
};

interface Host {
  id: string;
  token: string;
}

interface PhaseResult {
  seconds: number;
  /** `bench` is this process: the load generator (and the COPY client). */
  cpu: CpuTimes;
}

// ---------------------------------------------------------------- run

async function main(): Promise<string[]> {
  log(
    `Ingest benchmark: ${settings.hosts} hosts, ${fmt(settings.samples)} samples x ${VALUES_PER_SAMPLE} values, ` +
      `batches of ${settings.batch}, ${settings.concurrency} in flight`,
  );
  const tmp = makeTempDir();
  const {
    url: databaseUrl,
    sql,
    postgresPid,
    info: pgInfo,
  } = await startBenchDatabase(
    tmp,
    settings.statements ? { preloadLibraries: ['pg_stat_statements'] } : {},
  );
  if (settings.statements) await sql.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  log(pgInfo);

  const server = await startBenchServer(databaseUrl, serverNodeArgs());
  const rssAtStart = memoryOf(server.pid).rss;
  log(`Server pid ${server.pid} at ${server.url} (RSS ${mb(rssAtStart)} MB)`);

  // -------------------------------------------------- the fleet, through the API
  const url = server.url;
  const random = new Random(20260101);
  const { createEnrollSecret } = await gql<{ createEnrollSecret: { secret: string } }>(
    url,
    `mutation($input: CreateEnrollSecretInput!) { createEnrollSecret(input: $input) { secret } }`,
    { input: { name: 'bench-fleet' } },
  );
  const runId = randomUUID();
  const hosts: Host[] = new Array<Host>(settings.hosts);
  const facts = Array.from({ length: settings.hosts }, (_, i) => hostFacts(random, i));
  await forEachConcurrently(settings.hosts, settings.concurrency, async (i) => {
    const { enrollHost } = await gql<{ enrollHost: { token: string; host: { id: string } } }>(
      url,
      `mutation($input: EnrollHostInput!) { enrollHost(input: $input) { token host { id } } }`,
      {
        input: {
          enrollSecret: createEnrollSecret.secret,
          machineIdHash: createHash('sha256').update(`${runId}-${i}`).digest('hex'),
          hostname: `bench-${String(i).padStart(4, '0')}.example.org`,
          facts: facts[i],
        },
      },
    );
    hosts[i] = { id: enrollHost.host.id, token: enrollHost.token };
  });
  await startRunningExperiment(url, EXPERIMENT);
  const beforeOptIn = Date.now();
  await forEachConcurrently(settings.hosts, settings.concurrency, async (i) => {
    await gql(
      url,
      `mutation($slug: String!) { optIn(experimentSlug: $slug) { status arm { key } } }`,
      { slug: EXPERIMENT.slug },
      hosts[i]!.token,
    );
  });
  const afterOptIn = Date.now();
  log(`Enrolled ${settings.hosts} hosts and opted them into ${EXPERIMENT.slug}`);

  // Half the samples from the 3 days before the opt-in (they roll up as the
  // pre-period), half from after it (rolled up as in-experiment, and into the
  // per-arm histograms). Built before the clock starts.
  const observedAt = (r: Random): Date =>
    r.next() < 0.5
      ? new Date(r.between(beforeOptIn - 3 * DAY_MS, beforeOptIn - 1000))
      : new Date(r.between(afterOptIn, Date.now()));

  const batchCount = Math.ceil(settings.samples / settings.batch);
  const bodies: { host: Host; size: number; body: string }[] = [];
  for (let b = 0; b < batchCount; b++) {
    const size = Math.min(settings.batch, settings.samples - b * settings.batch);
    const samples = Array.from({ length: size }, (_, i) =>
      toSampleInput(packageTransaction(random, `api-${b}-${i}`, observedAt(random))),
    );
    bodies.push({
      host: hosts[b % settings.hosts]!,
      size,
      body: JSON.stringify(
        settings.form === 'table'
          ? { query: INGEST_TABLE, variables: { table: sampleTableOf(samples) } }
          : { query: INGEST, variables: { batch: { samples } } },
      ),
    });
  }
  const bodyBytes = bodies.reduce((sum, b) => sum + b.body.length, 0);
  log(
    `Built ${batchCount} request bodies (${fmt(Math.round(bodyBytes / batchCount / 1024))} KB each)`,
  );

  // -------------------------------------------------- API phase
  await sql.query('CHECKPOINT');
  if (settings.statements) await sql.query('SELECT pg_stat_statements_reset()');
  let accepted = 0;
  const latencies: number[] = [];
  const api = await measure(server, postgresPid, async () => {
    await forEachConcurrently(batchCount, settings.concurrency, async (b) => {
      const { host, size, body } = bodies[b]!;
      const started = performance.now();
      const answer = (
        await postGraphQL<
          Record<
            string,
            {
              accepted: number;
              duplicates: number;
              rejected: { id: string; code: string; reason: string }[];
            }
          >
        >(url, body, host.token)
      )[MUTATION]!;
      latencies.push(performance.now() - started);
      if (answer.accepted !== size || answer.duplicates !== 0 || answer.rejected.length !== 0) {
        const first = answer.rejected[0];
        throw new Error(
          `batch ${b}: accepted ${answer.accepted} of ${size}, ${answer.duplicates} duplicates, ` +
            `${answer.rejected.length} rejected${first ? ` (first: ${first.id} ${first.code}: ${first.reason})` : ''}`,
        );
      }
      accepted += answer.accepted;
    });
  });
  bodies.length = 0;
  server.assertRunning();
  const statements = settings.statements ? await topStatements(sql) : [];
  log(`API: ${fmt(accepted)} samples accepted in ${api.seconds.toFixed(2)} s`);

  // -------------------------------------------------- the folder catches up
  // Acknowledged batches wait in fold_queue for the folder; it folds while the API
  // phase runs and finishes here, before COPY is timed on a quiet database.
  const fold = await measure(server, postgresPid, async () => {
    for (;;) {
      const { rows } = await sql.query<{ n: string }>('SELECT count(*) AS n FROM fold_queue');
      if (rows[0]!.n === '0') return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  log(
    `Folder: caught up ${fold.seconds.toFixed(1)} s after the last acknowledgement ` +
      `(${fmt(Math.round((settings.samples * VALUES_PER_SAMPLE) / (api.seconds + fold.seconds)))} values/s folded over the API run and after it)`,
  );

  // -------------------------------------------------- COPY phase
  const copyHosts = Array.from({ length: settings.hosts }, () => randomUUID());
  const copyRandom = new Random(20260202);
  const chunks: string[] = [];
  let lines: string[] = [];
  for (let s = 0; s < settings.samples; s++) {
    const t: Transaction = packageTransaction(copyRandom, `copy-${s}`, observedAt(copyRandom));
    lines.push(toCopyLine(copyHosts[Math.floor(s / settings.batch) % settings.hosts]!, t));
    if (lines.length === 2000) {
      chunks.push(lines.join(''));
      lines = [];
    }
  }
  if (lines.length) chunks.push(lines.join(''));
  await sql.query('CHECKPOINT');
  let copied = 0;
  const copy = await measure(server, postgresPid, async () => {
    const stream = sql.query(
      copyFrom(
        'COPY sample (host_id, sample_id, kind, observed_at, metric_values, context) FROM STDIN',
      ),
    );
    await pipeline(Readable.from(chunks), stream);
    copied = stream.rowCount;
  });
  chunks.length = 0;
  log(`COPY: ${fmt(copied)} rows in ${copy.seconds.toFixed(2)} s`);

  // -------------------------------------------------- checks
  const problems: string[] = [];
  const count = async (query: string, params: unknown[]): Promise<number> =>
    Number((await sql.query<{ n: string }>(query, params)).rows[0]!.n);
  const apiHostIds = hosts.map((h) => h.id);
  const stored = await sql.query<{ rows: string; distinct_ids: string }>(
    `SELECT count(*) AS rows, count(DISTINCT (host_id, sample_id)) AS distinct_ids
       FROM sample WHERE host_id = ANY($1::uuid[])`,
    [apiHostIds],
  );
  const apiRows = Number(stored.rows[0]!.rows);
  const apiDistinct = Number(stored.rows[0]!.distinct_ids);
  if (accepted !== settings.samples)
    problems.push(`the API accepted ${accepted} samples, expected ${settings.samples}`);
  if (apiRows !== settings.samples)
    problems.push(`sample holds ${apiRows} rows from the API, expected ${settings.samples}`);
  if (apiDistinct !== apiRows) problems.push(`${apiRows - apiDistinct} API rows are duplicated`);
  const receipts = await count(
    'SELECT count(*) AS n FROM sample_receipt WHERE host_id = ANY($1::uuid[])',
    [apiHostIds],
  );
  if (receipts !== settings.samples)
    problems.push(`sample_receipt holds ${receipts} rows, expected ${settings.samples}`);
  // Every value falls in the pre-period or the in-experiment period of its host.
  const rolledUp = await count('SELECT coalesce(sum(count), 0) AS n FROM host_metric_rollup', []);
  if (rolledUp !== settings.samples * VALUES_PER_SAMPLE)
    problems.push(
      `host_metric_rollup counts ${rolledUp} values, expected ${settings.samples * VALUES_PER_SAMPLE}`,
    );
  const inPeriod = await count(
    `SELECT coalesce(sum(count), 0) AS n FROM host_metric_rollup WHERE period = 'IN'`,
    [],
  );
  const histogram = await count(
    'SELECT coalesce(sum(count), 0) AS n FROM arm_metric_histogram',
    [],
  );
  if (histogram !== inPeriod)
    problems.push(`arm_metric_histogram counts ${histogram} values, the IN rollups ${inPeriod}`);
  const copyStored = await sql.query<{ rows: string; distinct_ids: string }>(
    `SELECT count(*) AS rows, count(DISTINCT (host_id, sample_id)) AS distinct_ids
       FROM sample WHERE host_id = ANY($1::uuid[])`,
    [copyHosts],
  );
  const copyRows = Number(copyStored.rows[0]!.rows);
  if (copied !== settings.samples || copyRows !== settings.samples)
    problems.push(
      `COPY reported ${copied} rows and sample holds ${copyRows}, expected ${settings.samples}`,
    );
  if (Number(copyStored.rows[0]!.distinct_ids) !== copyRows)
    problems.push('COPY rows are duplicated');

  // -------------------------------------------------- figures
  server.assertRunning();
  const memory = memoryOf(server.pid);
  const values = settings.samples * VALUES_PER_SAMPLE;
  const apiRate = values / api.seconds;
  const copyRate = values / copy.seconds;
  const ratio = apiRate / copyRate;
  const peakMb = mb(memory.peakRss);
  latencies.sort((a, b) => a - b);
  const pct = (p: number): string =>
    `${Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0)}`;

  const rows: string[][] = [
    [
      'path',
      'samples',
      'values',
      'seconds',
      'values/s',
      'samples/s',
      'server CPU s',
      'postgres CPU s',
      'bench CPU s',
    ],
    ...(
      [
        [`API (${MUTATION})`, api],
        ['folder, after the API', fold],
        ['COPY (one stream)', copy],
      ] as const
    ).map(([name, phase]) => [
      name,
      fmt(settings.samples),
      fmt(values),
      phase.seconds.toFixed(2),
      fmt(Math.round(values / phase.seconds)),
      fmt(Math.round(settings.samples / phase.seconds)),
      phase.cpu.server.toFixed(1),
      phase.cpu.postgres.toFixed(1),
      phase.cpu.bench.toFixed(1),
    ]),
  ];
  const table = formatTable(rows);
  const met = (ok: boolean): string => (ok ? 'met' : 'NOT met');
  const report = [
    '',
    `Ingest benchmark (${pgInfo})`,
    `hosts ${settings.hosts}, batch ${fmt(settings.batch)} samples, concurrency ${settings.concurrency}, ` +
      `${VALUES_PER_SAMPLE} values per sample, all hosts opted in to a running experiment; ` +
      `${os.cpus().length} CPUs shared by the server, PostgreSQL and this process`,
    '',
    ...table,
    '',
    ...statements,
    `API request latency ms: p50 ${pct(0.5)}, p95 ${pct(0.95)}, max ${pct(1)}`,
    `server RSS: ${mb(rssAtStart)} MB after start, ${mb(memory.rss)} MB at the end, peak ${peakMb} MB (VmHWM)`,
    `target server peak RSS < ${TARGET_PEAK_RSS_MB} MB: ${met(peakMb < TARGET_PEAK_RSS_MB)} (${peakMb} MB)`,
    `target api/copy ratio >= ${TARGET_RATIO.toFixed(2)}: ${met(ratio >= TARGET_RATIO)} (${ratio.toFixed(2)})`,
    ...(problems.length ? ['', 'FAILED checks:', ...problems.map((p) => `  - ${p}`)] : []),
    `checks: ${problems.length === 0 ? `all ${fmt(settings.samples)} API samples and ${fmt(settings.samples)} COPY rows stored exactly once, rollups complete` : 'FAILED'}`,
    `ingest api/copy ratio: ${ratio.toFixed(2)}`,
  ];
  // A missed target fails the run too, after the whole report (npm run bench exits 1).
  if (problems.length || peakMb >= TARGET_PEAK_RSS_MB || ratio < TARGET_RATIO)
    throw new ReportedFailure(report);
  return report;
}

/** The statements of the API phase that took the most time, per batch. */
async function topStatements(sql: BenchDatabase['sql']): Promise<string[]> {
  const batches = Math.ceil(settings.samples / settings.batch);
  const { rows } = await sql.query<{ query: string; calls: string; total: number }>(
    `SELECT query, calls, total_exec_time AS total FROM pg_stat_statements
      WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT 8`,
  );
  return [
    'SQL ms per batch (pg_stat_statements, API phase):',
    ...rows.map(
      (r) =>
        `  ${(r.total / batches).toFixed(2).padStart(7)}  ${String(r.calls).padStart(6)} calls  ${r.query.replace(/\s+/g, ' ').slice(0, 90)}`,
    ),
    '',
  ];
}

/** Times `work`, with the CPU the server, PostgreSQL and this process spent meanwhile. */
async function measure(
  server: ServerProcess,
  postgresPid: number,
  work: () => Promise<void>,
): Promise<PhaseResult> {
  const before = cpuNow(server, postgresPid);
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  return { seconds, cpu: cpuSince(before, server, postgresPid) };
}

await runBench(main);
