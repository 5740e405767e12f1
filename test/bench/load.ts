// `npm run bench:load`: a whole fleet reporting at once. BENCH_LOAD_HOSTS simulated
// hosts send telemetry to the real server for BENCH_LOAD_SECONDS, each as its agent
// would, and the benchmark then checks that every sample the server acknowledged is
// stored exactly once.
//
// What it does, all on this machine:
//   1. starts a throwaway embedded PostgreSQL with normal durability, and the built
//      server as a child process (NODE_ENV=production) with the production rate limit
//      for hosts (120 requests a minute each);
//   2. through the API: an enroll secret, the hosts (32 enrolments at a time), a change
//      and a running experiment, and every host opted in with one `optInHosts` call;
//   3. the load: every host sleeps, then sends one `ingestSamples` batch of 1-20 new
//      package transactions, and again, until the deadline. The first sleep is random in
//      [0, interval] so the fleet is spread out, the next ones interval x 0.5-1.5. A batch
//      turned away (UNAVAILABLE, RATE_LIMITED, HTTP 429/5xx, a network error or a
//      timeout) is sent again, the same samples with the same ids, after the delay the
//      server asks for or an exponential backoff, until the server answers for it: what
//      an agent's spool does. Batches still on their way at the deadline are finished.
//      All requests share one keep-alive pool of BENCH_LOAD_MAX_SOCKETS sockets;
//   4. loads the acknowledged (host, sample id) pairs into a temporary table and counts
//      with SQL the ones missing from `sample` (lost) and the rows stored twice
//      (duplicated).
// It prints the throughput, the request latency, the errors by kind, the server's
// memory and CPU, and as its last line `load lost=N duplicated=M`. It exits 1 on a
// lost, duplicated or rejected sample (or a batch that never got through); a slow run
// is reported, not a failure.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { forEachConcurrently, gql, startRunningExperiment } from './lib/api.js';
import { hostFacts, packageTransaction, Random, toSampleInput } from './lib/fleet-data.js';
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
} from './lib/harness.js';
import { cpuNow, cpuSince, memoryOf, type ServerProcess } from './lib/processes.js';
import { COW_EXPERIMENT, INGEST } from '../support/operations.js';

const settings = {
  hosts: envInt('BENCH_LOAD_HOSTS', 10_000),
  seconds: envInt('BENCH_LOAD_SECONDS', 120),
  intervalSeconds: envInt('BENCH_LOAD_INTERVAL_SECONDS', 20),
  maxSockets: envInt('BENCH_LOAD_MAX_SOCKETS', 64),
};

const HOST_REQUESTS_PER_MINUTE = 120; // the server's production default
const ENROLL_CONCURRENCY = 32;
const MAX_BATCH = 20;
const PROGRESS_EVERY_MS = 15_000;
/** A request with no answer this long after it got a socket is dropped and sent again. */
const REQUEST_TIMEOUT_MS = 60_000;
/** The agent's backoff: 1 s doubling up to 5 min, times 0.5-1, at least what the server asks. */
const BACKOFF_BASE_MS = 1000;
const BACKOFF_MAX_MS = 5 * 60_000;
/** A batch still not through this long after the deadline is given up (and the run fails). */
const DRAIN_LIMIT_MS = 10 * 60_000;
const RETRYABLE_CODES = new Set(['UNAVAILABLE', 'RATE_LIMITED', 'INTERNAL_SERVER_ERROR']);

// The experiment targets rootFsType IN (btrfs, xfs, ext4): every host hostFacts makes.
const EXPERIMENT = { ...COW_EXPERIMENT, slug: 'rpm-cow-load', title: 'RPM copy-on-write (load)' };

interface Host {
  index: number;
  id: string;
  token: string;
  random: Random;
  /** Samples made so far (the next id's number). */
  made: number;
  /** Sample ids the server acknowledged. */
  acknowledged: string[];
}

