import path from 'node:path';
import fs from 'node:fs';
import {
  historyPaths,
  historyHead,
  readDnfHistorySince,
  type DnfTool,
  type DnfTransaction,
  type HistoryCursor,
} from '../history/read-dnf-history.js';
import { transactionSample, type RunMeasurement } from '../history/transaction-sample.js';
import { processAlive, readHookFiles, type HookRecord } from '../hooks/hook-record.js';
import type { SampleInput } from '../samples/sample.js';
import { deliver, type DeliveryResult } from '../spool/deliver.js';
import { Spool } from '../spool/spool.js';
import { historyCursors, saveState, type AgentState } from '../state.js';
import { treeBytes, usedBytes } from './disk-usage.js';

const TOOLS: DnfTool[] = ['dnf4', 'dnf5'];
/** A hook record no transaction claimed is dropped after this long. */
const UNCLAIMED_RECORD_MS = 7 * 24 * 3600_000;

export interface ReportOptions {
  stateDir: string;
  state: AgentState;
  installroot?: string;
  dnf4Path?: string;
  dnf5Path?: string;
  disk: boolean;
  /** Set by `run`: what it measured, and each history's newest transaction before its command. */
  run?: { measured: RunMeasurement; before: Record<DnfTool, HistoryCursor | null> };
  onRetry?: (message: string) => void;
  /** Things a person may want to know (history that went back, a dnf that made no transaction). */
  onNote?: (message: string) => void;
  now?: Date;
}

export interface ReportResult extends DeliveryResult {
  transactions: number;
}

/** Each history's newest transaction, whatever its state (what `run` compares with afterwards). */
export async function historyHeads(
  options: Pick<ReportOptions, 'installroot' | 'dnf4Path' | 'dnf5Path'>,
): Promise<Record<DnfTool, HistoryCursor | null>> {
  const paths = historyPaths(options);
  const [dnf4, dnf5] = await Promise.all([historyHead(paths.dnf4), historyHead(paths.dnf5)]);
  return { dnf4, dnf5 };
}

const beginSeconds = (tx: DnfTransaction): number => tx.beginAt.getTime() / 1000;

/** The hook record that measured this transaction: same tool, history id and begin. */
function recordOf(tx: DnfTransaction, records: HookRecord[]): HookRecord | undefined {
  return records.find(
    (r) => r.tool === tx.tool && r.historyId === tx.id && r.historyBegin === beginSeconds(tx),
  );
}

/**
 * Turns every dnf transaction since the last report into a sample (joined with what
 * the dnf hooks measured around it, and with `run`'s measurement when it is the
 * transaction `run`'s command made), adds a disk snapshot, puts them in the spool, and
 * then delivers the spool. The spool, not the server, is what the "last reported" mark
 * waits for: what is spooled is delivered sooner or later, by this run or the next.
 */
