import path from 'node:path';
import { readDnfHistory, type DnfTransaction } from '../history/read-dnf-history.js';
import { transactionSample } from '../history/transaction-sample.js';
import type { SampleInput } from '../samples/sample.js';
import { deliver, type DeliveryResult } from '../spool/deliver.js';
import { Spool } from '../spool/spool.js';
import { saveState, type AgentState } from '../state.js';
import { treeBytes, usedBytes } from './disk-usage.js';

export interface ReportOptions {
  stateDir: string;
  state: AgentState;
  installroot?: string;
  dnf4Path?: string;
  dnf5Path?: string;
  disk: boolean;
  /** Measured by `run` around the newest transaction: wall time and root usage change. */
  measured?: { installDurationMs: number; diskUsedDeltaBytes: number };
  onRetry?: (message: string) => void;
}

export interface ReportResult extends DeliveryResult {
  transactions: number;
}

/**
 * Turns every dnf transaction since the last report into a sample, adds a disk
 * snapshot, puts them in the spool, and then delivers the spool. The spool, not the
 * server, is what the "last reported" mark waits for: what is spooled is delivered
 * sooner or later, by this run or the next.
 */
export async function report(options: ReportOptions): Promise<ReportResult> {
  const { state } = options;
  const root = options.installroot ?? '/';
  const transactions = await readDnfHistory({
    installroot: options.installroot,
    dnf4Path: options.dnf4Path,
    dnf5Path: options.dnf5Path,
    afterId: state.lastReported,
  });
  const samples: SampleInput[] = transactions.map((tx) =>
    transactionSample(tx, state.machineIdHash),
  );
  const newest = samples.at(-1);
  if (newest && options.measured) {
    newest.values.push(
      { metric: 'install_duration_ms', value: Math.round(options.measured.installDurationMs) },
      { metric: 'disk_used_delta_bytes', value: options.measured.diskUsedDeltaBytes },
    );
  }
  if (options.disk) {
    const now = new Date();
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
  const spool = new Spool(path.join(options.stateDir, 'spool'));
  spool.add(samples);
  saveState(options.stateDir, {
    ...state,
    lastReported: lastIds(transactions, state.lastReported),
  });
  const delivered = await deliver(spool, {
    server: state.server,
    token: state.token,
    onRetry: (error, delayMs) =>
      options.onRetry?.(`${error.message}; retrying in ${Math.round(delayMs / 1000)} s`),
  });
  return { ...delivered, transactions: transactions.length };
}

function lastIds(
  transactions: DnfTransaction[],
  before: AgentState['lastReported'],
): AgentState['lastReported'] {
  const last = { ...before };
  for (const tx of transactions) last[tx.tool] = Math.max(last[tx.tool] ?? 0, tx.id);
  return last;
}
