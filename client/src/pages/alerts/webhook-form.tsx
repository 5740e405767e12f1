import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { ALERT_EVENT_TYPES, WEBHOOK_FORMATS, type WebhookFormat } from '@fleetlab/shared/domain';
import { graphql } from '../../generated/index.js';
import { Field } from '../new-experiment/field.js';
import { problemsOf, type Problems } from '../new-experiment/form-problems.js';
import { EVENT_WORDS, FORMAT_WORDS } from './words.js';

const CREATE_WEBHOOK = graphql(`
  mutation CreateWebhook($input: CreateWebhookInput!) {
    createWebhook(input: $input) {
      signingSecret
      webhook {
        id
        name
      }
    }
  }
`);

/** Every experiment's webhooks are an admin's; owners choose one of their own experiments. */
const EVERY_EXPERIMENT = '';

export interface Created {
  name: string;
  signingSecret: string | null;
}

/** A new webhook: where, in which body, for which experiment and events. */
export function WebhookForm({
  experiments,
  isAdmin,
  experiment,
  onCreated,
}: {
  experiments: { slug: string; title: string }[];
  isAdmin: boolean;
  experiment: string;
  onCreated: (created: Created) => void;
}) {
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [format, setFormat] = useState<WebhookFormat>('SLACK');
  const [scope, setScope] = useState(
    experiment || (isAdmin ? EVERY_EXPERIMENT : (experiments[0]?.slug ?? '')),
  );
  const [events, setEvents] = useState<Set<string>>(new Set(ALERT_EVENT_TYPES));
  const [problems, setProblems] = useState<Problems>(new Map());
  const [message, setMessage] = useState<string | null>(null);
  const [create, creating] = useMutation(CREATE_WEBHOOK, { refetchQueries: ['AlertsPage'] });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblems(new Map());
    setMessage(null);
    try {
      const result = await create({
        variables: {
          input: {
            name,
            url,
            format,
            experimentSlug: scope || null,
            events: ALERT_EVENT_TYPES.filter((e) => events.has(e)),
          },
        },
      });
      const created = result.data?.createWebhook;
      if (!created) return;
      onCreated({ name: created.webhook.name, signingSecret: created.signingSecret ?? null });
      setName('');
      setUrl('');
    } catch (error) {
      const found = problemsOf(error);
      setProblems(found.problems);
      setMessage(found.message);
    }
  };

  const toggle = (type: string) => {
    const next = new Set(events);
    if (next.has(type)) next.delete(type);
    else next.add(type);
    setEvents(next);
  };

  return (
    <form className="card" aria-label="New webhook" onSubmit={(e) => void submit(e)}>
      <h2>New webhook</h2>
      <div className="row">
        <Field id="name" label="Name" problems={problems} hint="e.g. #hyperscale-alerts">
          {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field
          id="url"
          label="URL to post to"
          problems={problems}
          hint="http(s); shown again only as its host"
        >
          {(props) => (
            <input
              {...props}
              inputMode="url"
              autoComplete="off"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
            />
          )}
        </Field>
      </div>
      <div className="row">
        <Field id="format" label="Body" problems={problems}>
          {(props) => (
            <select
              {...props}
              value={format}
              onChange={(e) => setFormat(e.target.value as WebhookFormat)}
            >
              {WEBHOOK_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {FORMAT_WORDS[f]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="experimentSlug" label="Alerts of" problems={problems}>
          {(props) => (
            <select {...props} value={scope} onChange={(e) => setScope(e.target.value)}>
              {isAdmin && <option value={EVERY_EXPERIMENT}>Every experiment</option>}
              {experiments.map((x) => (
                <option key={x.slug} value={x.slug}>
                  {x.title} ({x.slug})
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <fieldset className={`events${problems.has('events') ? ' invalid' : ''}`}>
        <legend>Send when</legend>
        {ALERT_EVENT_TYPES.map((type) => (
          <label key={type} className="inline">
            <input type="checkbox" checked={events.has(type)} onChange={() => toggle(type)} />
            {EVENT_WORDS[type]}
          </label>
        ))}
        {problems.has('events') && (
          <p className="small error" role="alert">
            {problems.get('events')}
          </p>
        )}
      </fieldset>
      {message && (
        <p role="alert" className="error">
          {message}
        </p>
      )}
      <button type="submit" className="primary" disabled={creating.loading}>
        Create webhook
      </button>
    </form>
  );
}
