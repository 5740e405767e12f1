import { useState } from 'react';
import { useMutation } from '@apollo/client/react';
import { EXPERIMENT_TRANSITIONS, type ExperimentStatus } from '@fleetlab/shared/domain';
import {
  CONCLUDE_EXPERIMENT,
  HALT_EXPERIMENT,
  PAUSE_EXPERIMENT,
  START_EXPERIMENT,
} from './queries.js';

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
  halt: {
    action: 'HALT',
    label: 'Halt',
    confirm:
      'Halting stops it because of harm: no host may opt in, samples stop counting, and hosts go back to the stock stack. Starting it again lifts the halt.',
  },
  conclude: {
    action: 'CONCLUDE',
    label: 'Conclude',
    confirm: 'Concluding is final: the experiment cannot run again.',
  },
} as const;
type Action = keyof typeof ACTIONS;

/** Start, pause, halt and conclude, each after a confirmation that says what it does. */
export function LifecycleActions({ slug, status }: { slug: string; status: string }) {
  const [pending, setPending] = useState<Action | null>(null);
  const options = { variables: { slug }, refetchQueries: 'active' as const };
  const [start, started] = useMutation(START_EXPERIMENT, options);
  const [pause, paused] = useMutation(PAUSE_EXPERIMENT, options);
  const [conclude, concluded] = useMutation(CONCLUDE_EXPERIMENT, options);
  const [halt, halted] = useMutation(HALT_EXPERIMENT, options);
  const [reason, setReason] = useState('');
  const run = {
    start,
    pause,
    conclude,
    halt: () => halt({ variables: { slug, reason: reason.trim() || null } }),
  };
  const error = started.error ?? paused.error ?? concluded.error ?? halted.error;
  // Starting a halted experiment lifts its halt: the button says so.
  const labelOf = (action: Action) =>
    action === 'start' && status === 'HALTED' ? 'Lift the halt' : ACTIONS[action].label;
  const available = (Object.keys(ACTIONS) as Action[]).filter(
    (a) => EXPERIMENT_TRANSITIONS[status as ExperimentStatus]?.[ACTIONS[a].action] !== undefined,
  );
  if (available.length === 0) return null;
  return (
    <div className="actions">
      {pending ? (
        <div role="alertdialog" aria-labelledby="confirm-text" className="confirm">
          <p id="confirm-text">
            {labelOf(pending)} “{slug}”? {ACTIONS[pending].confirm}
          </p>
          {pending === 'halt' && (
            <label className="small">
              Why (kept with the halt){' '}
              <input value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
            </label>
          )}
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
            Yes, {labelOf(pending).toLowerCase()}
          </button>{' '}
          <button type="button" onClick={() => setPending(null)}>
            Cancel
          </button>
        </div>
      ) : (
        available.map((action) => (
          <button key={action} type="button" onClick={() => setPending(action)}>
            {labelOf(action)}
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