interface IngestAnswer {
  accepted: number;
  duplicates: number;
  rejected: { id: string; code: string; reason: string }[];
}

/** One HTTP exchange: the answer, or why there is none (`kind`, for the error counts). */
type Outcome =
  | { ok: true; answer: IngestAnswer }
  | { ok: false; kind: string; retryable: boolean; retryAfterMs?: number; detail: string };

/** What the load phase counts. */
class Tally {
  requests = 0;
  inFlight = 0;
  waitingToRetry = 0;
  batches = 0;
  samples = 0;
  accepted = 0;
  duplicates = 0;
  rejected: string[] = [];
  /** Batches refused for good (a non-retryable error): their samples are rejected. */
  refused: string[] = [];
  abandoned = 0;
  errors = new Map<string, number>();
  /** ms from sending to the answer, waiting for a free socket in the pool included. */
  latency: number[] = [];
  /** ms from getting a socket to the answer: what the server takes. */
  wire: number[] = [];
  /** Acknowledged batches and samples by the deadline. */
  batchesByDeadline = 0;
  samplesByDeadline = 0;

  error(kind: string): void {
    this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
  }

  get errorCount(): number {
    return [...this.errors.values()].reduce((a, b) => a + b, 0);
  }
}

// ---------------------------------------------------------------- run

