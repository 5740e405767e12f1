import type { Database, SqlValue } from 'sql.js';
import { DNF4_STATE_DONE, DNF5_STATE_OK, dnfItemAction, isPackageChange } from './dnf-actions.js';
import { dnfHistoryLocations } from './dnf-config.js';
import { openSqliteImage, queryRows, readSqliteImage } from './sqlite-image.js';

export const DNF4_HISTORY_PATH = '/var/lib/dnf/history.sqlite';
export const DNF5_HISTORY_PATH = '/usr/lib/sysimage/libdnf5/transaction_history.sqlite';

export type DnfTool = 'dnf4' | 'dnf5';

export interface DnfTransactionItem {
  name: string;
  epoch: number;
  version: string;
  release: string;
  arch: string;
  /** See DnfItemAction: `install`, `upgrade`, `upgraded`, `remove`, `replaced`... */
  action: string;
}

/** One completed dnf transaction, as its history database records it. */
export interface DnfTransaction {
  tool: DnfTool;
  /** The transaction id in that tool's history (`dnf history info ID`). */
  id: number;
  beginAt: Date;
  /** History keeps whole seconds; begin to end covers the rpm phase only. */
  endAt: Date;
  /** dnf 4 cmdline, dnf 5 description; null when empty. */
  cmdline: string | null;
  releasever: string | null;
  /** `done` (dnf 4) or `ok` (dnf 5): only completed transactions are read. */
  state: string;
  /** How many packages it changed: old sides of upgrades and reason changes are not counted. */
  packages: number;
  /** How many items per action, old sides included. */
  actions: Record<string, number>;
  items: DnfTransactionItem[];
  /**
   * Its begin and end are not the clock's: dnf 5 writes SOURCE_DATE_EPOCH instead when
   * it is set (reproducible image builds), so they are equal and repeat or go back in
   * time from one transaction to the next. Durations from them mean nothing.
   */
  sourceDateEpoch: boolean;
}

/** Where reading a history resumes: after this transaction, if it is still there. */
export interface HistoryCursor {
  id: number;
  /** Its dt_begin (Unix seconds); a row with this id and another begin is another transaction. */
  begin?: number;
}

export interface ReadDnfHistoryOptions {
  /** Prefix of the default paths, as dnf's --installroot; default `/`. */
  installroot?: string;
  /** Exact path of the dnf 4 database; default under installroot. */
  dnf4Path?: string;
  /** Exact path of the dnf 5 database; default under installroot. */
  dnf5Path?: string;
  /** Read only transactions with a greater id, per tool (the last one already reported). */
  afterId?: { dnf4?: number; dnf5?: number };
  /**
   * Read only transactions after these, per tool. When the cursor's transaction is no
   * longer in the database (it was recreated, or rolled back with the filesystem), ids
   * start again: then the transactions that began after it are read instead.
   */
  after?: { dnf4?: HistoryCursor; dnf5?: HistoryCursor };
}

export interface DnfHistoryRead {
  transactions: DnfTransaction[];
  /** Tools whose history went back behind the cursor (recreated database, rollback). */
  regressed: DnfTool[];
}

