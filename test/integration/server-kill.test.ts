import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { deliver } from '../../agent/src/spool/deliver.js';
import { Spool } from '../../agent/src/spool/spool.js';
import { findFreePort } from '../../server/src/database/embedded-database.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { machineIdHash } from '../support/fleet.js';
import { buildServer } from '../support/server-build.js';

// TESTING.md 8: the server is killed (SIGKILL) while batches are in flight; the
// agent's spool resends, and the final count is exact.
const REPO = path.resolve(import.meta.dirname, '../..');
let db: TestDatabase;
let port: number;
let server: ChildProcess | undefined;
let work: string;

async function startServer(env: Record<string, string> = {}): Promise<void> {
  server = spawn(process.execPath, [path.join(REPO, 'server/dist/main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      PORT: String(port),
      FLEETLAB_DEMO: '0',
      NODE_ENV: 'test',
      ...env,
    },
    stdio: 'ignore',
  });
  for (let i = 0; i < 200; i++) {
    if (
      await fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the server did not start');
}

async function gql<T>(
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<T> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return ((await response.json()) as { data: T }).data;
}

async function kill(): Promise<void> {
  server!.kill('SIGKILL');
  await new Promise((resolve) => server!.once('exit', resolve));
}

beforeAll(async () => {
  // The server runs as its own process, from its build.
  await buildServer();
  db = await createTestDatabase();
  port = await findFreePort();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetlab-kill-'));
  await startServer();
}, 180_000);
afterAll(async () => {
  server?.kill('SIGKILL');
  await db.drop();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('a server killed mid-batch', () => {
  it('loses nothing and stores nothing twice: the spool resends what was not acknowledged', async () => {
    const { createEnrollSecret } = await gql<{ createEnrollSecret: { secret: string } }>(
      `mutation { createEnrollSecret(input: { name: "kill" }) { secret } }`,
      {},
    );
    const { enrollHost } = await gql<{ enrollHost: { token: string; host: { id: string } } }>(
      `mutation($i: EnrollHostInput!) { enrollHost(input: $i) { token host { id } } }`,
      {
        i: {
          enrollSecret: createEnrollSecret.secret,
          machineIdHash: machineIdHash('kill'),
          facts: {},
        },
      },
    );
    const spool = new Spool(path.join(work, 'spool'));
    const total = 6000;
    spool.add(
      Array.from({ length: total }, (_, i) => ({
        id: `kill-${i}`,
        kind: 'package_transaction',
        observedAt: new Date(Date.now() - 60_000 - i).toISOString(),
        values: [{ metric: 'install_duration_ms', value: 1000 + i }],
        context: { action: 'install', packages: 1, tool: 'dnf4' },
      })),
    );

    let retries = 0;
    const delivery = deliver(spool, {
      server: `http://127.0.0.1:${port}`,
      token: enrollHost.token,
      maxAttempts: 100,
      baseDelayMs: 50,
      maxDelayMs: 300,
      onRetry: () => void (retries += 1),
    });
    // Kill it once some batches are through and others are on the way, then restart it.
    while (spool.size() > total - 1500) await new Promise((resolve) => setTimeout(resolve, 5));
    server!.kill('SIGKILL');
    await new Promise((resolve) => server!.once('exit', resolve));
    await startServer();
    const result = await delivery;

    expect(retries).toBeGreaterThan(0);
    expect(result.rejected).toBe(0);
    expect(result.accepted + result.duplicates).toBe(total);
    expect(spool.size()).toBe(0);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const counts = await client.query(
        `SELECT count(*)::int AS samples, count(DISTINCT sample_id)::int AS ids FROM sample WHERE host_id = $1`,
        [enrollHost.host.id],
      );
      expect(counts.rows[0]).toEqual({ samples: total, ids: total });
    } finally {
      await client.end();
    }
  }, 180_000);
});

describe('a server killed between acknowledgement and fold', () => {
  it('folds every acknowledged sample once when it is back', async () => {
    // Folding off: what it acknowledges stays queued until the server is killed.
    await kill();
    await startServer({ FLEETLAB_FOLD_INTERVAL_MS: '0' });
    await gql(
      `mutation { createChange(input: { slug: "fold-kill", title: "Fold" }) { slug } }`,
      {},
    );
    await gql(`mutation($i: CreateExperimentInput!) { createExperiment(input: $i) { slug } }`, {
      i: {
        changeSlug: 'fold-kill',
        slug: 'fold-kill',
        title: 'Fold kill',
        arms: [
          { key: 'baseline', weight: 1, baseline: true },
          { key: 'cow', weight: 1, baseline: false },
        ],
        metrics: [{ metric: 'install_duration_ms', role: 'PRIMARY' }],
      },
    });
    await gql(`mutation { startExperiment(slug: "fold-kill") { status } }`, {});
    const { createEnrollSecret } = await gql<{ createEnrollSecret: { secret: string } }>(
      `mutation { createEnrollSecret(input: { name: "fold-kill" }) { secret } }`,
      {},
    );
    const { enrollHost } = await gql<{ enrollHost: { token: string; host: { id: string } } }>(
      `mutation($i: EnrollHostInput!) { enrollHost(input: $i) { token host { id } } }`,
      {
        i: {
          enrollSecret: createEnrollSecret.secret,
          machineIdHash: machineIdHash('fold-kill'),
          facts: {},
        },
      },
    );
    await gql(`mutation { optIn(experimentSlug: "fold-kill") { status } }`, {}, enrollHost.token);
    const INGEST = `mutation($b: SampleBatchInput!) { ingestSamples(batch: $b) { accepted duplicates } }`;
    // A batch is the same every time it is built, so that a resend is a duplicate.
    const observedAt = new Date().toISOString();
    const batch = (b: number) => ({
      samples: Array.from({ length: 100 }, (_, i) => ({
        id: `fold-kill-${b}-${i}`,
        kind: 'package_transaction',
        observedAt,
        values: [{ metric: 'install_duration_ms', value: 1000 + i }],
      })),
    });
    for (const b of [0, 1, 2]) {
      const answer = await gql<{ ingestSamples: { accepted: number } }>(
        INGEST,
        { b: batch(b) },
        enrollHost.token,
      );
      expect(answer.ingestSamples.accepted).toBe(100);
    }
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const state = async () =>
      (
        await client.query(
          `SELECT (SELECT count(*)::int FROM fold_queue WHERE host_id = $1) AS queued,
                  (SELECT coalesce(sum(count), 0)::int FROM host_metric_rollup WHERE host_id = $1) AS folded`,
          [enrollHost.host.id],
        )
      ).rows[0] as { queued: number; folded: number };
    const folded = async () => {
      for (let i = 0; i < 300 && (await state()).queued > 0; i++)
        await new Promise((resolve) => setTimeout(resolve, 100));
      return state();
    };
    try {
      expect(await state()).toEqual({ queued: 3, folded: 0 });
      await kill();
      await startServer();
      expect(await folded()).toEqual({ queued: 0, folded: 300 });
      // A resend after the fold is a duplicate, and folds nothing again.
      const again = await gql<{ ingestSamples: { accepted: number; duplicates: number } }>(
        INGEST,
        { b: batch(1) },
        enrollHost.token,
      );
      expect(again.ingestSamples).toEqual({ accepted: 0, duplicates: 100 });
      expect(await folded()).toEqual({ queued: 0, folded: 300 });
    } finally {
      await client.end();
    }
  }, 120_000);
});

describe('a server stopped with SIGTERM', () => {
  it('finishes the requests in flight, then exits with 0', async () => {
    const { createEnrollSecret } = await gql<{ createEnrollSecret: { secret: string } }>(
      `mutation { createEnrollSecret(input: { name: "term" }) { secret } }`,
      {},
    );
    const { enrollHost } = await gql<{ enrollHost: { token: string; host: { id: string } } }>(
      `mutation($i: EnrollHostInput!) { enrollHost(input: $i) { token host { id } } }`,
      {
        i: {
          enrollSecret: createEnrollSecret.secret,
          machineIdHash: machineIdHash('term'),
          facts: {},
        },
      },
    );
    const batch = (b: number) => ({
      samples: Array.from({ length: 1000 }, (_, i) => ({
        id: `term-${b}-${i}`,
        kind: 'package_transaction',
        observedAt: new Date(Date.now() - 60_000).toISOString(),
        values: [{ metric: 'install_duration_ms', value: 1000 + i }],
      })),
    });
    const INGEST = `mutation($batch: SampleBatchInput!) { ingestSamples(batch: $batch) { accepted } }`;
    const exited = new Promise<number | null>((resolve) =>
      server!.once('exit', (code) => resolve(code)),
    );
    const inFlight = [0, 1, 2, 3].map((b) =>
      fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${enrollHost.token}`,
        },
        body: JSON.stringify({ query: INGEST, variables: { batch: batch(b) } }),
      }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { data?: { ingestSamples: { accepted: number } } },
      })),
    );
    // The requests are on their way (sent, being parsed or stored) when the signal comes.
    await new Promise((resolve) => setTimeout(resolve, 30));
    server!.kill('SIGTERM');
    const answers = await Promise.all(inFlight);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(answers.map((a) => a.body.data?.ingestSamples.accepted)).toEqual([
      1000, 1000, 1000, 1000,
    ]);
    await expect(exited).resolves.toBe(0);
    server = undefined;
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const counts = await client.query(
        `SELECT count(*)::int AS samples FROM sample WHERE host_id = $1`,
        [enrollHost.host.id],
      );
      expect(counts.rows[0]).toEqual({ samples: 4000 });
    } finally {
      await client.end();
    }
  }, 60_000);
});

describe('a server killed with its embedded PostgreSQL', () => {
  // TESTING.md 8 for `npm start`: kill -9 leaves the database running; the next start
  // stops that leftover cluster and starts again, instead of failing on the port.
  it('starts again on the same data folder, and its app connects as no superuser', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetlab-kill-embedded-'));
    fs.chmodSync(folder, 0o755);
    const dataDir = path.join(folder, 'data');
    const appPort = await findFreePort();
    const dbPort = await findFreePort();
    const { DATABASE_URL: _notThis, ...env } = process.env;
    const start = (): ChildProcess =>
      spawn(process.execPath, [path.join(REPO, 'server/dist/main.js')], {
        env: {
          ...env,
          FLEETLAB_DATA_DIR: dataDir,
          FLEETLAB_DB_PORT: String(dbPort),
          PORT: String(appPort),
          FLEETLAB_DEMO: '0',
          NODE_ENV: 'test',
        },
        stdio: 'ignore',
      });
    const healthy = async (): Promise<void> => {
      for (let i = 0; i < 1200; i++) {
        const ok = await fetch(`http://127.0.0.1:${appPort}/health`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('the server did not start');
    };
    const postmaster = (): number =>
      Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const alive = (pid: number): boolean => {
      try {
        process.kill(pid, 0);
        return !/\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        return false;
      }
    };
    let child = start();
    try {
      await healthy();
      const credentials = JSON.parse(
        fs.readFileSync(path.join(dataDir, 'fleetlab-credentials.json'), 'utf8'),
      ) as { admin: { user: string; password: string } };
      const admin = new pg.Client({
        connectionString: `postgres://${credentials.admin.user}:${credentials.admin.password}@127.0.0.1:${dbPort}/fleetlab`,
      });
      await admin.connect();
      try {
        const roles = await admin.query(
          `SELECT DISTINCT a.usename AS role, r.rolsuper AS superuser FROM pg_stat_activity a
             JOIN pg_roles r ON r.rolname = a.usename WHERE a.application_name = 'fleetlab'`,
        );
        expect(roles.rows).toEqual([{ role: 'fleetlab', superuser: false }]);
      } finally {
        await admin.end();
      }

      const first = postmaster();
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      expect(alive(first)).toBe(true);

      child = start();
      await healthy();
      expect(alive(first)).toBe(false);
      expect(postmaster()).not.toBe(first);

      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await expect(exited).resolves.toBe(0);
      expect(fs.existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
    } finally {
      child.kill('SIGKILL');
      if (fs.existsSync(path.join(dataDir, 'postmaster.pid'))) {
        const left = postmaster();
        if (alive(left)) process.kill(left, 'SIGINT');
      }
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }, 240_000);
});
