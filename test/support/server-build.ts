import { execFileSync } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';

const REPO = path.resolve(import.meta.dirname, '../..');
// Test files run in parallel: one builds while the other waits, then finds it up to
// date, so that no server starts from files another build is rewriting.
const BUILD_LOCK = 72_2027;

/** Brings server/dist up to date (tsc -b), for tests that run the server as its own process. */
export async function buildServer(): Promise<string> {
  const admin = new pg.Client({ connectionString: process.env.FLEETLAB_TEST_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock($1)', [BUILD_LOCK]);
    execFileSync(
      process.execPath,
      [path.join(REPO, 'node_modules/typescript/bin/tsc'), '-b', 'server'],
      { cwd: REPO },
    );
  } finally {
    await admin.end();
  }
  return path.join(REPO, 'server/dist/main.js');
}