/** A history database that exists but cannot be read; names the file. */
export class DnfHistoryError extends Error {
  constructor(
    readonly path: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot read dnf history ${path}: ${reason}`, options);
    this.name = 'DnfHistoryError';
  }
}

interface TransactionRow {
  id: number;
  dtBegin: number;
  dtEnd: number;
  releasever: string | null;
  cmdline: string | null;
  state: string;
}

interface ItemRow extends DnfTransactionItem {
  transId: number;
}

// trans.state 1 is DONE; dt_end is set when the transaction finishes.
// `t.id > ? AND t.dt_begin > ?` selects what follows the cursor; both tools alike.
const DNF4_TRANSACTIONS = `
  SELECT id, dt_begin, dt_end, releasever, cmdline
  FROM trans t
  WHERE t.id > ? AND t.dt_begin > ? AND state = ${DNF4_STATE_DONE} AND dt_end IS NOT NULL
  ORDER BY id`;
const DNF4_ITEMS = `
  SELECT ti.trans_id, ti.action, r.name, r.epoch, r.version, r.release, r.arch
  FROM trans_item ti
  JOIN trans t ON t.id = ti.trans_id
  JOIN rpm r ON r.item_id = ti.item_id
  WHERE t.id > ? AND t.dt_begin > ? AND t.state = ${DNF4_STATE_DONE}
  ORDER BY ti.id`;

// dnf 5 keeps names and arches in lookup tables (pkg_name, arch).
const DNF5_TRANSACTIONS = `
  SELECT id, dt_begin, dt_end, releasever, description AS cmdline
  FROM trans t
  WHERE t.id > ? AND t.dt_begin > ? AND state_id = ${DNF5_STATE_OK} AND dt_end IS NOT NULL
  ORDER BY id`;
const DNF5_ITEMS = `
  SELECT ti.trans_id, ti.action_id AS action, n.name, r.epoch, r.version, r.release, a.name AS arch
  FROM trans_item ti
  JOIN trans t ON t.id = ti.trans_id
  JOIN rpm r ON r.item_id = ti.item_id
  JOIN pkg_name n ON n.id = r.name_id
  JOIN arch a ON a.id = r.arch_id
  WHERE t.id > ? AND t.dt_begin > ? AND t.state_id = ${DNF5_STATE_OK}
  ORDER BY ti.id`;
// Every transaction's times, whatever its state: what SOURCE_DATE_EPOCH is told by.
const ALL_TIMES = `SELECT id, dt_begin, dt_end FROM trans ORDER BY id`;
const BEGIN_OF = `SELECT dt_begin FROM trans WHERE id = ?`;
const HEAD = `SELECT id, dt_begin FROM trans ORDER BY id DESC LIMIT 1`;

function text(value: SqlValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  const string = value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : String(value);
  return string === '' ? null : string;
}

function integer(value: SqlValue | undefined, column: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new Error(`column ${column} holds ${JSON.stringify(value)}, not an integer`);
  }
  return value;
}

function readRows(db: Database, tool: DnfTool, afterId: number, afterBegin: number) {
  const [transactionsSql, itemsSql, stateName] =
    tool === 'dnf4'
      ? [DNF4_TRANSACTIONS, DNF4_ITEMS, 'done']
      : [DNF5_TRANSACTIONS, DNF5_ITEMS, 'ok'];
  const params = [afterId, afterBegin];
  const transactions: TransactionRow[] = queryRows(db, transactionsSql, params).map((row) => ({
    id: integer(row.id, 'trans.id'),
    dtBegin: integer(row.dt_begin, 'trans.dt_begin'),
    dtEnd: integer(row.dt_end, 'trans.dt_end'),
    releasever: text(row.releasever),
    cmdline: text(row.cmdline),
    state: stateName,
  }));
  const items: ItemRow[] = queryRows(db, itemsSql, params).map((row) => ({
    transId: integer(row.trans_id, 'trans_item.trans_id'),
    name: text(row.name) ?? '',
    epoch: integer(row.epoch ?? 0, 'rpm.epoch'),
    version: text(row.version) ?? '',
    release: text(row.release) ?? '',
    arch: text(row.arch) ?? '',
    action: dnfItemAction(tool, integer(row.action, 'trans_item.action')),
  }));
  return { transactions, items };
}

/**
 * The transactions whose times SOURCE_DATE_EPOCH set: begin equal to end, and the same
 * begin as another transaction or an earlier one than a transaction before it. A real
 * clock gives neither, except for a sub-second transaction in the same second as
 * another, whose duration is 0 either way.
 */
export function sourceDateEpochIds(
  rows: readonly { id: number; dtBegin: number; dtEnd: number | null }[],
): Set<number> {
  const suspects = new Set<number>();
  const begins = new Map<number, number>();
  for (const row of rows) begins.set(row.dtBegin, (begins.get(row.dtBegin) ?? 0) + 1);
  let latest = -Infinity;
  for (const row of [...rows].sort((a, b) => a.id - b.id)) {
    const frozen = row.dtEnd === row.dtBegin;
    if (frozen && ((begins.get(row.dtBegin) ?? 0) > 1 || row.dtBegin < latest)) {
      suspects.add(row.id);
    }
    latest = Math.max(latest, row.dtBegin);
  }
  return suspects;
}

function toTransaction(
  tool: DnfTool,
  row: TransactionRow,
  items: DnfTransactionItem[],
  sourceDateEpoch: boolean,
): DnfTransaction {
  const actions: Record<string, number> = {};
  for (const item of items) actions[item.action] = (actions[item.action] ?? 0) + 1;
  return {
    tool,
    id: row.id,
    beginAt: new Date(row.dtBegin * 1000),
    endAt: new Date(row.dtEnd * 1000),
    cmdline: row.cmdline,
    releasever: row.releasever,
    state: row.state,
    packages: items.filter((item) => isPackageChange(item.action)).length,
    actions,
    items,
    sourceDateEpoch,
  };
}

/** Where to resume: after the cursor, or, when history went back behind it, after its begin. */
function resumePoint(db: Database, cursor: HistoryCursor | undefined) {
  if (!cursor || cursor.id <= 0) return { afterId: 0, afterBegin: -1, regressed: false };
  const [row] = queryRows(db, BEGIN_OF, [cursor.id]);
  const begin = row ? integer(row.dt_begin, 'trans.dt_begin') : undefined;
  if (begin !== undefined && (cursor.begin === undefined || cursor.begin === begin)) {
    return { afterId: cursor.id, afterBegin: -1, regressed: false };
  }
  // Without a begin to go by (a cursor from an older agent), everything is read again;
  // the sample ids, which include each transaction's begin, let the server drop what it has.
  return { afterId: 0, afterBegin: cursor.begin ?? -1, regressed: true };
}

async function readOne(
  file: string,
  tool: DnfTool,
  cursor: HistoryCursor | undefined,
): Promise<DnfHistoryRead> {
  let db: Database | undefined;
  try {
    const image = await readSqliteImage(file);
    // A missing or empty file is a host where this dnf has not run yet.
    if (image === null || image.byteLength === 0) {
      return { transactions: [], regressed: cursor && cursor.id > 0 ? [tool] : [] };
    }
    db = await openSqliteImage(image);
    const { afterId, afterBegin, regressed } = resumePoint(db, cursor);
    const { transactions, items } = readRows(db, tool, afterId, afterBegin);
    const frozen =
      tool === 'dnf5'
        ? sourceDateEpochIds(
            queryRows(db, ALL_TIMES).map((row) => ({
              id: integer(row.id, 'trans.id'),
              dtBegin: integer(row.dt_begin, 'trans.dt_begin'),
              dtEnd: typeof row.dt_end === 'number' ? row.dt_end : null,
            })),
          )
        : new Set<number>();
    const itemsOf = new Map<number, DnfTransactionItem[]>();
    for (const { transId, ...item } of items) {
      const list = itemsOf.get(transId);
      if (list) list.push(item);
      else itemsOf.set(transId, [item]);
    }
    return {
      transactions: transactions
        .map((row) => toTransaction(tool, row, itemsOf.get(row.id) ?? [], frozen.has(row.id)))
        // Reason changes alone (`dnf mark`) changed no package and ran no rpm phase.
        .filter((transaction) => transaction.packages > 0),
      regressed: regressed ? [tool] : [],
    };
  } catch (error) {
    throw new DnfHistoryError(file, error instanceof Error ? error.message : String(error), {
      cause: error,
    });
  } finally {
    db?.close();
  }
}

/** The newest transaction of a history database, whatever its state; null when it has none. */
export async function historyHead(file: string): Promise<HistoryCursor | null> {
  let db: Database | undefined;
  try {
    const image = await readSqliteImage(file);
    if (image === null || image.byteLength === 0) return null;
    db = await openSqliteImage(image);
    const [row] = queryRows(db, HEAD);
    return row
      ? { id: integer(row.id, 'trans.id'), begin: integer(row.dt_begin, 'trans.dt_begin') }
      : null;
  } catch (error) {
    throw new DnfHistoryError(file, error instanceof Error ? error.message : String(error), {
      cause: error,
    });
  } finally {
    db?.close();
  }
}

/** The history database paths: the options', or dnf's configured ones under the installroot. */
export function historyPaths(options: ReadDnfHistoryOptions = {}): Record<DnfTool, string> {
  const root = options.installroot ?? '/';
  const configured = dnfHistoryLocations(root);
  return {
    dnf4: options.dnf4Path ?? configured.dnf4,
    dnf5: options.dnf5Path ?? configured.dnf5,
  };
}

/**
 * Completed dnf 4 and dnf 5 transactions that changed packages, oldest first, after
 * the cursors, and which tools' history went back behind its cursor. A database file
 * that does not exist gives none; one that cannot be read is a DnfHistoryError naming
 * it. The files are read into memory, never opened for writing.
 */
export async function readDnfHistorySince(
  options: ReadDnfHistoryOptions = {},
): Promise<DnfHistoryRead> {
  const paths = historyPaths(options);
  const cursor = (tool: DnfTool): HistoryCursor | undefined =>
    options.after?.[tool] ??
    (options.afterId?.[tool] !== undefined ? { id: options.afterId[tool] } : undefined);
  const [dnf4, dnf5] = await Promise.all([
    readOne(paths.dnf4, 'dnf4', cursor('dnf4')),
    readOne(paths.dnf5, 'dnf5', cursor('dnf5')),
  ]);
  return {
    transactions: [...dnf4.transactions, ...dnf5.transactions].sort(
      (a, b) =>
        a.beginAt.getTime() - b.beginAt.getTime() || a.tool.localeCompare(b.tool) || a.id - b.id,
    ),
    regressed: [...dnf4.regressed, ...dnf5.regressed],
  };
}

/** The transactions of readDnfHistorySince, alone. */
export async function readDnfHistory(
  options: ReadDnfHistoryOptions = {},
): Promise<DnfTransaction[]> {
  return (await readDnfHistorySince(options)).transactions;
}
