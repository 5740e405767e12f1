import { useQuery } from '@apollo/client/react';
import type { Decision } from '@fleetlab/shared/domain';
import { graphql } from '../generated/index.js';

const DECISION_TEXT: Record<Decision, string> = {
  SHIP: 'Ship',
  ROLL_BACK: 'Roll back',
  KEEP_RUNNING: 'Keep running',
  NO_EFFECT: 'No effect',
};

/** An experiment's decision, with costs before benefits; the overview and the experiment page share it. */
export const EXPERIMENT_DECISION = graphql(`
  query ExperimentDecision($slug: String!) {
    experiment(slug: $slug) {
      slug
      status
      decision {
        decision
        headline
        hostsNeeded
        costs {
          metric
          armKey
          role
          beyondMargin
          sentence
        }
        benefits {
          metric
          armKey
          sentence
        }
        failedChecks {
          name
          message
        }
      }
    }
  }
`);

export function DecisionBadge({ decision }: { decision: string }) {
  return (
    <span className={`badge decision-${decision.toLowerCase()}`}>
      {DECISION_TEXT[decision as Decision] ?? decision}
    </span>
  );
}

/**
 * What the evidence says to do, at a glance: the decision, then what it costs (red,
 * first), what it gains, and any failed health check, each a short line.
 */
export function DecisionSummary({ slug, lead = false }: { slug: string; lead?: boolean }) {
  const { data, error } = useQuery(EXPERIMENT_DECISION, { variables: { slug } });
  if (error) return <span className="muted small">Decision unavailable: {error.message}</span>;
  const decision = data?.experiment.decision;
  if (!data) return <span className="muted small">Deciding…</span>;
  if (!decision) return lead ? null : <span className="muted small">Not started</span>;
  const Heading = lead ? 'h2' : 'div';
  // Several treatment arms: each line says which one.
  const arms = new Set([...decision.costs, ...decision.benefits].map((o) => o.armKey));
  const arm = (key: string) => (arms.size > 1 ? `${key}: ` : '');
  return (
    <div className={`decision${lead ? ' decision-lead' : ''}`} data-testid="decision">
      <Heading className="decision-heading">
        {lead && <span className="muted small">Decision </span>}
        <DecisionBadge decision={decision.decision} />
        {decision.decision === 'KEEP_RUNNING' && decision.hostsNeeded !== null && (
          <span className="muted small">
            {' '}
            about {decision.hostsNeeded.toLocaleString('en-US')} more hosts per arm
          </span>
        )}
      </Heading>
      <ul className="outcomes small">
        {decision.failedChecks.map((c) => (
          <li key={c.name} className="outcome-cost">
            {c.name} failed{lead ? `: ${c.message}` : ''}
          </li>
        ))}
        {decision.costs.map((o) => (
          <li key={`${o.metric}-${o.armKey}`} className="outcome-cost">
            {arm(o.armKey)}
            {o.role === 'GUARDRAIL' ? 'Guardrail ' : ''}
            {o.sentence}
          </li>
        ))}
        {decision.benefits.map((o) => (
          <li key={`${o.metric}-${o.armKey}`} className="outcome-benefit">
            {arm(o.armKey)}
            {o.sentence}
          </li>
        ))}
      </ul>
    </div>
  );
}
