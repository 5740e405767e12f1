import { Field } from './field.js';
import type { Problems } from './form-problems.js';

/** The choice in the change list that asks for a new change. */
export const NEW_CHANGE = '__new';

/** What is tested: the change (an existing one or a new one), slug, title, hypothesis. */
export interface GeneralValues {
  change: string;
  newChange: { slug: string; title: string };
  slug: string;
  title: string;
  hypothesis: string;
}

export const NO_GENERAL_VALUES: GeneralValues = {
  change: '',
  newChange: { slug: '', title: '' },
  slug: '',
  title: '',
  hypothesis: '',
};

export function GeneralFields({
  values,
  changes,
  onChange,
  problems,
}: {
  values: GeneralValues;
  changes: readonly { slug: string; title: string }[];
  onChange: (patch: Partial<GeneralValues>) => void;
  problems: Problems;
}) {
  const { change, newChange, slug, title, hypothesis } = values;
  return (
    <section className="card">
      <h2>What is tested</h2>
      <Field id="changeSlug" label="Change" problems={problems}>
        {(props) => (
          <select
            {...props}
            value={change}
            onChange={(e) => onChange({ change: e.target.value })}
            required
          >
            <option value="">choose…</option>
            {changes.map((c) => (
              <option key={c.slug} value={c.slug}>
                {c.title}
              </option>
            ))}
            <option value={NEW_CHANGE}>A new change…</option>
          </select>
        )}
      </Field>
      {change === NEW_CHANGE && (
        <div className="row">
          <Field id="change.slug" label="Change slug" problems={problems}>
            {(props) => (
              <input
                {...props}
                value={newChange.slug}
                onChange={(e) => onChange({ newChange: { ...newChange, slug: e.target.value } })}
              />
            )}
          </Field>
          <Field id="change.title" label="Change title" problems={problems}>
            {(props) => (
              <input
                {...props}
                value={newChange.title}
                onChange={(e) => onChange({ newChange: { ...newChange, title: e.target.value } })}
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
          {(props) => (
            <input {...props} value={slug} onChange={(e) => onChange({ slug: e.target.value })} />
          )}
        </Field>
        <Field id="title" label="Title" problems={problems}>
          {(props) => (
            <input {...props} value={title} onChange={(e) => onChange({ title: e.target.value })} />
          )}
        </Field>
      </div>
      <Field id="hypothesis" label="Hypothesis" problems={problems}>
        {(props) => (
          <textarea
            {...props}
            rows={2}
            value={hypothesis}
            onChange={(e) => onChange({ hypothesis: e.target.value })}
          />
        )}
      </Field>
    </section>
  );
}
