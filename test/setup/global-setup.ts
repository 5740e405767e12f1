// Starts one PostgreSQL for the whole run: the embedded one, or none when
// DATABASE_URL names a server to use. Each test file then gets a migrated database
// of its own (test/support/test-database.ts), owned by the app's role. Jest loads this file without the
// projects' module mapping, so it imports the server's helper by its .ts path.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  findFreePort,
  startEmbeddedDatabase,
  type EmbeddedDatabase,
} from '../../server/src/database/embedded-database.ts';

declare global {
  var fleetlabTestCluster: { db: EmbeddedDatabase; dataDir: string } | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.FLEETLAB_TEST_ADMIN_URL = process.env.DATABASE_URL;
    return;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetlab-test-pg-'));
  fs.chmodSync(dataDir, 0o755);
  const db = await startEmbeddedDatabase({
    dataDir: path.join(dataDir, 'data'),
    port: await findFreePort(),
    database: 'fleetlab',
    persistent: false,
    fast: true,
  });
  globalThis.fleetlabTestCluster = { db, dataDir };
  // The superuser creates each test file's database; the app connects as the owner
  // of that database, as it does with `npm start`.
  process.env.FLEETLAB_TEST_ADMIN_URL = db.adminUrl;
  process.env.FLEETLAB_TEST_APP_URL = db.url;
}
