// Test support: a dnf 5 history database. dnf 5 is not packaged for Debian 12, so the
// database is made here, table for table and column for column as libdnf5's
// transaction/db/sql/create_tables.sql (schema version 1.1) makes it; the comps and
// console_output tables are left out.
import initSqlJs from 'sql.js';

/** [dt_begin, dt_end, description, state_id, items as [nevra, action_id, reason_id]] */
export type Dnf5Transaction = [number, number | null, string, number, [string, number, number][]];

/** The bytes of a dnf 5 history database holding `transactions`, ids from 1. */
export async function dnf5HistoryImage(transactions: Dnf5Transaction[]): Promise<Uint8Array> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.exec(`
    CREATE TABLE trans_state (id INTEGER PRIMARY KEY, name TEXT);
    INSERT INTO trans_state VALUES (1, 'Started'), (2, 'Ok'), (3, 'Error');
    CREATE TABLE trans (
      id INTEGER PRIMARY KEY AUTOINCREMENT, dt_begin INTEGER NOT NULL, dt_end INTEGER,
      rpmdb_version_begin TEXT, rpmdb_version_end TEXT, releasever TEXT NOT NULL,
      user_id INTEGER NOT NULL, description TEXT, comment TEXT,
      state_id INTEGER REFERENCES trans_state (id));
    CREATE TABLE repo (id INTEGER PRIMARY KEY, repoid TEXT NOT NULL);
    CREATE TABLE pkg_name (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
    CREATE TABLE arch (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
    CREATE TABLE item (id INTEGER PRIMARY KEY);
    CREATE TABLE trans_item_action (id INTEGER PRIMARY KEY, name TEXT);
    INSERT INTO trans_item_action VALUES (1, 'Install'), (2, 'Upgrade'), (3, 'Downgrade'),
      (4, 'Reinstall'), (5, 'Remove'), (6, 'Replaced'), (7, 'Reason Change');
    CREATE TABLE trans_item_reason (id INTEGER PRIMARY KEY, name TEXT);
    INSERT INTO trans_item_reason VALUES (0, 'None'), (1, 'Dependency'), (2, 'User'),
      (3, 'Clean'), (4, 'Weak Dependency'), (5, 'Group'), (6, 'External User');
    CREATE TABLE trans_item_state (id INTEGER PRIMARY KEY, name TEXT);
    INSERT INTO trans_item_state VALUES (1, 'Started'), (2, 'Ok'), (3, 'Error');
    CREATE TABLE trans_item (
      id INTEGER PRIMARY KEY AUTOINCREMENT, trans_id INTEGER REFERENCES trans (id),
      item_id INTEGER REFERENCES item (id), repo_id INTEGER REFERENCES repo (id),
      action_id INTEGER NOT NULL REFERENCES trans_item_action (id),
      reason_id INTEGER NOT NULL REFERENCES trans_item_reason (id),
      state_id INTEGER NOT NULL REFERENCES trans_item_state (id));
    CREATE TABLE item_replaced_by (
      trans_item_id INTEGER REFERENCES trans_item (id),
      by_trans_item_id INTEGER REFERENCES trans_item (id),
      PRIMARY KEY (trans_item_id, by_trans_item_id));
    CREATE TABLE rpm (
      item_id INTEGER NOT NULL UNIQUE REFERENCES item (id),
      name_id INTEGER NOT NULL REFERENCES pkg_name (id), epoch INTEGER NOT NULL,
      version TEXT NOT NULL, release TEXT NOT NULL,
      arch_id INTEGER NOT NULL REFERENCES arch (id),
      UNIQUE (name_id, epoch, version, release, arch_id));
    CREATE TABLE config (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    INSERT INTO config VALUES ('version', '1.1');
    CREATE INDEX pkg_name_name ON pkg_name (name);
    CREATE INDEX trans_item_trans_id ON trans_item (trans_id);
    CREATE INDEX trans_item_item_id ON trans_item (item_id);
    INSERT INTO repo VALUES (1, '@System'), (2, 'fedora'), (3, 'updates');
  `);
  // [dt_begin, dt_end, description, state_id, items as [nevra, action_id, reason_id]]
  for (const [begin, end, description, state, items] of transactions) {
    db.run(
      `INSERT INTO trans (dt_begin, dt_end, rpmdb_version_begin, rpmdb_version_end, releasever,
         user_id, description, comment, state_id) VALUES (?, ?, 'a', 'b', '41', 0, ?, '', ?)`,
      [begin, end, description, state],
    );
    const transId = db.exec('SELECT last_insert_rowid()')[0]!.values[0]![0]!;
    for (const [nevra, action, reason] of items) {
      const [, name, epoch, version, release, arch] = /^(.+)-(\d+):([^-]+)-([^-]+)\.([^.]+)$/.exec(
        nevra,
      )!;
      db.run('INSERT OR IGNORE INTO pkg_name (name) VALUES (?)', [name!]);
      db.run('INSERT OR IGNORE INTO arch (name) VALUES (?)', [arch!]);
      const nameId = `(SELECT id FROM pkg_name WHERE name = '${name}')`;
      const archId = `(SELECT id FROM arch WHERE name = '${arch}')`;
      const found = db.exec(
        `SELECT item_id FROM rpm WHERE name_id = ${nameId} AND epoch = ? AND version = ?
           AND release = ? AND arch_id = ${archId}`,
        [Number(epoch), version!, release!],
      );
      let itemId = found[0]?.values[0]?.[0];
      if (itemId === undefined) {
        db.run('INSERT INTO item DEFAULT VALUES');
        itemId = db.exec('SELECT last_insert_rowid()')[0]!.values[0]![0]!;
        db.run(`INSERT INTO rpm VALUES (?, ${nameId}, ?, ?, ?, ${archId})`, [
          itemId,
          Number(epoch),
          version!,
          release!,
        ]);
      }
      db.run(
        'INSERT INTO trans_item (trans_id, item_id, repo_id, action_id, reason_id, state_id) VALUES (?, ?, ?, ?, ?, ?)',
        [
          transId,
          itemId,
          action === 5 || action === 6 ? 1 : 3,
          action,
          reason,
          state === 3 ? 3 : 2,
        ],
      );
    }
  }

  const image = db.export();
  db.close();
  return image;
}
