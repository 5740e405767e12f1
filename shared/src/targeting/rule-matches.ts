import { factKind, factValue, type FactKind } from '../facts/fact-kinds.js';
import type { HostFacts } from '../facts/host-facts.js';
import { compareEvr } from '../facts/version-compare.js';
import type { TargetingRule } from './targeting.js';

// NaN when the two cannot be ordered, so every comparison with it is false.
function compare(kind: FactKind, actual: string | number | boolean, value: string): number {
  switch (kind) {
    case 'version':
      return compareEvr(String(actual), value);
    case 'number':
      return typeof actual === 'number' && value.trim() !== '' ? actual - Number(value) : NaN;
    default:
      return String(actual) === value ? 0 : NaN;
  }
}

/**
 * Whether a host's facts satisfy one rule. A fact the host did not report satisfies
 * only NEQ and NOT_IN: "not on ext4" holds for a host whose filesystem is unknown,
 * "on btrfs" does not. Versions compare as rpm does (see compareEvr), so
 * `kernel >= 5.14.0-400.el9` and `packages.rpm = 4.16.1.3` (any release) work.
 */
export function ruleMatches(rule: TargetingRule, facts: HostFacts): boolean {
  const kind = factKind(rule.fact);
  if (kind === undefined) return false;
  const negated = rule.op === 'NEQ' || rule.op === 'NOT_IN';
  const actual = factValue(facts, rule.fact);
  if (actual === undefined) return negated;

  if (Array.isArray(actual)) {
    if (rule.op === 'GTE' || rule.op === 'LTE') return false;
    const hasAny = rule.values.some((value) => actual.includes(value));
    return negated ? !hasAny : hasAny;
  }
  const equalsAny = rule.values.some((value) => compare(kind, actual, value) === 0);
  const ordered = (kind === 'number' || kind === 'version') && rule.values.length === 1;
  switch (rule.op) {
    case 'EQ':
    case 'IN':
      return equalsAny;
    case 'NEQ':
    case 'NOT_IN':
      return !equalsAny;
    case 'GTE':
      return ordered && compare(kind, actual, rule.values[0]!) >= 0;
    case 'LTE':
      return ordered && compare(kind, actual, rule.values[0]!) <= 0;
    default:
      return false;
  }
}

/** The rule that keeps a host out of an experiment, if any: the reason to show for "not eligible". */
export function firstUnmatchedRule(
  rules: readonly TargetingRule[],
  facts: HostFacts,
): TargetingRule | undefined {
  return rules.find((rule) => !ruleMatches(rule, facts));
}