export async function report(options: ReportOptions): Promise<ReportResult> {
  const { state } = options;
  const note = (message: string) => options.onNote?.(message);
  const now = options.now ?? new Date();
  const root = options.installroot ?? '/';
  const spool = new Spool(path.join(options.stateDir, 'spool'));
  const cursors = historyCursors(state);
  const read = await readDnfHistorySince({
    installroot: options.installroot,
    dnf4Path: options.dnf4Path,
    dnf5Path: options.dnf5Path,
    after: cursors,
  });
  for (const tool of read.regressed) {
    note(
      `The ${tool} history went back behind transaction ${cursors[tool]?.id} (database recreated or rolled back): reporting only the transactions that began after it.`,
    );
  }
  const hooks = readHookFiles(spool.dir);

  // A transaction dnf is still finishing waits for its hook's record: the next report takes both.
  let transactions = read.transactions;
  for (const { mark } of hooks.pending.filter(({ mark }) => processAlive(mark.pid))) {
    const newest = transactions.filter((tx) => tx.tool === mark.tool).at(-1);
    if (newest && (newest.sourceDateEpoch || newest.beginAt.getTime() >= mark.startedAt - 2000)) {
      transactions = transactions.filter((tx) => tx !== newest);
    }
  }

  const ownTransactions = options.run
    ? transactions.filter((tx) => tx.id > (options.run!.before[tx.tool]?.id ?? 0))
    : [];
  if (options.run && ownTransactions.length !== 1) {
    note(
      ownTransactions.length === 0
        ? 'The command made no dnf transaction (nothing to do, or it failed): its timing is not reported.'
        : `The command made ${ownTransactions.length} dnf transactions: its timing belongs to none of them alone and is not reported.`,
    );
  }
  const records = hooks.records.map((r) => r.record);
  const claimed = new Set<HookRecord>();
  const samples: SampleInput[] = [];
  let skipped = 0;
  for (const tx of transactions) {
    const hook = recordOf(tx, records);
    if (hook) claimed.add(hook);
    const sample = transactionSample(tx, state.machineIdHash, {
      hook,
      run:
        ownTransactions.length === 1 && ownTransactions[0] === tx
          ? options.run?.measured
          : undefined,
      now,
    });
    if (sample) samples.push(sample);
    else skipped++;
  }
  if (skipped) {
    note(
      `${skipped} dnf 5 transaction(s) have SOURCE_DATE_EPOCH for times and no hook measured them: nothing to report about them.`,
    );
  }
  if (options.disk) {
    samples.push({
      id: `disk-${state.machineIdHash.slice(0, 16)}-${now.getTime()}`,
      kind: 'disk_snapshot',
      observedAt: now.toISOString(),
      values: [
        { metric: 'disk_used_bytes', value: usedBytes(root) },
        {
          metric: 'dnf_cache_bytes',
          value:
            treeBytes(path.join(root, 'var/cache/dnf')) +
            treeBytes(path.join(root, 'var/cache/libdnf5')),
        },
      ],
      context: {},
    });
  }
  spool.add(samples);
  const next = { ...cursors };
  for (const tool of TOOLS) {
    const last = transactions.filter((tx) => tx.tool === tool).at(-1);
    if (last) next[tool] = { id: last.id, begin: beginSeconds(last) };
    else if (read.regressed.includes(tool)) {
      // Nothing new since going back: resume after what the database holds now.
      const head = (await historyHeads(options))[tool];
      if (head) next[tool] = head;
    }
  }
  saveState(options.stateDir, { ...state, lastReported: undefined, reported: next });
  cleanHookFiles(hooks, claimed, next, now);

  const delivered = await deliver(spool, {
    server: state.server,
    token: state.token,
    onRetry: (error, delayMs) =>
      options.onRetry?.(`${error.message}; retrying in ${Math.round(delayMs / 1000)} s`),
  });
  return { ...delivered, transactions: transactions.length };
}

/**
 * Removes what the hooks wrote that is done with: records now in samples, records of
 * transactions already behind the cursor (a hook that finished after a report took its
 * transaction) or too old to be claimed, and the marks and scratch files of dnf
 * processes that are gone (a transaction that failed or had nothing to do).
 */
function cleanHookFiles(
  hooks: ReturnType<typeof readHookFiles>,
  claimed: Set<HookRecord>,
  cursors: Partial<Record<DnfTool, HistoryCursor>>,
  now: Date,
): void {
  const remove = (file: string) => fs.rmSync(file, { force: true });
  for (const { file, record } of hooks.records) {
    const behind =
      record.historyId !== undefined && record.historyId <= (cursors[record.tool]?.id ?? 0);
    if (claimed.has(record) || behind || now.getTime() - record.endedAt > UNCLAIMED_RECORD_MS) {
      remove(file);
    }
  }
  for (const { file, mark } of hooks.pending) if (!processAlive(mark.pid)) remove(file);
  for (const { file, pid } of hooks.scratch) if (!processAlive(pid)) remove(file);
}
