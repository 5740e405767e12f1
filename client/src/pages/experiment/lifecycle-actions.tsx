import { useState } from 'react';
import { useMutation } from '@apollo/client/react';
import { EXPERIMENT_TRANSITIONS, type ExperimentStatus } from '@fleetlab/shared/domain';
import { CONCLUDE_EXPERIMENT, PAUSE_EXPERIMENT, START_EXPERIMENT } from './queries.js';

// Which action a status allows is the lifecycle's (EXPERIMENT_TRANSITIONS), as the server checks it.
const ACTIONS = {
  start: {
    action: 'START',
    label: 'Start',
    confirm: 'Hosts will be able to opt in and their samples will count.',
  },
  pause: {
    action: 'PAUSE',
    label: 'Pause',
    confirm: 'No new opt-ins; samples stop counting until it starts again.',
  },
  conclude: {
    action: 'CONCLUDE',
    label: 'Conclude',
    confirm: 'Concluding is final: the experiment cannot run again.',
  },
} as const;
type Action = keyof typeof ACTIONS;

/** Start, pause and conclude, each after a confirmation that says what it does. */
export function LifecycleActions({ slug, status }: { slug: string; status: string }) {
  const [pending, setPending] = useState<Action | null>(null);
  const options = { variables: { slug }, refetchQueries: 'active' as const };
  const [start, started] = useMutation(START_EXPERIMENT, options);
  const [pause, paused] = useMutation(PAUSE_EXPERIMENT, options);
  const [conclude, concluded] = useMutation(CONCLUDE_EXPERIMENT, options);
  const run = { start, pause, conclude };
  const error = started.error ?? paused.error ?? concluded.error;
  const available = (Object.keys(ACTIONS) as Action[]).filter(
    (a) => EXPERIMENT_TRANSITIONS[status as ExperimentStatus]?.[ACTIONS[a].action] !== undefined,
  );
  if (available.length === 0) return null;
  return (
    <div className="actions">
      {pending ? (
        <div role="alertdialog" aria-labelledby="confirm-text" className="confirm">
          <p id="confirm-text">
            {ACTIONS[pending].label} “{slug}”? {ACTIONS[pending].confirm}
          </p>
          <button
            type="button"
            className="primary"
            autoFocus
            onClick={() => {
              const action = pending;
              setPending(null);
              void run[action]().catch(() => undefined);
            }}
          >
            Yes, {ACTIONS[pending].label.toLowerCase()}
          </button>{' '}
          <button type="button" onClick={() => setPending(null)}>
            Cancel
          </button>
        </div>
      ) : (
        available.map((action) => (
          <button key={action} type="button" onClick={() => setPending(action)}>
            {ACTIONS[action].label}
          </button>
        ))
      )}
      {error && (
        <p role="alert" className="error small">
          {error.message}
        </p>
      )}
    </div>
  );
}
