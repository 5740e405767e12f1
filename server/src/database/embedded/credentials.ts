// Random passwords kept in the data folder, and the role the app connects as.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

/**
 * Who connects to the embedded PostgreSQL. `admin` is the cluster's superuser, used
 * only at start to set up `app`: the role the server connects as, which owns its
 * database and nothing else (it is no superuser, so it cannot read other databases'
 * files or run programs with COPY ... TO PROGRAM).
 */
export interface EmbeddedCredentials {
  admin: { user: string; password: string };
  app: { user: string; password: string };
}

const ADMIN_USER = 'postgres';
const APP_USER = 'fleetlab';
/** The superuser password every cluster had before they were generated; replaced at start. */
export const LEGACY_PASSWORD = 'fleetlab';
/** In the data folder, readable by its owner only. */
export const CREDENTIALS_FILE = 'fleetlab-credentials.json';

export function newCredentials(): EmbeddedCredentials {
  const password = (): string => randomBytes(24).toString('hex');
  return {
    admin: { user: ADMIN_USER, password: password() },
    app: { user: APP_USER, password: password() },
  };
}

/** The credentials kept in `dataDir`, or null when there are none (a cluster from before). */
export function readCredentials(dataDir: string): EmbeddedCredentials | null {
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
export function writeCredentials(dataDir: string, credentials: EmbeddedCredentials): void {
  const file = path.join(dataDir, CREDENTIALS_FILE);
  const partial = `${file}.${process.pid}`;
  fs.writeFileSync(partial, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(partial, file);
}

export function urlOf(
  who: { user: string; password: string },
  port: number,
  database: string,
): string {
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
export async function setUpAppRole(
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