async function main(): Promise<string[]> {
  log(
    `Load benchmark: ${fmt(settings.hosts)} hosts, one batch every ~${settings.intervalSeconds} s each, ` +
      `for ${settings.seconds} s, ${settings.maxSockets} sockets`,
  );
  const tmp = makeTempDir();
  const { url: databaseUrl, sql, postgresPid, info: pgInfo } = await startBenchDatabase(tmp);
  log(pgInfo);
  const server = await startBenchServer(databaseUrl, serverNodeArgs(), {
    FLEETLAB_HOST_REQUESTS_PER_MINUTE: String(HOST_REQUESTS_PER_MINUTE),
    FLEETLAB_PERSON_REQUESTS_PER_MINUTE: '100000',
  });
  const rssAtStart = memoryOf(server.pid).rss;
  log(`Server pid ${server.pid} at ${server.url} (RSS ${mb(rssAtStart)} MB)`);

  const hosts = await enrollFleet(server.url);
  await startExperiment(server.url);
  const setupPeakRss = memoryOf(server.pid).peakRss;
  // The peak of the load phase alone: "5" resets VmHWM to the current RSS.
  const peakReset = resetPeakRss(server.pid);

  const tally = new Tally();
  const agent = new http.Agent({ keepAlive: true, maxSockets: settings.maxSockets });
  const cpuBefore = cpuNow(server, postgresPid);
  const started = performance.now();
  const deadline = started + settings.seconds * 1000;
  const progress = setInterval(() => logProgress(tally, started, server), PROGRESS_EVERY_MS);
  try {
    await Promise.all(hosts.map((host) => runHost(host, server, agent, tally, deadline)));
  } finally {
    clearInterval(progress);
    agent.destroy();
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSince(cpuBefore, server, postgresPid);
  server.assertRunning();
  const memory = memoryOf(server.pid);
  log(
    `Load done in ${seconds.toFixed(1)} s: ${fmt(tally.samples)} samples acknowledged in ${fmt(tally.batches)} batches`,
  );

  const check = await checkStored(sql, hosts);
  const report = [
    '',
    `Load benchmark (${pgInfo})`,
    `${fmt(settings.hosts)} hosts, each sending a batch of 1-${MAX_BATCH} samples every ` +
      `${settings.intervalSeconds} s x 0.5-1.5, for ${settings.seconds} s; host rate limit ` +
      `${HOST_REQUESTS_PER_MINUTE}/min; ${settings.maxSockets} keep-alive sockets; ` +
      `${os.cpus().length} CPUs shared by the server, PostgreSQL and this process`,
    '',
    ...throughputTable(tally, seconds),
    '',
    `requests sent ${fmt(tally.requests)}; samples accepted ${fmt(tally.accepted)}, ` +
      `answered as duplicates ${fmt(tally.duplicates)}, rejected ${fmt(tally.rejected.length)}`,
    `request latency ms, from sending (waiting for a socket included): ${percentiles(tally.latency)}`,
    `request latency ms, on the wire (from getting a socket): ${percentiles(tally.wire)}`,
    `errors: ${errorSummary(tally)}`,
    `CPU s during the load: server ${cpu.server.toFixed(1)}, PostgreSQL ${cpu.postgres.toFixed(1)}, ` +
      `this process ${cpu.bench.toFixed(1)}`,
    `server RSS: ${mb(rssAtStart)} MB after start, peak ${mb(setupPeakRss)} MB by the end of the set-up, ` +
      `peak ${mb(memory.peakRss)} MB ${peakReset ? 'during the load' : 'overall'} (VmHWM), ${mb(memory.rss)} MB at the end`,
    `stored: ${fmt(check.acknowledged)} acknowledged samples checked; ${fmt(check.lost)} lost, ` +
      `${fmt(check.duplicated)} duplicated rows, ${fmt(check.unacknowledged)} stored but not acknowledged`,
  ];
  const problems = failures(tally, check);
  if (problems.length) {
    report.push('', 'FAILED checks:', ...problems.map((p) => `  - ${p}`));
  }
  report.push(`load lost=${check.lost} duplicated=${check.duplicated}`);
  if (problems.length) throw new ReportedFailure(report);
  return report;
}

// ---------------------------------------------------------------- set-up

/** An enroll secret and the hosts, enrolled through the API like agents. */
async function enrollFleet(url: string): Promise<Host[]> {
  const { createEnrollSecret } = await gql<{ createEnrollSecret: { secret: string } }>(
    url,
    `mutation($input: CreateEnrollSecretInput!) { createEnrollSecret(input: $input) { secret } }`,
    { input: { name: 'bench-load' } },
  );
  const runId = randomUUID();
  const factsRandom = new Random(20260301);
  const hosts = new Array<Host>(settings.hosts);
  let enrolled = 0;
  const started = performance.now();
  await forEachConcurrently(settings.hosts, ENROLL_CONCURRENCY, async (i) => {
    const { enrollHost } = await gql<{ enrollHost: { token: string; host: { id: string } } }>(
      url,
      `mutation($input: EnrollHostInput!) { enrollHost(input: $input) { token host { id } } }`,
      {
        input: {
          enrollSecret: createEnrollSecret.secret,
          machineIdHash: createHash('sha256').update(`${runId}-${i}`).digest('hex'),
          hostname: `load-${String(i).padStart(5, '0')}.example.org`,
          facts: hostFacts(factsRandom, i),
        },
      },
    );
    hosts[i] = {
      index: i,
      id: enrollHost.host.id,
      token: enrollHost.token,
      random: new Random(1_000_000 + i),
      made: 0,
      acknowledged: [],
    };
    if (++enrolled % 1000 === 0) log(`Enrolled ${fmt(enrolled)} hosts`);
  });
  log(`Enrolled ${fmt(enrolled)} hosts in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return hosts;
}

/** The change, a running experiment, and every host opted in by one admin call. */
async function startExperiment(url: string): Promise<void> {
  await startRunningExperiment(url, EXPERIMENT);
  // An empty selector matches every host (at most 50,000).
  const { optInHosts } = await gql<{ optInHosts: { status: string }[] }>(
    url,
    `mutation($slug: String!) { optInHosts(experimentSlug: $slug, selector: {}) { status } }`,
    { slug: EXPERIMENT.slug },
  );
  const optedIn = optInHosts.filter((e) => e.status === 'OPTED_IN').length;
  if (optedIn !== settings.hosts)
    throw new Error(`optInHosts opted in ${optedIn} hosts, expected ${settings.hosts}`);
  log(`Opted ${fmt(optedIn)} hosts into ${EXPERIMENT.slug}`);
}

// ---------------------------------------------------------------- the load

/** One host: a batch after each sleep until the deadline, each delivered in the end. */
async function runHost(
  host: Host,
  server: ServerProcess,
  agent: http.Agent,
  tally: Tally,
  deadline: number,
): Promise<void> {
  const intervalMs = settings.intervalSeconds * 1000;
  let wait = host.random.between(0, intervalMs);
  while (performance.now() + wait < deadline) {
    await sleep(wait);
    const batch = makeBatch(host);
    await deliver(host, batch, server, agent, tally, deadline);
    wait = intervalMs * host.random.between(0.5, 1.5);
  }
}

/** 1-20 new package transactions, observed during the last minute. */
function makeBatch(host: Host): { ids: string[]; body: string } {
  const size = host.random.int(1, MAX_BATCH);
  const now = Date.now();
  const samples = Array.from({ length: size }, () => {
    const id = `load-${host.index}-${host.made++}`;
    const observedAt = new Date(now - host.random.between(1000, 60_000));
    return toSampleInput(packageTransaction(host.random, id, observedAt));
  });
  return {
    ids: samples.map((s) => s.id),
    body: JSON.stringify({ query: INGEST, variables: { batch: { samples } } }),
  };
}

/** Sends the same batch until the server answers for it, as an agent's spool does. */
async function deliver(
  host: Host,
  batch: { ids: string[]; body: string },
  server: ServerProcess,
  agent: http.Agent,
  tally: Tally,
  deadline: number,
): Promise<void> {
  for (let failures = 0; ;) {
    tally.requests++;
    tally.inFlight++;
    const outcome = await post(server.url, agent, host.token, batch.body, tally);
    tally.inFlight--;
    if (outcome.ok) {
      acknowledge(host, batch.ids, outcome.answer, tally, deadline);
      return;
    }
    tally.error(outcome.kind);
    if (outcome.kind.startsWith('network')) server.assertRunning();
    if (!outcome.retryable) {
      tally.refused.push(`${host.index}: ${outcome.kind}: ${outcome.detail}`);
      return;
    }
    if (performance.now() > deadline + DRAIN_LIMIT_MS) {
      tally.abandoned++;
      return;
    }
    failures++;
    const backoff =
      Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (failures - 1)) * (0.5 + Math.random() / 2);
    tally.waitingToRetry++;
    await sleep(Math.max(backoff, outcome.retryAfterMs ?? 0));
    tally.waitingToRetry--;
  }
}

/** Counts an answered batch: its samples not rejected are acknowledged. */
function acknowledge(
  host: Host,
  ids: string[],
  answer: IngestAnswer,
  tally: Tally,
  deadline: number,
): void {
  const rejected = new Set(answer.rejected.map((r) => r.id));
  for (const r of answer.rejected) tally.rejected.push(`${r.id} ${r.code}: ${r.reason}`);
  const acknowledged = ids.filter((id) => !rejected.has(id));
  host.acknowledged.push(...acknowledged);
  tally.batches++;
  tally.samples += acknowledged.length;
  tally.accepted += answer.accepted;
  tally.duplicates += answer.duplicates;
  if (performance.now() <= deadline) {
    tally.batchesByDeadline++;
    tally.samplesByDeadline += acknowledged.length;
  }
}

/** One POST /graphql over the shared pool, timed; never throws. */
function post(
  url: string,
  agent: http.Agent,
  token: string,
  body: string,
  tally: Tally,
): Promise<Outcome> {
  const sent = performance.now();
  let onSocket = sent;
  return new Promise<Outcome>((resolve) => {
    const req = http.request(`${url}/graphql`, {
      method: 'POST',
      agent,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        authorization: `Bearer ${token}`,
      },
    });
    req.once('socket', () => (onSocket = performance.now()));
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error('timeout')));
    req.once('error', (error: NodeJS.ErrnoException) => {
      const kind = error.message === 'timeout' ? 'timeout' : (error.code ?? error.message);
      resolve({ ok: false, kind: `network ${kind}`, retryable: true, detail: error.message });
    });
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('error', (error) =>
        resolve({ ok: false, kind: 'network response', retryable: true, detail: error.message }),
      );
      res.once('end', () => {
        const now = performance.now();
        tally.latency.push(now - sent);
        tally.wire.push(now - onSocket);
        resolve(outcomeOf(res, Buffer.concat(chunks).toString('utf8')));
      });
    });
    req.end(body);
  });
}

/** What an answer means to an agent: acknowledged, worth sending again, or refused. */
function outcomeOf(res: http.IncomingMessage, text: string): Outcome {
  const status = res.statusCode ?? 0;
  const retryableStatus = status === 429 || status >= 500;
  const header = Number(res.headers['retry-after']);
  const headerMs = Number.isFinite(header) && header >= 0 ? header * 1000 : undefined;
  // Not a GraphQL answer (a proxy's page, say), or one without the result.
  const httpFailure: Outcome = {
    ok: false,
    kind: `HTTP ${status}`,
    retryable: retryableStatus,
    retryAfterMs: headerMs,
    detail: text.slice(0, 200),
  };
  let parsed: {
    data?: { ingestSamples?: IngestAnswer } | null;
    errors?: { message: string; extensions?: { code?: string; retryAfterSeconds?: number } }[];
  };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    return httpFailure;
  }
  const error = parsed.errors?.[0];
  if (error) {
    const code = error.extensions?.code ?? 'no code';
    const seconds = error.extensions?.retryAfterSeconds;
    return {
      ok: false,
      kind: RETRYABLE_CODES.has(code) ? code : `GraphQL ${code}`,
      retryable: RETRYABLE_CODES.has(code) || retryableStatus,
      retryAfterMs: typeof seconds === 'number' ? seconds * 1000 : headerMs,
      detail: error.message,
    };
  }
  const answer = parsed.data?.ingestSamples;
  if (status !== 200 || !answer) return httpFailure;
  return { ok: true, answer };
}

function logProgress(tally: Tally, started: number, server: ServerProcess): void {
  const elapsed = Math.round((performance.now() - started) / 1000);
  let rss: string;
  try {
    rss = `, server RSS ${mb(memoryOf(server.pid).rss)} MB`;
  } catch {
    rss = ', server gone';
  }
  log(
    `${elapsed} s: ${fmt(tally.samples)} samples acknowledged (${fmt(tally.batches)} batches), ` +
      `${tally.inFlight} requests in flight (sent, not answered), ${tally.waitingToRetry} waiting to retry, ` +
      `${fmt(tally.errorCount)} errors${rss}`,
  );
}

// ---------------------------------------------------------------- checks

interface StoredCheck {
  acknowledged: number;
  lost: number;
  duplicated: number;
  unacknowledged: number;
}

/** Compares the acknowledged (host, sample id) pairs with the rows in `sample`. */
async function checkStored(sql: pg.Client, hosts: Host[]): Promise<StoredCheck> {
  await sql.query(
    'CREATE TEMP TABLE acknowledged (host_id uuid NOT NULL, sample_id text NOT NULL)',
  );
  const stream = sql.query(copyFrom('COPY acknowledged (host_id, sample_id) FROM STDIN'));
  // Sample ids are `load-<host>-<n>`: nothing COPY's text format would need escaped.
  const chunks = (function* () {
    for (const host of hosts) {
      if (host.acknowledged.length)
        yield host.acknowledged.map((id) => `${host.id}\t${id}\n`).join('');
    }
  })();
  await pipeline(Readable.from(chunks), stream);
  await sql.query('ANALYZE acknowledged');
  const count = async (query: string, params: unknown[] = []): Promise<number> =>
    Number((await sql.query<{ n: string }>(query, params)).rows[0]!.n);
  const hostIds = hosts.map((h) => h.id);
  const acknowledged = await count('SELECT count(*) AS n FROM acknowledged');
  const lost = await count(
    `SELECT count(*) AS n FROM acknowledged a
      WHERE NOT EXISTS (SELECT 1 FROM sample s WHERE s.host_id = a.host_id AND s.sample_id = a.sample_id)`,
  );
  const duplicated = await count(
    `SELECT count(*) - count(DISTINCT (host_id, sample_id)) AS n FROM sample WHERE host_id = ANY($1::uuid[])`,
    [hostIds],
  );
  const unacknowledged = await count(
    `SELECT count(DISTINCT (s.host_id, s.sample_id)) AS n FROM sample s
      WHERE s.host_id = ANY($1::uuid[])
        AND NOT EXISTS (SELECT 1 FROM acknowledged a WHERE a.host_id = s.host_id AND a.sample_id = s.sample_id)`,
    [hostIds],
  );
  return { acknowledged, lost, duplicated, unacknowledged };
}

function failures(tally: Tally, check: StoredCheck): string[] {
  const problems: string[] = [];
  if (check.lost > 0) problems.push(`${check.lost} acknowledged samples are not in sample`);
  if (check.duplicated > 0) problems.push(`${check.duplicated} rows of sample are duplicates`);
  if (check.acknowledged !== tally.samples)
    problems.push(`${check.acknowledged} pairs checked, ${tally.samples} acknowledged`);
  if (tally.rejected.length > 0)
    problems.push(`${tally.rejected.length} samples rejected (first: ${tally.rejected[0]})`);
  if (tally.refused.length > 0)
    problems.push(`${tally.refused.length} batches refused for good (first: ${tally.refused[0]})`);
  if (tally.abandoned > 0)
    problems.push(
      `${tally.abandoned} batches not through ${DRAIN_LIMIT_MS / 1000} s after the deadline`,
    );
  return problems;
}

// ---------------------------------------------------------------- figures

function throughputTable(tally: Tally, seconds: number): string[] {
  const drainSeconds = Math.max(0, seconds - settings.seconds);
  const row = (name: string, s: number, batches: number, samples: number): string[] => [
    name,
    s.toFixed(1),
    fmt(batches),
    fmt(samples),
    // Rates over a few ms of draining say nothing.
    s >= 1 ? (batches / s).toFixed(1) : '-',
    s >= 1 ? fmt(Math.round(samples / s)) : '-',
  ];
  return formatTable([
    ['phase', 'seconds', 'batches acked', 'samples acked', 'batches/s', 'samples/s'],
    row('until the deadline', settings.seconds, tally.batchesByDeadline, tally.samplesByDeadline),
    row(
      'finishing in-flight batches',
      drainSeconds,
      tally.batches - tally.batchesByDeadline,
      tally.samples - tally.samplesByDeadline,
    ),
    row('whole load phase', seconds, tally.batches, tally.samples),
  ]);
}

function percentiles(values: number[]): string {
  if (values.length === 0) return 'no answers';
  const sorted = Float64Array.from(values).sort();
  const at = (p: number): string =>
    fmt(Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!));
  return `p50 ${at(0.5)}, p95 ${at(0.95)}, p99 ${at(0.99)}, max ${at(1)} (${fmt(sorted.length)} answers)`;
}

function errorSummary(tally: Tally): string {
  if (tally.errors.size === 0) return 'none';
  const kinds = [...tally.errors].sort((a, b) => b[1] - a[1]);
  return `${fmt(tally.errorCount)} (${kinds.map(([kind, n]) => `${kind} ${fmt(n)}`).join(', ')})`;
}

// ---------------------------------------------------------------- processes

/** Resets the server's VmHWM to its current RSS (Linux 4.0+); false if it cannot. */
function resetPeakRss(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch (error) {
    log(`Cannot reset the server's peak RSS: ${(error as Error).message}`);
    return false;
  }
}

await runBench(main);
