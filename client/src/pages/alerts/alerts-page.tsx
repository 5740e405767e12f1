import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { Empty, ErrorMessage, Loading } from '../../components/states.js';
import { graphql } from '../../generated/index.js';
import { useRole } from '../../session/session.js';
import { failingDelivery, WebhookCard } from './webhook-card.js';
import { WebhookForm, type Created } from './webhook-form.js';

const ALERTS_PAGE = graphql(`
  query AlertsPage($experimentSlug: String) {
    webhooks(experimentSlug: $experimentSlug) {
      ...WebhookCard
    }
    experiments {
      slug
      title
      mayChange
    }
  }
`);

/** Deliveries change on their own (retries, answers): the page follows them. */
const POLL_MS = 3000;

/**
 * Webhooks that send alerts (halted, a guardrail worse, ...) to Slack, Matrix or a
 * receiver of one's own, with what each sent and how it went. An owner sees and
 * manages those of their experiments, an admin all; `?experiment=` narrows to one.
 */
export function AlertsPage() {
  const role = useRole();
  const [params] = useSearchParams();
  const experiment = params.get('experiment') ?? '';
  const mayManage = role === 'OWNER' || role === 'ADMIN';
  const { data, error, loading, refetch } = useQuery(ALERTS_PAGE, {
    variables: { experimentSlug: experiment || null },
    skip: !mayManage,
    pollInterval: POLL_MS,
  });
  const [created, setCreated] = useState<Created | null>(null);
  const [copied, setCopied] = useState(false);

  if (role === null) return <Loading what="your session" />;
  if (!mayManage)
    return (
      <Empty title="Alerts">
        <p>Webhooks are managed by the owners of experiments and by admins.</p>
      </Empty>
    );
  if (loading && !data) return <Loading what="the webhooks" />;
  if (error || !data)
    return <ErrorMessage error={error ?? { message: 'No answer.' }} retry={() => void refetch()} />;

  const experiments = data.experiments.filter((x) => x.mayChange);
  const title = data.experiments.find((x) => x.slug === experiment)?.title ?? experiment;
  // Bad news first: webhooks whose receiver fails lead.
  const webhooks = [...data.webhooks].sort(
    (a, b) => Number(!!failingDelivery(b)) - Number(!!failingDelivery(a)),
  );
  const copy = async (secret: string) => {
    await navigator.clipboard.writeText(secret);
    setCopied(true);
  };
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Alerts{experiment ? ` of “${title}”` : ''}</h1>
          <p className="lede">
            Webhooks post alerts about experiments, a halt first of all, to Slack, Matrix or a
            receiver of your own. A receiver that is down gets each alert once it is back: tries go
            on for a day.
          </p>
          {experiment && (
            <p className="small">
              <Link to={`/experiments/${experiment}`}>Back to the experiment</Link> ·{' '}
              <Link to="/alerts">All webhooks</Link>
            </p>
          )}
        </div>
      </header>
      {created && (
        <div className="card secret-once" role="status">
          <p>
            <strong>Webhook “{created.name}” created.</strong>
          </p>
          {created.signingSecret && (
            <>
              <p>
                Its signing secret, shown <strong>this once</strong>: your receiver checks each
                delivery’s <code>Fleetlab-Signature</code> with it. Keep it there now; it cannot be
                shown again.
              </p>
              <p>
                <code data-testid="signing-secret">{created.signingSecret}</code>{' '}
                <button type="button" onClick={() => void copy(created.signingSecret!)}>
                  {copied ? 'Copied' : 'Copy'}
                </button>
              </p>
            </>
          )}
          <button type="button" className="link" onClick={() => setCreated(null)}>
            Done
          </button>
        </div>
      )}
      {experiments.length === 0 && role !== 'ADMIN' ? (
        <p className="muted">You own no experiment yet, so you have no alerts to set up.</p>
      ) : (
        <WebhookForm
          key={experiment}
          experiments={experiments}
          isAdmin={role === 'ADMIN'}
          experiment={experiment}
          onCreated={(c) => {
            setCopied(false);
            setCreated(c);
          }}
        />
      )}
      {webhooks.length === 0 ? (
        <p className="muted">No webhooks yet.</p>
      ) : (
        webhooks.map((webhook) => <WebhookCard key={webhook.id} webhook={webhook} />)
      )}
    </>
  );
}
