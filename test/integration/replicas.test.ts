import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient, type Client } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';
import { findFreePort } from '../../server/src/database/embedded-database.js';
import { startFakeIssuer, type FakeIssuer } from '../support/fake-oidc-issuer.js';
import { machineIdHash } from '../support/fleet.js';
import {
  COW_EXPERIMENT,
  CREATE_CHANGE,
  CREATE_EXPERIMENT,
  CREATE_SECRET,
  ENROLL,
  INGEST,
  OPT_IN,
  START,
} from '../support/operations.js';
import { postGraphQL } from '../support/test-server.js';

// Two server processes on one database, as behind a load balancer: nothing may depend
// on which replica answers. They start together on an empty database (migrations take
// turns under a lock), live updates cross between them, an OIDC sign-in started on one
// finishes on the other, and two folders racing fold every sample once.
const REPO = path.resolve(import.meta.dirname, '../..');
const ADMIN_TOKEN = `flp_${randomBytes(24).toString('hex')}`;
const DATABASE = `fleetlab_replicas_${randomBytes(4).toString('hex')}`;

interface Replica {
  url: string;
  process: ChildProcess;
  output: string[];
}

let issuer: FakeIssuer;
let databaseUrl: string;
let replicas: Replica[] = [];

function adminUrl(database?: string): string {
  const url = new URL(process.env.FLEETLAB_TEST_ADMIN_URL!);
  if (database) url.pathname = `/${database}`;
  return url.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

async function startReplica(port: number, publicUrl: string): Promise<Replica> {
  const output: string[] = [];
  const child = spawn(process.execPath, [path.join(REPO, 'server/dist/main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      NODE_ENV: 'test',
      FLEETLAB_DEMO: '0',
      FLEETLAB_AUTH: 'tokens',
      FLEETLAB_ADMIN_TOKEN: ADMIN_TOKEN,
      FLEETLAB_PUBLIC_URL: publicUrl,
      FLEETLAB_OIDC_ISSUER: issuer.url,
      FLEETLAB_OIDC_CLIENT_ID: issuer.clientId,
      FLEETLAB_OIDC_CLIENT_SECRET: issuer.clientSecret,
      FLEETLAB_ANONYMOUS_REQUESTS_PER_MINUTE: '100000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`replica exited: ${output.join('')}`);
    const up = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { url, process: child, output };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`replica did not start: ${output.join('')}`);
}

const gql = (
  replica: Replica,
  query: string,
  variables?: Record<string, unknown>,
  token?: string,
) => postGraphQL(replica.url, query, variables, token ?? ADMIN_TOKEN);

beforeAll(async () => {
  execFileSync(
    process.execPath,
    [path.join(REPO, 'node_modules/typescript/bin/tsc'), '-b', 'server'],
    { cwd: REPO },
  );
  issuer = await startFakeIssuer();
  await adminQuery(`CREATE DATABASE ${DATABASE}`);
  databaseUrl = adminUrl(DATABASE);
  const ports = [await findFreePort(), await findFreePort()];
  const publicUrl = `http://127.0.0.1:${ports[0]}`;
  // Both at once, on an empty database.
  replicas = await Promise.all(ports.map((port) => startReplica(port, publicUrl)));
}, 180_000);
afterAll(async () => {
  for (const replica of replicas) replica.process.kill('SIGKILL');
  await issuer?.close();
  await adminQuery(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
});

describe('two replicas on one database', () => {
  it('start together on an empty database: the migrations run once', async () => {
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const applied = await db.query(
        'SELECT name, count(*)::int AS n FROM migrations GROUP BY name',
      );
      expect(applied.rows.length).toBeGreaterThan(5);
      expect(applied.rows.every((r: { n: number }) => r.n === 1)).toBe(true);
    } finally {
      await db.end();
    }
    const [a, b] = replicas;
    expect((await gql(a!, '{ metrics { key } }')).errors).toBeUndefined();
    expect((await gql(b!, '{ metrics { key } }')).errors).toBeUndefined();
  });

  it('tell a dashboard on one what hosts did on the other, and fold every sample once', async () => {
    const [a, b] = replicas as [Replica, Replica];
    expect(
      (await gql(a, CREATE_CHANGE, { input: { slug: 'rpm-cow', title: 'RPM CoW' } })).errors,
    ).toBeUndefined();
    expect((await gql(a, CREATE_EXPERIMENT, { input: COW_EXPERIMENT })).errors).toBeUndefined();
    await gql(a, START, { slug: COW_EXPERIMENT.slug });
    const secret = (await gql(b, CREATE_SECRET, { input: { name: 'replicas' } })).data!
      .createEnrollSecret.secret as string;

    const client: Client = createClient({
      url: a.url.replace(/^http/, 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${ADMIN_TOKEN}` },
      retryAttempts: 0,
    });
    const reasons = new Set<string>();
    const heard = new Promise<void>((resolve, reject) => {
      const timeout = setTimeout(
        () => reject(new Error(`heard only ${[...reasons].join(', ')}`)),
        20_000,
      );
      const stop = client.subscribe<{ experimentUpdated: { reasons: string[] } }>(
        { query: `subscription { experimentUpdated(slug: "${COW_EXPERIMENT.slug}") { reasons } }` },
        {
          next: (message) => {
            for (const reason of message.data?.experimentUpdated.reasons ?? []) reasons.add(reason);
            if (reasons.has('SAMPLES') && reasons.has('ENROLLMENT')) {
              clearTimeout(timeout);
              stop();
              resolve();
            }
          },
          error: (error) =>
            reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
          complete: () => undefined,
        },
      );
    });
    await new Promise((resolve) => setTimeout(resolve, 300));

    // Hosts enroll, opt in and report through both replicas, half each.
    let sent = 0;
    for (let i = 0; i < 8; i++) {
      const via = i % 2 ? a : b;
      const enrolled = await gql(via, ENROLL, {
        input: {
          enrollSecret: secret,
          machineIdHash: machineIdHash(`replica-${i}`),
          hostname: `replica-${i}`,
          facts: { rootFsType: 'xfs' },
        },
      });
      const token = enrolled.data!.enrollHost.token as string;
      expect((await gql(via, OPT_IN, { slug: COW_EXPERIMENT.slug }, token)).errors).toBeUndefined();
      for (let batch = 0; batch < 3; batch++) {
        const samples = Array.from({ length: 5 }, (_, j) => ({
          id: `r-${i}-${batch}-${j}`,
          kind: 'package_transaction',
          observedAt: new Date().toISOString(),
          values: [{ metric: 'install_duration_ms', value: 1000 + j }],
          context: { packages: 2 },
        }));
        const answer = await gql(batch % 2 ? a : b, INGEST, { batch: { samples } }, token);
        expect(answer.data!.ingestSamples.accepted).toBe(5);
        sent += 5;
      }
    }
    await heard;
    await client.dispose();

    // Both replicas fold; every sample is counted once.
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      for (let i = 0; i < 100; i++) {
        const queued = await db.query('SELECT count(*)::int AS n FROM fold_queue');
        if (queued.rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const counted = await db.query(
        `SELECT sum(count)::int AS n FROM host_metric_rollup WHERE metric = 'install_duration_ms' AND period = 'IN'`,
      );
      expect(counted.rows[0].n).toBe(sent);
    } finally {
      await db.end();
    }
    const comparison = await gql(
      b,
      `{ comparison(experimentSlug: "${COW_EXPERIMENT.slug}", metric: "install_duration_ms") { arms { hosts samples } } }`,
    );
    const arms = comparison.data!.comparison.arms as { hosts: number; samples: number }[];
    expect(arms.reduce((sum, arm) => sum + arm.samples, 0)).toBe(sent);
    expect(arms.reduce((sum, arm) => sum + arm.hosts, 0)).toBe(8);
  });

  it('finish an OIDC sign-in on the replica it did not start on', async () => {
    const [a, b] = replicas as [Replica, Replica];
    issuer.signInAs({ sub: 'u-replica', preferred_username: 'rena', fleetlab_role: 'viewer' });
    const login = await fetch(`${a.url}/auth/oidc/login`, { redirect: 'manual' });
    expect(login.status).toBe(302);
    const stateCookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .find((c) => c.startsWith('fleetlab_oidc_state='))!;
    const atIssuer = await fetch(login.headers.get('location')!, { redirect: 'manual' });
    // The issuer sends the browser back to the public address; the balancer picks B.
    const back = new URL(atIssuer.headers.get('location')!);
    const callback = await fetch(`${b.url}${back.pathname}${back.search}`, {
      redirect: 'manual',
      headers: { cookie: stateCookie },
    });
    expect(callback.status).toBe(302);
    const session = callback.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .find((c) => c.startsWith('fleetlab_session='))!;
    const who = await fetch(`${a.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: session },
      body: JSON.stringify({ query: '{ session { oidc person { name role } } }' }),
    });
    expect(((await who.json()) as { data: unknown }).data).toEqual({
      session: { oidc: true, person: { name: 'rena', role: 'VIEWER' } },
    });
    // A state is used once, whichever replica sees it again.
    const again = await fetch(`${a.url}${back.pathname}${back.search}`, {
      redirect: 'manual',
      headers: { cookie: stateCookie },
    });
    expect(again.status).toBe(400);
  });
});
