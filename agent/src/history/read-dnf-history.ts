import path from 'node:path';
import type { Database, SqlValue } from 'sql.js';
import { DNF4_STATE_DONE, DNF5_STATE_OK, dnfItemAction, isPackageChange } from './dnf-actions.js';
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
const DNF4_TRANSACTIONS = `
  SELECT id, dt_begin, dt_end, releasever, cmdline
  FROM trans
  WHERE id > ? AND state = ${DNF4_STATE_DONE} AND dt_end IS NOT NULL
  ORDER BY id`;
const DNF4_ITEMS = `
  SELECT ti.trans_id, ti.action, r.name, r.epoch, r.version, r.release, r.arch
  FROM trans_item ti
  JOIN trans t ON t.id = ti.trans_id
  JOIN rpm r ON r.item_id = ti.item_id
  WHERE t.id > ? AND t.state = ${DNF4_STATE_DONE}
  ORDER BY ti.id`;

// dnf 5 keeps names and arches in lookup tables (pkg_name, arch).
const DNF5_TRANSACTIONS = `
  SELECT id, dt_begin, dt_end, releasever, description AS cmdline
  FROM trans
  WHERE id > ? AND state_id = ${DNF5_STATE_OK} AND dt_end IS NOT NULL
  ORDER BY id`;
const DNF5_ITEMS = `
  SELECT ti.trans_id, ti.action_id AS action, n.name, r.epoch, r.version, r.release, a.name AS arch
  FROM trans_item ti
  JOIN trans t ON t.id = ti.trans_id
  JOIN rpm r ON r.item_id = ti.item_id
  JOIN pkg_name n ON n.id = r.name_id
  JOIN arch a ON a.id = r.arch_id
  WHERE t.id > ? AND t.state_id = ${DNF5_STATE_OK}
  ORDER BY ti.id`;

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

function readRows(db: Database, tool: DnfTool, afterId: number) {
  const [transactionsSql, itemsSql, stateName] =
    tool === 'dnf4'
      ? [DNF4_TRANSACTIONS, DNF4_ITEMS, 'done']
      : [DNF5_TRANSACTIONS, DNF5_ITEMS, 'ok'];
  const transactions: TransactionRow[] = queryRows(db, transactionsSql, [afterId]).map((row) => ({
    id: integer(row.id, 'trans.id'),
    dtBegin: integer(row.dt_begin, 'trans.dt_begin'),
    dtEnd: integer(row.dt_end, 'trans.dt_end'),
    releasever: text(row.releasever),
    cmdline: text(row.cmdline),
    state: stateName,
  }));
  const items: ItemRow[] = queryRows(db, itemsSql, [afterId]).map((row) => ({
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

function toTransaction(
  tool: DnfTool,
  row: TransactionRow,
  items: DnfTransactionItem[],
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
  };
}

async function readOne(file: string, tool: DnfTool, afterId: number): Promise<DnfTransaction[]> {
  let db: Database | undefined;
  try {
    const image = await readSqliteImage(file);
    // A missing or empty file is a host where this dnf has not run yet.
    if (image === null || image.byteLength === 0) return [];
    db = await openSqliteImage(image);
    const { transactions, items } = readRows(db, tool, afterId);
    const itemsOf = new Map<number, DnfTransactionItem[]>();
    for (const { transId, ...item } of items) {
      const list = itemsOf.get(transId);
      if (list) list.push(item);
      else itemsOf.set(transId, [item]);
    }
    return (
      transactions
        .map((row) => toTransaction(tool, row, itemsOf.get(row.id) ?? []))
        // Reason changes alone (`dnf mark`) changed no package and ran no rpm phase.
        .filter((transaction) => transaction.packages > 0)
    );
  } catch (error) {
    throw new DnfHistoryError(file, error instanceof Error ? error.message : String(error), {
      cause: error,
    });
  } finally {
    db?.close();
  }
}

/**
 * Completed dnf 4 and dnf 5 transactions that changed packages, oldest first. A
 * database file that does not exist gives none; one that cannot be read is a
 * DnfHistoryError naming it. The files are read into memory, never opened for writing.
 */
export async function readDnfHistory(
  options: ReadDnfHistoryOptions = {},
): Promise<DnfTransaction[]> {
  const root = options.installroot ?? '/';
  const dnf4Path = options.dnf4Path ?? path.join(root, DNF4_HISTORY_PATH);
  const dnf5Path = options.dnf5Path ?? path.join(root, DNF5_HISTORY_PATH);
  const [dnf4, dnf5] = await Promise.all([
    readOne(dnf4Path, 'dnf4', options.afterId?.dnf4 ?? 0),
    readOne(dnf5Path, 'dnf5', options.afterId?.dnf5 ?? 0),
  ]);
  return [...dnf4, ...dnf5].sort(
    (a, b) =>
      a.beginAt.getTime() - b.beginAt.getTime() || a.tool.localeCompare(b.tool) || a.id - b.id,
  );
}
