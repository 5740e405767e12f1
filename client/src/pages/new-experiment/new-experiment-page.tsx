import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { CombinedGraphQLErrors } from '@apollo/client';
import { useNavigate } from 'react-router';
import { METRIC_ROLES, SCALAR_FACT_KEYS, TARGETING_OPS } from '@fleetlab/shared/domain';
import { graphql } from '../../generated/index.js';
import type { CreateExperimentInput, MetricRole, TargetingOp } from '../../generated/graphql.js';

const FORM_DATA = graphql(`
  query NewExperimentForm {
    changes {
      slug
      title
    }
    metrics {
      key
      title
      unit
      direction
    }
  }
`);

const CREATE_CHANGE = graphql(`
  mutation CreateChangeFromForm($input: CreateChangeInput!) {
    createChange(input: $input) {
      slug
    }
  }
`);

const CREATE_EXPERIMENT = graphql(`
  mutation CreateExperimentFromForm($input: CreateExperimentInput!) {
    createExperiment(input: $input) {
      slug
    }
  }
`);

interface ArmRow {
  key: string;
  weight: string;
  packages: string;
}
interface RuleRow {
  fact: string;
  op: TargetingOp;
  values: string;
}
interface MetricRow {
  metric: string;
  role: MetricRole;
  margin: string;
}
type Problems = Map<string, string>;

/** Problems from the server by field, e.g. "arms[1].key" → "must be ...". */
function problemsOf(error: unknown): { problems: Problems; message: string | null } {
  const problems: Problems = new Map();
  if (CombinedGraphQLErrors.is(error)) {
    for (const e of error.errors) {
      const list = (e.extensions?.problems ?? []) as { field: string; message: string }[];
      for (const p of list) problems.set(p.field.replace(/^input\./, ''), p.message);
      if (list.length === 0 && typeof e.extensions?.field === 'string')
        problems.set(e.extensions.field.replace(/^input\./, ''), e.message);
    }
    return { problems, message: problems.size ? null : (error.errors[0]?.message ?? null) };
  }
  return { problems, message: error instanceof Error ? error.message : String(error) };
}

