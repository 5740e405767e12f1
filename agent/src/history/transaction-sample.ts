import { createHash } from 'node:crypto';
import type { HookRecord } from '../hooks/hook-record.js';
import type {
  MetricValueInput,
  PackageTransactionAction,
  PackageTransactionSample,
} from '../samples/sample.js';
import type { DnfTransaction } from './read-dnf-history.js';

// Which kind of change each new-side item is. An obsoleting package replaces another
// one, nearly always during an upgrade, so it is counted as one.
const KIND_OF_ACTION: Record<string, Exclude<PackageTransactionAction, 'mixed'>> = {
  install: 'install',
  upgrade: 'upgrade',
  obsolete: 'upgrade',
  downgrade: 'downgrade',
  remove: 'remove',
  reinstall: 'reinstall',
};

/**
 * The kind of change most of the transaction's packages went through, when one kind
 * has more than half of them: a `dnf upgrade` that also pulls in a new dependency is
 * an upgrade. Otherwise (a swap, a kernel upgrade that installs as many as it
 * removes) `mixed`.
 */
export function dominantAction(transaction: DnfTransaction): PackageTransactionAction {
  const counts = new Map<PackageTransactionAction, number>();
  let total = 0;
  for (const [action, count] of Object.entries(transaction.actions)) {
    const kind = KIND_OF_ACTION[action];
    if (!kind) continue;
    counts.set(kind, (counts.get(kind) ?? 0) + count);
    total += count;
  }
  for (const [kind, count] of counts) if (count * 2 > total) return kind;
  return 'mixed';
}

/**
 * The sample id of a transaction: the same on every run of the agent, so a resend is
 * stored once, and different across hosts, tools and a history database that was
 * recreated (its ids start again, its begin times do not).
 */
export function transactionSampleId(transaction: DnfTransaction, machineIdHash: string): string {
  const digest = createHash('sha256')
    .update(
      [
        'package_transaction',
        machineIdHash,
        transaction.tool,
        transaction.id,
        transaction.beginAt.getTime() / 1000,
      ].join('\n'),
    )
    .digest('hex');
  return `${transaction.tool}-${transaction.id}-${digest.slice(0, 32)}`;
}

/** What `run` measured around the dnf command it ran. */
export interface RunMeasurement {
  installDurationMs: number;
  diskUsedDeltaBytes: number;
  /** Free bytes at the start minus the lowest free bytes seen while the command ran. */
  freeSpaceDropBytes?: number;
}

export interface TransactionSampleOptions {
  toolVersion?: string;
  /** What a dnf hook measured around this transaction. */
  hook?: HookRecord;
  /** What `run` measured, when this transaction is the one its command made. */
  run?: RunMeasurement;
  /** The time to report a transaction whose history times are not the clock's and that no hook timed. */
  now?: Date;
}

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

/**
 * The values of a transaction: the rpm phase from the hook (milliseconds) or from
 * history (whole seconds, and only when history's times are the clock's), the rest
 * from the hook and from `run`, which knows the whole command's wall time and disk use.
 */
export function transactionValues(
  transaction: DnfTransaction,
  hook?: HookRecord,
  run?: RunMeasurement,
): MetricValueInput[] {
  const values: MetricValueInput[] = [];
  const add = (metric: string, value: number | undefined) => {
    if (value !== undefined && Number.isFinite(value)) values.push({ metric, value });
  };
  const historyRpmMs = transaction.sourceDateEpoch
    ? undefined
    : // A clock stepped back mid-transaction would give a negative time, which the
      // server refuses; it is reported as 0 instead.
      Math.max(0, transaction.endAt.getTime() - transaction.beginAt.getTime());
  const hookRpmMs =
    hook?.rpmStartedAt !== undefined ? Math.max(0, hook.endedAt - hook.rpmStartedAt) : undefined;
  add('rpm_duration_ms', hookRpmMs ?? historyRpmMs);
  add(
    'install_duration_ms',
    run
      ? Math.round(run.installDurationMs)
      : hook?.startedAt !== undefined
        ? Math.max(0, hook.endedAt - hook.startedAt)
        : undefined,
  );
  const incoming = (hook?.packages ?? []).filter((p) => p.downloadSize !== undefined);
  if (incoming.length) add('download_bytes', sum(incoming.map((p) => p.downloadSize!)));
  const hookDelta =
    hook?.freeBytesStart !== undefined && hook.freeBytesEnd !== undefined
      ? hook.freeBytesStart - hook.freeBytesEnd
      : undefined;
  add('disk_used_delta_bytes', run?.diskUsedDeltaBytes ?? hookDelta);
  const hookDrop =
    hook?.freeBytesStart !== undefined
      ? Math.max(
          0,
          hook.freeBytesStart -
            Math.min(hook.freeBytesLow ?? Infinity, hook.freeBytesEnd ?? Infinity),
        )
      : undefined;
  const drops = [hookDrop, run?.freeSpaceDropBytes].filter((d): d is number => d !== undefined);
  if (drops.length) add('free_space_drop_bytes', Math.max(...drops));
  if (hook?.cpuMs !== undefined) add('rpm_cpu_ms', Math.max(0, hook.cpuMs));
  return values;
}

/**
 * The package_transaction sample of one dnf transaction, or null when nothing about it
 * can be told: a transaction whose history times came from SOURCE_DATE_EPOCH and that
 * no hook or `run` measured.
 */
export function transactionSample(
  transaction: DnfTransaction,
  machineIdHash: string,
  options: TransactionSampleOptions = {},
): PackageTransactionSample | null {
  const values = transactionValues(transaction, options.hook, options.run);
  if (values.length === 0) return null;
  const observedAt = transaction.sourceDateEpoch
    ? new Date(options.hook?.endedAt ?? (options.now ?? new Date()).getTime())
    : transaction.endAt;
  return {
    id: transactionSampleId(transaction, machineIdHash),
    kind: 'package_transaction',
    observedAt: observedAt.toISOString(),
    values,
    context: {
      action: dominantAction(transaction),
      packages: transaction.packages,
      tool: transaction.tool,
      ...(options.toolVersion ? { toolVersion: options.toolVersion } : {}),
    },
  };
}
