import { TARGETING_OPS, type TargetingOp, type TargetingRule } from '../domain/targeting.js';

export { TARGETING_OPS, type TargetingOp, type TargetingRule } from '../domain/targeting.js';

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