/** A field's label, input and, below it, what the server said is wrong with it. */
function Field({
  id,
  label,
  problems,
  children,
  hint,
}: {
  id: string;
  label: string;
  problems: Problems;
  children: (props: {
    id: string;
    'aria-invalid': boolean;
    'aria-describedby'?: string;
  }) => React.ReactNode;
  hint?: string;
}) {
  const problem = [...problems].find(
    ([field]) => field === id || field.startsWith(`${id}[`) || field.startsWith(`${id}.`),
  );
  return (
    <div className={`field${problem ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        'aria-invalid': !!problem,
        'aria-describedby': problem ? `${id}-problem` : hint ? `${id}-hint` : undefined,
      })}
      {hint && !problem && (
        <span id={`${id}-hint`} className="small muted">
          {hint}
        </span>
      )}
      {problem && (
        <span id={`${id}-problem`} className="small error" role="alert">
          {problem[1]}
        </span>
      )}
    </div>
  );
}

export function NewExperimentPage() {
  const navigate = useNavigate();
  const { data } = useQuery(FORM_DATA);
  const [createChange] = useMutation(CREATE_CHANGE);
  const [createExperiment, creating] = useMutation(CREATE_EXPERIMENT, {
    refetchQueries: ['Overview'],
  });
  const [change, setChange] = useState('');
  const [newChange, setNewChange] = useState({ slug: '', title: '' });
  const [slug, setSlug] = useState('');
  const [title, setTitle] = useState('');
  const [hypothesis, setHypothesis] = useState('');
  const [arms, setArms] = useState<ArmRow[]>([
    { key: 'baseline', weight: '1', packages: '' },
    { key: 'treatment', weight: '1', packages: '' },
  ]);
  const [baseline, setBaseline] = useState(0);
  const [rules, setRules] = useState<RuleRow[]>([]);
  const [metrics, setMetrics] = useState<MetricRow[]>([
    { metric: 'install_duration_ms', role: 'PRIMARY', margin: '2' },
    { metric: 'disk_used_delta_bytes', role: 'GUARDRAIL', margin: '5' },
  ]);
  const [problems, setProblems] = useState<Problems>(new Map());
  const [message, setMessage] = useState<string | null>(null);

  const changeSlug = change === '__new' ? newChange.slug : change;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblems(new Map());
    setMessage(null);
    const input: CreateExperimentInput = {
      changeSlug,
      slug: slug.trim(),
      title: title.trim(),
      hypothesis: hypothesis.trim() || null,
      arms: arms.map((arm, i) => ({
        key: arm.key.trim(),
        weight: Number(arm.weight),
        baseline: i === baseline,
        packages: arm.packages.split(/[\s,]+/).filter(Boolean),
      })),
      targeting: rules.map((r) => ({
        fact: r.fact,
        op: r.op,
        values: r.values
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean),
      })),
      metrics: metrics.map((m) => ({
        metric: m.metric,
        role: m.role,
        margin: m.margin === '' ? null : Number(m.margin) / 100,
      })),
    };
    try {
      if (change === '__new') await createChange({ variables: { input: newChange } });
      const created = await createExperiment({ variables: { input } });
      void navigate(`/experiments/${created.data!.createExperiment.slug}`);
    } catch (error) {
      const found = problemsOf(error);
      setProblems(found.problems);
      setMessage(
        found.message ?? `Please correct the ${found.problems.size} field(s) marked below.`,
      );
    }
  };

  return (
    <form
      className="new-experiment"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby="new-heading"
    >
      <h1 id="new-heading">New experiment</h1>
      {message && (
        <p className="state error" role="alert">
          {message}
        </p>
      )}
      <section className="card">
        <h2>What is tested</h2>
        <Field id="changeSlug" label="Change" problems={problems}>
          {(props) => (
            <select {...props} value={change} onChange={(e) => setChange(e.target.value)} required>
              <option value="">choose…</option>
              {(data?.changes ?? []).map((c) => (
                <option key={c.slug} value={c.slug}>
                  {c.title}
                </option>
              ))}
              <option value="__new">A new change…</option>
            </select>
          )}
        </Field>
        {change === '__new' && (
          <div className="row">
            <Field id="change.slug" label="Change slug" problems={problems}>
              {(props) => (
                <input
                  {...props}
                  value={newChange.slug}
                  onChange={(e) => setNewChange({ ...newChange, slug: e.target.value })}
                />
              )}
            </Field>
            <Field id="change.title" label="Change title" problems={problems}>
              {(props) => (
                <input
                  {...props}
                  value={newChange.title}
                  onChange={(e) => setNewChange({ ...newChange, title: e.target.value })}
                />
              )}
            </Field>
          </div>
        )}
        <div className="row">
          <Field
            id="slug"
            label="Slug"
            problems={problems}
            hint="Lowercase letters, digits and dashes; used in URLs and by the agent."
          >
            {(props) => <input {...props} value={slug} onChange={(e) => setSlug(e.target.value)} />}
          </Field>
          <Field id="title" label="Title" problems={problems}>
            {(props) => (
              <input {...props} value={title} onChange={(e) => setTitle(e.target.value)} />
            )}
          </Field>
        </div>
        <Field id="hypothesis" label="Hypothesis" problems={problems}>
          {(props) => (
            <textarea
              {...props}
              rows={2}
              value={hypothesis}
              onChange={(e) => setHypothesis(e.target.value)}
            />
          )}
        </Field>
      </section>

      <fieldset className="card">
        <legend>Arms</legend>
        {arms.map((arm, i) => (
          <div key={i} className="row">
            <Field id={`arms[${i}].key`} label="Key" problems={problems}>
              {(props) => (
                <input
                  {...props}
                  value={arm.key}
                  onChange={(e) =>
                    setArms(arms.map((a, j) => (j === i ? { ...a, key: e.target.value } : a)))
                  }
                />
              )}
            </Field>
            <Field id={`arms[${i}].weight`} label="Weight" problems={problems}>
              {(props) => (
                <input
                  {...props}
                  type="number"
                  min={1}
                  value={arm.weight}
                  onChange={(e) =>
                    setArms(arms.map((a, j) => (j === i ? { ...a, weight: e.target.value } : a)))
                  }
                />
              )}
            </Field>
            <Field
              id={`arms[${i}].packages`}
              label="Packages (name-version-release)"
              problems={problems}
            >
              {(props) => (
                <input
                  {...props}
                  value={arm.packages}
                  placeholder="rpm-4.16.1.3-34.el9"
                  onChange={(e) =>
                    setArms(arms.map((a, j) => (j === i ? { ...a, packages: e.target.value } : a)))
                  }
                />
              )}
            </Field>
            <label className="inline">
              <input
                type="radio"
                name="baseline"
                checked={baseline === i}
                onChange={() => setBaseline(i)}
              />{' '}
              baseline
            </label>
            {arms.length > 2 && (
              <button
                type="button"
                className="link"
                onClick={() => setArms(arms.filter((_, j) => j !== i))}
              >
                Remove arm {arm.key}
              </button>
            )}
          </div>
        ))}
        {problems.get('arms') && <p className="error small">{problems.get('arms')}</p>}
        <button
          type="button"
          onClick={() =>
            setArms([...arms, { key: `treatment-${arms.length}`, weight: '1', packages: '' }])
          }
        >
          Add an arm
        </button>
      </fieldset>

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
                    onChange={(e) =>
                      setRules(rules.map((r, j) => (j === i ? { ...r, fact: e.target.value } : r)))
                    }
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
                  onChange={(e) =>
                    setRules(
                      rules.map((r, j) =>
                        j === i ? { ...r, op: e.target.value as TargetingOp } : r,
                      ),
                    )
                  }
                >
                  {TARGETING_OPS.map((op) => (
                    <option key={op}>{op}</option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              id={`targeting[${i}].values`}
              label="Values (comma-separated)"
              problems={problems}
            >
              {(props) => (
                <input
                  {...props}
                  value={rule.values}
                  onChange={(e) =>
                    setRules(rules.map((r, j) => (j === i ? { ...r, values: e.target.value } : r)))
                  }
                />
              )}
            </Field>
            <button
              type="button"
              className="link"
              onClick={() => setRules(rules.filter((_, j) => j !== i))}
            >
              Remove rule
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() =>
            setRules([...rules, { fact: 'rootFsType', op: 'IN', values: 'btrfs, xfs' }])
          }
        >
          Add a rule
        </button>
      </fieldset>

      <fieldset className="card">
        <legend>Metrics</legend>
        {metrics.map((m, i) => (
          <div key={i} className="row">
            <Field id={`metrics[${i}].metric`} label="Metric" problems={problems}>
              {(props) => (
                <select
                  {...props}
                  value={m.metric}
                  onChange={(e) =>
                    setMetrics(
                      metrics.map((x, j) => (j === i ? { ...x, metric: e.target.value } : x)),
                    )
                  }
                >
                  {(data?.metrics ?? []).map((d) => (
                    <option key={d.key} value={d.key}>
                      {d.title} ({d.unit})
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id={`metrics[${i}].role`} label="Role" problems={problems}>
              {(props) => (
                <select
                  {...props}
                  value={m.role}
                  onChange={(e) =>
                    setMetrics(
                      metrics.map((x, j) =>
                        j === i ? { ...x, role: e.target.value as MetricRole } : x,
                      ),
                    )
                  }
                >
                  {METRIC_ROLES.map((role) => (
                    <option key={role} value={role}>
                      {role.toLowerCase()}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              id={`metrics[${i}].margin`}
              label="Margin (%)"
              problems={problems}
              hint="How much worse still counts as no worse."
            >
              {(props) => (
                <input
                  {...props}
                  type="number"
                  step="0.5"
                  min={0}
                  value={m.margin}
                  onChange={(e) =>
                    setMetrics(
                      metrics.map((x, j) => (j === i ? { ...x, margin: e.target.value } : x)),
                    )
                  }
                />
              )}
            </Field>
            <button
              type="button"
              className="link"
              onClick={() => setMetrics(metrics.filter((_, j) => j !== i))}
            >
              Remove metric
            </button>
          </div>
        ))}
        {problems.get('metrics') && <p className="error small">{problems.get('metrics')}</p>}
        <button
          type="button"
          onClick={() =>
            setMetrics([...metrics, { metric: 'download_bytes', role: 'GUARDRAIL', margin: '5' }])
          }
        >
          Add a metric
        </button>
      </fieldset>

      <p>
        <button type="submit" className="primary" disabled={creating.loading}>
          {creating.loading ? 'Creating…' : 'Create experiment'}
        </button>{' '}
        <span className="small muted">It starts as a draft; start it from its page.</span>
      </p>
    </form>
  );
}
