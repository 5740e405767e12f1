/** GTE and LTE compare numbers, and versions as rpm does. */
export const TARGETING_OPS = ['EQ', 'NEQ', 'IN', 'NOT_IN', 'GTE', 'LTE'] as const;
export type TargetingOp = (typeof TARGETING_OPS)[number];

/** A condition on a host fact, e.g. rootFsType IN [btrfs, xfs]. */
export interface TargetingRule {
  fact: string;
  op: TargetingOp;
  values: string[];
}
