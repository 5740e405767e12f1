import { createHash } from 'node:crypto';
import type { PackageTransactionAction, PackageTransactionSample } from '../samples/sample.js';
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

/** The package_transaction sample of one dnf transaction. */
export function transactionSample(
  transaction: DnfTransaction,
  machineIdHash: string,
  options: { toolVersion?: string } = {},
): PackageTransactionSample {
  // Whole seconds of the rpm phase. A clock stepped back mid-transaction would give a
  // negative time, which the server refuses; it is reported as 0 instead.
  const rpmDurationMs = Math.max(0, transaction.endAt.getTime() - transaction.beginAt.getTime());
  return {
    id: transactionSampleId(transaction, machineIdHash),
    kind: 'package_transaction',
    observedAt: transaction.endAt.toISOString(),
    values: [{ metric: 'rpm_duration_ms', value: rpmDurationMs }],
    context: {
      action: dominantAction(transaction),
      packages: transaction.packages,
      tool: transaction.tool,
      ...(options.toolVersion ? { toolVersion: options.toolVersion } : {}),
    },
  };
}
