import type { Dispatch } from 'react';
import type { ArmRow, ArmsAction } from './arms.js';
import { Field } from './field.js';
import type { Problems } from './form-problems.js';

/** The arms: key, weight and packages of each, which one is the baseline. */
export function ArmsEditor({
  arms,
  dispatch,
  problems,
}: {
  arms: ArmRow[];
  dispatch: Dispatch<ArmsAction>;
  problems: Problems;
}) {
  return (
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
                  dispatch({ type: 'edit', index: i, field: 'key', value: e.target.value })
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
                  dispatch({ type: 'edit', index: i, field: 'weight', value: e.target.value })
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
                  dispatch({ type: 'edit', index: i, field: 'packages', value: e.target.value })
                }
              />
            )}
          </Field>
          <label className="inline">
            <input
              type="radio"
              name="baseline"
              checked={arm.baseline}
              onChange={() => dispatch({ type: 'choose-baseline', index: i })}
            />{' '}
            baseline
          </label>
          {arms.length > 2 && (
            <button
              type="button"
              className="link"
              onClick={() => dispatch({ type: 'remove', index: i })}
            >
              Remove arm {arm.key}
            </button>
          )}
        </div>
      ))}
      {problems.get('arms') && <p className="error small">{problems.get('arms')}</p>}
      <button type="button" onClick={() => dispatch({ type: 'add' })}>
        Add an arm
      </button>
    </fieldset>
  );
}
