import pg from 'pg';
import { factKind, type TargetingRule } from '@fleetlab/shared';

/**
 * Turns fact rules into SQL over `h.facts` (jsonb). Fact names and operators are
 * validated before this runs, and every value travels as a bind parameter. The
 * semantics match `ruleMatches` in @fleetlab/shared (a missing fact satisfies only
 * NEQ and NOT_IN); test/api/hosts.test.ts holds the two to each other.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export function factRuleSql(rule: TargetingRule, params: SqlParams): string {
  const kind = factKind(rule.fact);
  const packageName = rule.fact.startsWith('packages.')
    ? rule.fact.slice('packages.'.length)
    : null;
  const one = rule.values[0] ?? '';

  // Every parameter added must appear in the SQL, or PostgreSQL cannot type it.
  if (kind === 'list') {
    const list = `(h.facts->${params.add(rule.fact)}::text)`;
    const any =
      rule.op === 'EQ' || rule.op === 'NEQ'
        ? `jsonb_exists(${list}, ${params.add(one)})`
        : `jsonb_exists_any(${list}, ${params.add(rule.values)}::text[])`;
    return rule.op === 'EQ' || rule.op === 'IN'
      ? `coalesce(${any}, false)`
      : `NOT coalesce(${any}, false)`;
  }

  // The fact's name is written into the SQL (it is one of the catalogue's, checked
  // before this runs), so that an index on that fact (see the host-fact-indexes
  // migration) can serve the condition; package names travel as parameters.
  const text = packageName
    ? `(h.facts->'packages'->>${params.add(packageName)}::text)`
    : `(h.facts->>${pg.escapeLiteral(rule.fact)})`;
  if (kind === 'version') {
    // Versions are equal or ordered as rpm orders them (see compareEvr), never as text.
    const cmp = (v: string): string => `fleetlab_evrcmp(${text}, ${params.add(v)})`;
    const equalsAny = (): string =>
      `EXISTS (SELECT 1 FROM unnest(${params.add(rule.values)}::text[]) v WHERE fleetlab_evrcmp(${text}, v) = 0)`;
    switch (rule.op) {
      case 'EQ':
        return `coalesce(${cmp(one)} = 0, false)`;
      case 'NEQ':
        return `NOT coalesce(${cmp(one)} = 0, false)`;
      case 'IN':
        return `coalesce(${equalsAny()}, false)`;
      case 'NOT_IN':
        return `NOT coalesce(${equalsAny()}, false)`;
      case 'GTE':
        return `coalesce(${cmp(one)} >= 0, false)`;
      case 'LTE':
        return `coalesce(${cmp(one)} <= 0, false)`;
    }
  }

  const numeric = kind === 'number';
  const value = numeric ? `(${text})::numeric` : text;
  const cast = numeric ? '::numeric' : '::text';
  // EQ and IN as plain comparisons (NULL, a missing fact, drops the row as false
  // would), which an index on the fact serves; the conditions are only ever ANDed.
  switch (rule.op) {
    case 'EQ':
      return `${value} = ${params.add(one)}${cast}`;
    case 'NEQ':
      return `${value} IS DISTINCT FROM ${params.add(one)}${cast}`;
    case 'IN':
      return `${value} = ANY(${params.add(rule.values)}${cast}[])`;
    case 'NOT_IN':
      return `NOT coalesce(${value} = ANY(${params.add(rule.values)}${cast}[]), false)`;
    case 'GTE':
      return `coalesce(${value} >= ${params.add(one)}::numeric, false)`;
    case 'LTE':
      return `coalesce(${value} <= ${params.add(one)}::numeric, false)`;
  }
}
