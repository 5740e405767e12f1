import fs from 'node:fs/promises';
import initSqlJs, { type Database, type SqlJsStatic, type SqlValue } from 'sql.js';
import { applyWal, markRollbackJournal } from './sqlite-wal.js';

const SQLITE_MAGIC = 'SQLite format 3\u0000';
const READ_ATTEMPTS = 5;

let sqlJs: Promise<SqlJsStatic> | undefined;

// sql.js is SQLite compiled to WebAssembly: no native build, and it reads a copy of
// the file in memory, so the host's database is never opened for writing or locked.
function loadSqlJs(): Promise<SqlJsStatic> {
  sqlJs ??= initSqlJs().catch((error: unknown) => {
    sqlJs = undefined; // let the next read try again
    throw error;
  });
  return sqlJs;
}

async function readIfExists(file: string): Promise<Uint8Array | null> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function fileVersion(file: string): Promise<string> {
  try {
    const stat = await fs.stat(file, { bigint: true });
    return `${stat.ino}:${stat.size}:${stat.mtimeNs}`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
}

/**
 * The committed content of an SQLite database file and its `-wal`, read into memory:
 * null when the database file does not exist. dnf may be writing meanwhile (a
 * checkpoint moves pages from the WAL into the file), so when either file changed
 * while it was read, it is read again.
 */
export async function readSqliteImage(file: string): Promise<Uint8Array | null> {
  for (let attempt = 1; ; attempt++) {
    const before = [await fileVersion(file), await fileVersion(`${file}-wal`)].join();
    const database = await readIfExists(file);
    if (database === null) return null;
    const wal = await readIfExists(`${file}-wal`);
    const after = [await fileVersion(file), await fileVersion(`${file}-wal`)].join();
    if (before === after || attempt === READ_ATTEMPTS) {
      const image = wal ? applyWal(database, wal) : database;
      if (image.byteLength > 0 && !startsWithMagic(image)) {
        throw new Error('it is not an SQLite database (no "SQLite format 3" header)');
      }
      markRollbackJournal(image); // both are buffers of our own, never the caller's
      return image;
    }
    await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
  }
}

function startsWithMagic(image: Uint8Array): boolean {
  return Buffer.from(image.subarray(0, SQLITE_MAGIC.length)).toString('latin1') === SQLITE_MAGIC;
}

/** An in-memory SQLite database opened from an image; close it when done. */
export async function openSqliteImage(image: Uint8Array): Promise<Database> {
  const SQL = await loadSqlJs();
  return new SQL.Database(image);
}

/** Runs one query and answers its rows as objects keyed by column name. */
export function queryRows(
  db: Database,
  sql: string,
  params: SqlValue[] = [],
): Record<string, SqlValue>[] {
  const statement = db.prepare(sql, params);
  try {
    const rows: Record<string, SqlValue>[] = [];
    while (statement.step()) rows.push(statement.getAsObject());
    return rows;
  } finally {
    statement.free();
  }
}
