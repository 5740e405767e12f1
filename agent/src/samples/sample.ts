import type { SampleInput } from '@fleetlab/shared';

export type { MetricValueInput, SampleInput } from '@fleetlab/shared';

/** What most of a package transaction's packages went through; `mixed` when no kind has a majority. */
export type PackageTransactionAction =
  'install' | 'upgrade' | 'remove' | 'downgrade' | 'reinstall' | 'mixed';

export interface PackageTransactionContext {
  action: PackageTransactionAction;
  /** How many packages the transaction changed. */
  packages: number;
  /** `dnf4` or `dnf5`. */
  tool: string;
  toolVersion?: string;
}

export type PackageTransactionSample = SampleInput<
  'package_transaction',
  PackageTransactionContext
>;
