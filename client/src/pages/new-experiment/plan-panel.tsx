import type { NewExperimentPlanQuery } from '../../generated/graphql.js';
import { formatCount, formatValue } from '../../lib/format.js';
import type { OptInRow, PlanState } from './experiment-plan.js';
import { Field } from './field.js';
import type { Problems } from './form-problems.js';

type Plan = NewExperimentPlanQuery['experimentPlan'];

/** The planned hosts per arm as the form keeps it: the plan's, until someone types one. */
export interface PlannedRow {
  value: string;
  followsPlan: boolean;
}

/** The planned hosts per arm the form will create the experiment with ('' for none). */
export function plannedValue(row: PlannedRow, plan: Plan | undefined): string {
  if (!row.followsPlan) return row.value;
  return plan?.plannedHostsPerArm ? String(plan.plannedHostsPerArm) : '';
}

const percent = (fraction: number) => `${+(fraction * 100).toPrecision(3)}%`;

/**
 * The plan, live: as targeting, metrics, margins and the expected opt-in change, what
 * the targeted hosts' history says each metric needs, and the planned hosts per arm the
 * experiment will be created with.
 */
export function PlanPanel({
  state,
  optIn,
  onOptIn,
  planned,
  onPlanned,
  units,
  problems,
}: {
  state: PlanState;
  optIn: OptInRow;
  onOptIn: (row: OptInRow) => void;
  planned: PlannedRow;
  onPlanned: (row: PlannedRow) => void;
  units: ReadonlyMap<string, string>;
  problems: Problems;
}) {
  const { plan, stale, issues } = state;
  const value = plannedValue(planned, plan);

  return (
    <section className="card plan" aria-labelledby="plan-heading" data-testid="plan">
      <h2 id="plan-heading">Plan</h2>
      <p className="muted small">
        How many hosts, and how many days of opting in, the primary metrics and guardrails need to
        settle with 80% power under the anytime-valid test, from the targeted hosts’ own samples.
      </p>
      <div className="row">
        <Field
          id="optInShare"
          label="Expected to opt in (%)"
          problems={problems}
          hint="Of the targeted hosts, at all."
        >
          {(props) => (
            <input
              {...props}
              type="number"
              min={1}
              max={100}
              value={optIn.share}
              onChange={(e) => onOptIn({ ...optIn, share: e.target.value })}
            />
          )}
        </Field>
        <Field
          id="optInsPerDay"
          label="Opt-ins a day"
          problems={problems}
          hint="Hosts, all arms together."
        >
          {(props) => (
            <input
              {...props}
              type="number"
              min={1}
              value={optIn.perDay}
              onChange={(e) => onOptIn({ ...optIn, perDay: e.target.value })}
            />
          )}
        </Field>
        <Field
          id="minDetectableEffect"
          label="Effect to detect (%)"
          problems={problems}
          hint="For metrics without a margin."
        >
          {(props) => (
            <input
              {...props}
              type="number"
              min={0.5}
              step={0.5}
              value={optIn.effect}
              onChange={(e) => onOptIn({ ...optIn, effect: e.target.value })}
            />
          )}
        </Field>
      </div>

      {issues ? (
        <div className="state error" role="alert" data-testid="plan-problems">
          <p>No plan until the form is fixed:</p>
          <ul>
            {issues.problems.size > 0
              ? [...issues.problems].map(([field, message]) => (
                  <li key={field}>
                    {field}: {message}
                  </li>
                ))
              : [<li key="message">{issues.message}</li>]}
          </ul>
        </div>
      ) : plan ? (
        <PlanFigures plan={plan} units={units} stale={stale} />
      ) : (
        <p className="state" role="status">
          Planning…
        </p>
      )}

      <Field
        id="plannedHostsPerArm"
        label="Planned hosts per arm"
        problems={problems}
        hint={
          planned.followsPlan
            ? 'From the plan; the anytime-valid intervals are tuned to be narrowest there.'
            : 'Set by hand; the anytime-valid intervals are tuned to be narrowest there.'
        }
      >
        {(props) => (
          <input
            {...props}
            type="number"
            min={2}
            value={value}
            onChange={(e) => onPlanned({ value: e.target.value, followsPlan: false })}
          />
        )}
      </Field>
      {!planned.followsPlan && plan?.plannedHostsPerArm && (
        <button
          type="button"
          className="link"
          onClick={() => onPlanned({ value: '', followsPlan: true })}
        >
          Use the plan’s {formatCount(plan.plannedHostsPerArm)}
        </button>
      )}
    </section>
  );
}

function PlanFigures({
  plan,
  units,
  stale,
}: {
  plan: Plan;
  units: ReadonlyMap<string, string>;
  stale: boolean;
}) {
  return (
    <div aria-busy={stale} className={stale ? 'stale' : undefined}>
      <p className="plan-summary" data-testid="plan-summary" aria-live="polite">
        {plan.summary}
      </p>
      <p className="muted small">
        {formatCount(plan.eligibleHosts)} hosts match the targeting now
        {plan.optedInHostsNeeded !== null && (
          <>; {formatCount(plan.optedInHostsNeeded)} of them need to opt in</>
        )}
        . History: {formatCount(plan.hostsRead)} of them read (at most 5,000, picked at random,
        leaving out hosts in another experiment’s treatment), their samples of the last{' '}
        {plan.historyDays} days.
      </p>
      <table className="compact" data-testid="plan-metrics">
        <caption className="muted small">What each metric needs, planned for alone</caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Settled when</th>
            <th scope="col">History</th>
            <th scope="col">Host-to-host spread</th>
            <th scope="col">Hosts per arm</th>
            <th scope="col">Days</th>
          </tr>
        </thead>
        <tbody>
          {plan.metrics.map((m) => (
            <tr
              key={m.metric}
              className={m.metric === plan.limitingMetric ? 'selected' : undefined}
            >
              <th scope="row">
                {m.title} <span className="muted small">{m.role.toLowerCase()}</span>
              </th>
              <td>
                {m.settledBy === 'NO_WORSE'
                  ? `no worse than ${percent(m.effect)}`
                  : `a ${percent(m.effect)} change shows`}
              </td>
              <td>
                {m.history.hosts > 0 ? (
                  <>
                    {formatCount(m.history.hosts)} hosts, {formatCount(m.history.samples)} samples,
                    mean {formatValue(m.history.mean, units.get(m.metric) ?? '')}
                    <br />
                    <span className="muted small">
                      {m.history.fromDay} to {m.history.toDay} (UTC)
                    </span>
                  </>
                ) : (
                  <span className="muted">none</span>
                )}
              </td>
              <td>
                {percent(m.cv)}
                {m.usedDefaultCv && <span className="muted small"> (assumed)</span>}
              </td>
              <td>{m.hostsPerArm === null ? 'cannot settle' : formatCount(m.hostsPerArm)}</td>
              <td>{formatCount(m.daysNeeded)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {plan.notes.length > 0 && (
        <ul className="notes small" data-testid="plan-notes">
          {plan.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
