import fs from 'node:fs';
import path from 'node:path';
import type { DnfTool } from '../history/read-dnf-history.js';

/** One package of a transaction as a dnf hook saw it. */
export interface HookPackage {
  nevra: string;
  /** dnf 4: `in` or `out`; dnf 5: the actions plugin's letter (I, U, D, R in; E, O out). */
  action: string;
  /** Incoming packages: size of the rpm file (what dnf downloads when it is not cached). */
  downloadSize?: number;
  /** Incoming packages: size of the installed files. */
  installSize?: number;
}

/**
 * What a dnf hook measured around one transaction, written to the spool's `dnf-hooks/`
 * folder while dnf runs (no network in dnf's path). `report` joins it to the history
 * transaction it names and sends one sample for both. Times are Unix milliseconds.
 */
export interface HookRecord {
  tool: DnfTool;
  /** dnf's process id. */
  pid: number;
  /** The history transaction it measured: its id and its begin time (Unix seconds) as history holds them. */
  historyId?: number;
  historyBegin?: number;
  /** When the dnf command started (dnf 4 plugin loaded; dnf 5 base set up). */
  startedAt?: number;
  /** When the rpm phase started (pre_transaction). */
  rpmStartedAt?: number;
  /** When the rpm phase ended (transaction / post_transaction). */
  endedAt: number;
  /** Free bytes of the root filesystem at the start, at its lowest meanwhile, and at the end. */
  freeBytesStart?: number;
  freeBytesLow?: number;
  freeBytesEnd?: number;
  /** CPU time of the dnf process in the rpm phase. */
  cpuMs?: number;
  /** dnf ran with SOURCE_DATE_EPOCH set: history's times are that date, not the clock's. */
  sourceDateEpoch?: number;
  packages: HookPackage[];
}

/** A transaction in progress, noted by the hook at pre_transaction. */
export interface PendingMark {
  tool: DnfTool;
  pid: number;
  startedAt: number;
}

export const HOOK_DIR = 'dnf-hooks';

/** The folder dnf hooks write to, inside the spool. */
export const hookDir = (spoolDir: string): string => path.join(spoolDir, HOOK_DIR);

/** Writes a file atomically (readers never see half of it), readable by its owner only. */
export function writeAtomically(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(temporary, text, { mode: 0o600 });
  fs.renameSync(temporary, file);
}

export function writeHookRecord(spoolDir: string, record: HookRecord): string {
  const file = path.join(hookDir(spoolDir), `${record.tool}-${record.pid}-${record.endedAt}.json`);
  writeAtomically(file, JSON.stringify(record));
  return file;
}

const isNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** Checks a record read from disk; null when it is not one (a person's stray file, a torn write). */
export function parseHookRecord(text: string): HookRecord | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const record = value as Partial<HookRecord> | null;
  if (
    !record ||
    (record.tool !== 'dnf4' && record.tool !== 'dnf5') ||
    !isNumber(record.pid) ||
    !isNumber(record.endedAt) ||
    !Array.isArray(record.packages)
  ) {
    return null;
  }
  return record as HookRecord;
}

export interface HookFiles {
  records: { file: string; record: HookRecord }[];
  pending: { file: string; mark: PendingMark }[];
  /** Records that cannot be read: left for a person. */
  unreadable: string[];
  /** Scratch files of dnf 5 hooks (`dnf5-PID.start`, `.packages`, `.low`), by pid. */
  scratch: { file: string; pid: number }[];
}

function parsePendingMark(text: string): PendingMark | null {
  try {
    const mark = JSON.parse(text) as Partial<PendingMark>;
    if ((mark.tool === 'dnf4' || mark.tool === 'dnf5') && isNumber(mark.pid)) {
      return {
        tool: mark.tool,
        pid: mark.pid,
        startedAt: isNumber(mark.startedAt) ? mark.startedAt : 0,
      };
    }
  } catch {
    // not a mark
  }
  return null;
}

/** The records, pending marks and scratch files in the spool's hook folder. */
export function readHookFiles(spoolDir: string): HookFiles {
  const dir = hookDir(spoolDir);
  const result: HookFiles = { records: [], pending: [], unreadable: [], scratch: [] };
  let names: string[];
  try {
    names = fs.readdirSync(dir).sort();
  } catch {
    return result;
  }
  for (const name of names) {
    if (name.startsWith('.')) continue; // being written
    const file = path.join(dir, name);
    const scratch = /^dnf[45]-(\d+)\.(start|packages|low)$/.exec(name);
    if (scratch) {
      result.scratch.push({ file, pid: Number(scratch[1]) });
    } else if (name.endsWith('.pending')) {
      const mark = parsePendingMark(readOrEmpty(file));
      if (mark) result.pending.push({ file, mark });
      else result.unreadable.push(file);
    } else if (name.endsWith('.json')) {
      const record = parseHookRecord(readOrEmpty(file));
      if (record) result.records.push({ file, record });
      else result.unreadable.push(file);
    }
  }
  return result;
}

// A file may go between listing and reading (a hook finishing): read as empty.
function readOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

export const pendingFile = (spoolDir: string, tool: DnfTool, pid: number): string =>
  path.join(hookDir(spoolDir), `${tool}-${pid}.pending`);

/** Whether a process is still running (a pending mark of a dnf that died is stale). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
