import type { ReactNode } from 'react';
import type { Problems } from './form-problems.js';

/** A field's label, input and, below it, what the server said is wrong with it. */
export function Field({
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
  }) => ReactNode;
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
