import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { runMigrations } from '@fleetlab/server/bootstrap.js';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

// Migrated once, then cloned: CREATE DATABASE ... TEMPLATE takes a few ms.
const TEMPLATE = 'fleetlab_test_template';
// Serialises template migration and cloning across jest workers.
const TEMPLATE_LOCK = 72_2026;
let templateChecked = false;

function adminUrl(database?: string): string {
  const value = process.env.FLEETLAB_TEST_ADMIN_URL;
  if (!value)
    throw new Error(
      'FLEETLAB_TEST_ADMIN_URL is not set: run tests with `npm test`, whose global setup starts PostgreSQL',
    );
  return withDatabase(value, database);
}

/**
 * How the app connects: as the owner of its database, no superuser (the embedded
 * server's role); with DATABASE_URL, as that URL's user.
 */
function appUrl(database: string): string {
  return withDatabase(process.env.FLEETLAB_TEST_APP_URL ?? adminUrl(), database);
}

/** `OWNER <the app's role>` when the app has a role of its own. */
function ownerClause(): string {
  const app = process.env.FLEETLAB_TEST_APP_URL;
  return app ? ` OWNER ${pg.escapeIdentifier(decodeURIComponent(new URL(app).username))}` : '';
}

function withDatabase(value: string, database?: string): string {
  const url = new URL(value);
  if (database) url.pathname = `/${database}`;
  return url.toString();
}

/** A fresh, migrated database of its own for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `fleetlab_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    if (!templateChecked) {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [TEMPLATE]);
      if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${TEMPLATE}${ownerClause()}`);
      // Idempotent: a template left by an earlier run gets only the new migrations.
      await runMigrations(appUrl(TEMPLATE));
      templateChecked = true;
    }
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}${ownerClause()}`);
  } finally {
    await admin.end();
  }
  return {
    url: appUrl(name),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
