import { SCALAR_FACT_KEYS, TARGETING_OPS } from '@fleetlab/shared/domain';
import type { TargetingOp, TargetingRuleInput } from '../../generated/graphql.js';
import { Field } from './field.js';
import type { Problems } from './form-problems.js';

/** A targeting rule as the form edits it: values comma-separated. */
export interface RuleRow {
  fact: string;
  op: TargetingOp;
  values: string;
}

/** The rules as createExperiment takes them. */
export function ruleInputs(rules: RuleRow[]): TargetingRuleInput[] {
  return rules.map((r) => ({
    fact: r.fact,
    op: r.op,
    values: r.values
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  }));
}

/** Which hosts may opt in: rules over host facts, none for every host. */
export function TargetingRules({
  rules,
  onChange,
  problems,
}: {
  rules: RuleRow[];
  onChange: (rules: RuleRow[]) => void;
  problems: Problems;
}) {
  const edit = (i: number, patch: Partial<RuleRow>) =>
    onChange(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="card">
      <legend>Targeting</legend>
      {rules.length === 0 && <p className="muted small">Every host may opt in.</p>}
      {rules.map((rule, i) => (
        <div key={i} className="row">
          <Field id={`targeting[${i}].fact`} label="Fact" problems={problems}>
            {(props) => (
              <>
                <input
                  {...props}
                  list="facts"
                  value={rule.fact}
                  onChange={(e) => edit(i, { fact: e.target.value })}
                />
                <datalist id="facts">
                  {SCALAR_FACT_KEYS.map((f) => (
                    <option key={f} value={f} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
          <Field id={`targeting[${i}].op`} label="Operator" problems={problems}>
            {(props) => (
              <select
                {...props}
                value={rule.op}
                onChange={(e) => edit(i, { op: e.target.value as TargetingOp })}
              >
                {TARGETING_OPS.map((op) => (
                  <option key={op}>{op}</option>
                ))}
              </select>
            )}
          </Field>
          <Field id={`targeting[${i}].values`} label="Values (comma-separated)" problems={problems}>
            {(props) => (
              <input
                {...props}
                value={rule.values}
                onChange={(e) => edit(i, { values: e.target.value })}
              />
            )}
          </Field>
          <button
            type="button"
            className="link"
            onClick={() => onChange(rules.filter((_, j) => j !== i))}
          >
            Remove rule
          </button>
        </div>
      ))}
      <button
        type="button"
        onClick={() => onChange([...rules, { fact: 'rootFsType', op: 'IN', values: 'btrfs, xfs' }])}
      >
        Add a rule
      </button>
    </fieldset>
  );
}
