export const TARGETING_OPS = ['EQ', 'NEQ', 'IN', 'NOT_IN', 'GTE', 'LTE'] as const;
export type TargetingOp = (typeof TARGETING_OPS)[number];

export interface TargetingRule {
  fact: string;
  op: TargetingOp;
  values: string[];
}

export function isTargetingOp(op: unknown): op is TargetingOp {
  return (TARGETING_OPS as readonly unknown[]).includes(op);
}

const SYMBOLS: Record<TargetingOp, string> = {
  EQ: '=',
  NEQ: '!=',
  IN: 'IN',
  NOT_IN: 'NOT IN',
  GTE: '>=',
  LTE: '<=',
};

/** `rootFsType IN (btrfs, xfs)`, `cpus >= 4`: how a rule reads in the dashboard, reports and messages. */
export function describeRule(rule: TargetingRule): string {
  const symbol = SYMBOLS[rule.op] ?? rule.op;
  const list = rule.op === 'IN' || rule.op === 'NOT_IN';
  return `${rule.fact} ${symbol} ${list ? `(${rule.values.join(', ')})` : rule.values.join(', ')}`;
}
