import { useState } from 'react';
import { useMutation } from '@apollo/client/react';
import { Link } from 'react-router';
import { ALERT_EVENT_TYPES } from '@fleetlab/shared/domain';
import { graphql } from '../../generated/index.js';
import type { WebhookCardFragment } from '../../generated/graphql.js';
import { EVENT_WORDS, POSTS_WORDS, STATUS_WORDS } from './words.js';

export const WEBHOOK_CARD = graphql(`
  fragment WebhookCard on Webhook {
    id
    name
    destination
    format
    experimentSlug
    events
    active
    signed
    createdBy
    deliveries(first: 10) {
      id
      status
      attempts
      nextAttemptAt
      lastStatusCode
      lastError
      event {
        id
        type
        sentence
        occurredAt
      }
    }
  }
`);

const UPDATE_WEBHOOK = graphql(`
  mutation SetWebhookActive($id: ID!, $active: Boolean!) {
    updateWebhook(id: $id, input: { active: $active }) {
      id
      active
    }
  }
`);

const DELETE_WEBHOOK = graphql(`
  mutation DeleteWebhook($id: ID!) {
    deleteWebhook(id: $id)
  }
`);

const SEND_TEST = graphql(`
  mutation SendWebhookTest($id: ID!) {
    sendWebhookTest(id: $id) {
      id
    }
  }
`);

const time = (iso: string): string =>
  new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
const clock = (iso: string): string =>
  new Date(iso).toLocaleTimeString('en-GB', { timeStyle: 'medium' });

/** Its last delivery that failed or is failing, if any: what its card leads with. */
export function failingDelivery(webhook: WebhookCardFragment): Delivery | undefined {
  return webhook.deliveries.find(
    (d) => d.status === 'FAILED' || (d.status === 'PENDING' && d.attempts > 0),
  );
}

type Delivery = WebhookCardFragment['deliveries'][number];

/** The receiver's last answer, or why there was none. */
function answerOf(delivery: Delivery): string {
  if (delivery.lastError) return delivery.lastError;
  if (delivery.lastStatusCode !== null && delivery.lastStatusCode !== undefined)
    return `HTTP ${delivery.lastStatusCode}`;
  return delivery.attempts === 0 ? 'not tried yet' : '';
}

/** Its status in words, with when it is tried next while it waits after a failure. */
function StatusBadge({ delivery }: { delivery: Delivery }) {
  const status = delivery.status;
  const retrying = status === 'PENDING' && delivery.attempts > 0;
  const text = retrying ? 'Failing, retrying' : STATUS_WORDS[status];
  return (
    <span className={`badge delivery-${retrying ? 'failing' : status.toLowerCase()}`}>
      {text}
      {retrying && delivery.nextAttemptAt ? ` (next try ${clock(delivery.nextAttemptAt)})` : ''}
    </span>
  );
}

/**
 * One webhook: where it posts, for what, whether it is on, its last deliveries with
 * their answers (failures first to the eye: red), and what its manager can do.
 */
export function WebhookCard({ webhook }: { webhook: WebhookCardFragment }) {
  const [confirmDelete, setConfirmDelete] = useState(false);
  const refetch = { refetchQueries: ['AlertsPage'] };
  const [setActive, activating] = useMutation(UPDATE_WEBHOOK, refetch);
  const [remove, removing] = useMutation(DELETE_WEBHOOK, refetch);
  const [sendTest, testing] = useMutation(SEND_TEST, refetch);
  const error = activating.error ?? removing.error ?? testing.error;
  const failing = failingDelivery(webhook);
  const everyEvent = ALERT_EVENT_TYPES.every((e) => webhook.events.includes(e));
  const variables = { id: webhook.id };

  return (
    <section
      className={`card webhook${failing ? ' failing' : ''}`}
      aria-label={`Webhook ${webhook.name}`}
    >
      <header className="page-header">
        <div>
          <h2>
            {webhook.name}{' '}
            <span className={`badge ${webhook.active ? 'webhook-on' : 'webhook-off'}`}>
              {webhook.active ? 'on' : 'off'}
            </span>
          </h2>
          {failing && (
            <p className="error" role="status">
              Its receiver is failing: {answerOf(failing)}.
            </p>
          )}
          <p className="muted small">
            Posts {POSTS_WORDS[webhook.format]} to <code>{webhook.destination}</code> about{' '}
            {webhook.experimentSlug ? (
              <Link to={`/experiments/${webhook.experimentSlug}`}>{webhook.experimentSlug}</Link>
            ) : (
              'every experiment'
            )}
            {webhook.createdBy ? ` · made by ${webhook.createdBy}` : ''}
          </p>
          <p className="small">
            Sends when:{' '}
            {everyEvent
              ? 'anything happens (every event).'
              : `${webhook.events.map((e) => EVENT_WORDS[e] ?? e).join(', ')}.`}
          </p>
        </div>
        <div className="actions">
          {confirmDelete ? (
            <div role="alertdialog" aria-labelledby={`delete-${webhook.id}`} className="confirm">
              <p id={`delete-${webhook.id}`}>
                Delete “{webhook.name}”? Its delivery history goes with it, and nothing waiting is
                sent.
              </p>
              <button
                type="button"
                className="primary"
                autoFocus
                onClick={() => void remove({ variables }).catch(() => undefined)}
              >
                Yes, delete
              </button>{' '}
              <button type="button" onClick={() => setConfirmDelete(false)}>
                Cancel
              </button>
            </div>
          ) : (
            <>
              <button
                type="button"
                onClick={() => void sendTest({ variables }).catch(() => undefined)}
              >
                Send a test
              </button>
              <button
                type="button"
                onClick={() =>
                  void setActive({ variables: { ...variables, active: !webhook.active } }).catch(
                    () => undefined,
                  )
                }
              >
                {webhook.active ? 'Turn off' : 'Turn on'}
              </button>
              <button type="button" onClick={() => setConfirmDelete(true)}>
                Delete
              </button>
            </>
          )}
          {error && (
            <p role="alert" className="error small">
              {error.message}
            </p>
          )}
        </div>
      </header>
      {webhook.deliveries.length === 0 ? (
        <p className="muted small">Nothing sent yet.</p>
      ) : (
        <table className="compact">
          <caption>Last deliveries</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Event</th>
              <th scope="col">What happened</th>
              <th scope="col">Status</th>
              <th scope="col">Tries</th>
              <th scope="col">Answer</th>
            </tr>
          </thead>
          <tbody>
            {webhook.deliveries.map((d) => (
              <tr key={d.id}>
                <td>{time(d.event.occurredAt)}</td>
                <td>{EVENT_WORDS[d.event.type] ?? d.event.type}</td>
                <td>{d.event.sentence}</td>
                <td>
                  <StatusBadge delivery={d} />
                </td>
                <td>{d.attempts}</td>
                <td>{answerOf(d)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
