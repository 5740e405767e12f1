import { useMutation } from '@apollo/client/react';
import { SET_AUTO_HALT } from './queries.js';

/** Whether the experiment halts on its own; its owner or an admin switches it. */
export function AutoHalt(props: { slug: string; enabled: boolean; mayChange: boolean }) {
  const [setAutoHalt, { loading, error }] = useMutation(SET_AUTO_HALT);
  const text =
    'Halt on its own when a guardrail is worse beyond its margin, or the sample ratio or contamination check fails';
  if (!props.mayChange)
    return (
      <p className="muted small">
        {props.enabled ? 'Halts on its own' : 'Does not halt on its own'} when a guardrail is worse
        beyond its margin.
      </p>
    );
  return (
    <p className="small">
      <label>
        <input
          type="checkbox"
          checked={props.enabled}
          disabled={loading}
          onChange={(e) =>
            void setAutoHalt({ variables: { slug: props.slug, enabled: e.target.checked } }).catch(
              () => undefined,
            )
          }
        />{' '}
        {text}
      </label>
      {error && (
        <span role="alert" className="error">
          {' '}
          {error.message}
        </span>
      )}
    </p>
  );
}
