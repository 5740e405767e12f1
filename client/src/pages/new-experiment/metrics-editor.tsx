import { METRIC_ROLES } from '@fleetlab/shared/domain';
import type { ExperimentMetricInput, MetricRole } from '../../generated/graphql.js';
import { Field } from './field.js';
import type { Problems } from './form-problems.js';

/** A metric as the form edits it: the margin in percent, '' for none. */
export interface MetricRow {
  metric: string;
  role: MetricRole;
  margin: string;
}

export const FIRST_METRICS: MetricRow[] = [
  { metric: 'install_duration_ms', role: 'PRIMARY', margin: '2' },
  { metric: 'disk_used_delta_bytes', role: 'GUARDRAIL', margin: '5' },
];

/** The metrics as createExperiment takes them (margins relative: 2% is 0.02). */
export function metricInputs(metrics: MetricRow[]): ExperimentMetricInput[] {
  return metrics.map((m) => ({
    metric: m.metric,
    role: m.role,
    margin: m.margin === '' ? null : Number(m.margin) / 100,
  }));
}

/** What the experiment is judged on: primary and guardrail metrics, each with a margin. */
export function MetricsEditor({
  metrics,
  catalogue,
  onChange,
  problems,
}: {
  metrics: MetricRow[];
  catalogue: readonly { key: string; title: string; unit: string }[];
  onChange: (metrics: MetricRow[]) => void;
  problems: Problems;
}) {
  const edit = (i: number, patch: Partial<MetricRow>) =>
    onChange(metrics.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  return (
    <fieldset className="card">
      <legend>Metrics</legend>
      {metrics.map((m, i) => (
        <div key={i} className="row">
          <Field id={`metrics[${i}].metric`} label="Metric" problems={problems}>
            {(props) => (
              <select
                {...props}
                value={m.metric}
                onChange={(e) => edit(i, { metric: e.target.value })}
              >
                {catalogue.map((d) => (
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
                onChange={(e) => edit(i, { role: e.target.value as MetricRole })}
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
                onChange={(e) => edit(i, { margin: e.target.value })}
              />
            )}
          </Field>
          <button
            type="button"
            className="link"
            onClick={() => onChange(metrics.filter((_, j) => j !== i))}
          >
            Remove metric
          </button>
        </div>
      ))}
      {problems.get('metrics') && <p className="error small">{problems.get('metrics')}</p>}
      <button
        type="button"
        onClick={() =>
          onChange([...metrics, { metric: 'download_bytes', role: 'GUARDRAIL', margin: '5' }])
        }
      >
        Add a metric
      </button>
    </fieldset>
  );
}
