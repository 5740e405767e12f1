/** One metric value of a sample (the GraphQL MetricValueInput). */
export interface MetricValueInput {
  metric: string;
  value: number;
}

/**
 * One observation as the agent sends it to `ingestSamples` (the GraphQL SampleInput).
 * The id is chosen by the agent and must be the same on every resend of the same
 * observation, so the server stores it once.
 */
export interface SampleInput<Kind extends string = string, Context extends object = object> {
  id: string;
  kind: Kind;
  /** ISO 8601 time of the observation. */
  observedAt: string;
  values: MetricValueInput[];
  context: Context;
}

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
