import { describeValue, hasControlCharacters } from '../describe-value.js';
import { FACT_KINDS, PACKAGE_FACT_PREFIX, factKind } from '../facts/fact-kinds.js';
import type { Problem } from '../problem.js';
import { TARGETING_OPS, isTargetingOp, type TargetingRule } from './targeting.js';

const MAX_VALUES = 1000;
const MAX_VALUE_LENGTH = 256;
const NUMBER_VALUE_PATTERN = /^-?\d{1,16}(?:\.\d{1,16})?$/;

const KNOWN_FACTS = `${Object.keys(FACT_KINDS).join(', ')} and ${PACKAGE_FACT_PREFIX}<name> (e.g. ${PACKAGE_FACT_PREFIX}rpm)`;

function factProblem(fact: unknown): string | null {
  if (typeof fact === 'string' && factKind(fact) !== undefined) return null;
  if (fact === 'packages')
    return `target one package at a time as ${PACKAGE_FACT_PREFIX}<name>, e.g. ${PACKAGE_FACT_PREFIX}rpm`;
  if (typeof fact === 'string' && fact.startsWith(PACKAGE_FACT_PREFIX)) {
    return `${describeValue(fact.slice(PACKAGE_FACT_PREFIX.length))} is not a valid rpm package name; use ${PACKAGE_FACT_PREFIX}<name>, e.g. ${PACKAGE_FACT_PREFIX}rpm`;
  }
  return `unknown fact ${describeValue(fact)}; known facts are ${KNOWN_FACTS}`;
}

function countProblem(rule: TargetingRule, count: number): string | null {
  if (rule.op === 'IN' || rule.op === 'NOT_IN') {
    if (count === 0) return `${rule.op} needs at least one value`;
    if (count > MAX_VALUES) return `${rule.op} takes at most ${MAX_VALUES} values, got ${count}`;
    return null;
  }
  if (count === 1) return null;
  const hint =
    rule.op === 'EQ'
      ? '; use IN to match any of several values'
      : rule.op === 'NEQ'
        ? '; use NOT_IN to exclude several values'
        : '';
  return `${rule.op} needs exactly one value, got ${count}${hint}`;
}

function valueProblem(rule: TargetingRule, value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '')
    return `values must be non-empty text, got ${describeValue(value)}`;
  if (value.length > MAX_VALUE_LENGTH)
    return `a value may be at most ${MAX_VALUE_LENGTH} characters long, got ${value.length}`;
  if (hasControlCharacters(value)) return 'values must not contain NUL or other control characters';
  const kind = factKind(rule.fact);
  if (kind === 'number' && !NUMBER_VALUE_PATTERN.test(value)) {
    return `${rule.fact} is a number; ${describeValue(value)} is not a plain number such as 4 or 1.5`;
  }
  if (kind === 'boolean' && value !== 'true' && value !== 'false') {
    return `${rule.fact} is true or false; use "true" or "false", not ${describeValue(value)}`;
  }
  return null;
}

/**
 * The first thing wrong with a rule, or null. `field` is where the rule sits in the
 * input (`targeting[0]`); the problem points below it (`targeting[0].values[1]`).
 */
export function targetingRuleProblem(rule: TargetingRule, field: string): Problem | null {
  const badFact = factProblem(rule.fact);
  if (badFact) return { field: `${field}.fact`, message: badFact };
  if (!isTargetingOp(rule.op)) {
    return {
      field: `${field}.op`,
      message: `unknown operator ${describeValue(rule.op)}; use one of ${TARGETING_OPS.join(', ')}`,
    };
  }
  const kind = factKind(rule.fact);
  if ((rule.op === 'GTE' || rule.op === 'LTE') && kind !== 'number' && kind !== 'version') {
    return {
      field: `${field}.op`,
      message: `${rule.op} compares numbers and versions, but ${rule.fact} is a ${kind} fact; use EQ, NEQ, IN or NOT_IN`,
    };
  }
  if (!Array.isArray(rule.values)) {
    return {
      field: `${field}.values`,
      message: `values must be a list, got ${describeValue(rule.values)}`,
    };
  }
  const badCount = countProblem(rule, rule.values.length);
  if (badCount) return { field: `${field}.values`, message: badCount };
  for (const [index, value] of rule.values.entries()) {
    const badValue = valueProblem(rule, value);
    if (badValue) return { field: `${field}.values[${index}]`, message: badValue };
  }
  return null;
}
