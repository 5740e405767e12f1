import { lazy, Suspense, useMemo, useState, useSyncExternalStore } from 'react';
import { useApolloClient, useQuery, useSubscription } from '@apollo/client/react';
import { Link, useParams, useSearchParams } from 'react-router';
import { StatusBadge } from '../../components/badges.js';
import { DecisionSummary } from '../../components/decision.js';
import { ErrorMessage, Loading } from '../../components/states.js';
import { liveConnection } from '../../lib/live-connection.js';
import { readView, windowInput, writeView, type ExperimentView } from '../../lib/view-params.js';
import { ArmsTable } from './arms-table.js';
import { AutoHalt } from './auto-halt.js';
import { EnrollmentFunnel } from './enrollment-funnel.js';
import { ExportPanel } from './export-panel.js';
import { GettingStarted } from './getting-started.js';
import { HealthChecks } from './health-checks.js';
import { LifecycleActions } from './lifecycle-actions.js';
import { MetricsSummary } from './metrics-summary.js';
import { PlanProgress } from './plan-progress.js';
import { EXPERIMENT_PAGE, EXPERIMENT_UPDATED, METRIC_DETAIL } from './queries.js';
import { ViewControls } from './view-controls.js';

// recharts is the bulk of the dashboard's JavaScript: the charts load on their own.
const MetricCharts = lazy(() => import('./charts/metric-charts.js'));
const SegmentBreakdown = lazy(() => import('./charts/segment-breakdown.js'));

export function ExperimentPage() {
  const { slug = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const view = readView(params);
  const setView = (next: Partial<ExperimentView>) =>
    setParams(writeView({ ...view, ...next }), { replace: false });
  // The window is relative to when the page was opened, so it does not move under the reader.
  const [openedAt] = useState(() => new Date());
  const window = useMemo(() => windowInput(view.window, openedAt), [view.window, openedAt]);

  const page = useQuery(EXPERIMENT_PAGE, { variables: { slug } });
  const experiment = page.data?.experiment;
  const metrics = experiment?.metrics ?? [];
  const metric = metrics.find((m) => m.metric === view.metric) ?? metrics[0];
  const detail = useQuery(METRIC_DETAIL, {
    variables: { slug, metric: metric?.metric ?? '', segment: view.segment, window },
    skip: !metric,
  });
  const live = useLiveUpdates(slug);

  if (page.loading && !experiment) return <Loading what="the experiment" />;
  if (page.error || !experiment) {
    return (
      <ErrorMessage
        error={page.error ?? { message: `No experiment "${slug}".` }}
        retry={() => void page.refetch()}
      />
    );
  }
  const unit = metric?.definition.unit ?? '';
  const baselineKey = experiment.arms.find((a) => a.baseline)?.key ?? '';

  return (
    <article className="experiment">
      <header className="page-header">
        <div>
          <p className="muted small">
            <Link to="/">Experiments</Link> / {experiment.change.title}
          </p>
          <h1>
            {experiment.title} <StatusBadge status={experiment.status} />
          </h1>
          {experiment.hypothesis && <p className="lede">{experiment.hypothesis}</p>}
          <p className="muted small" aria-live="polite">
            {experiment.owner && <>Owner: {experiment.owner} · </>}
            {live}
          </p>
          {experiment.mayChange && (
            <p className="small">
              <Link to={`/alerts?experiment=${experiment.slug}`}>Alerts of this experiment</Link>
            </p>
          )}
        </div>
        {experiment.mayChange ? (
          <LifecycleActions slug={experiment.slug} status={experiment.status} />
        ) : (
          <p className="muted small">
            Only {experiment.owner ? `its owner (${experiment.owner})` : 'an admin'}
            {experiment.owner ? ' or an admin' : ''} can start, pause, halt or conclude it.
          </p>
        )}
      </header>

      {experiment.haltedAt && (
        <p className="halt-notice" role="alert" data-testid="halt-notice">
          Halted at {new Date(experiment.haltedAt).toISOString().slice(0, 16).replace('T', ' ')}{' '}
          UTC: {experiment.haltReason ?? 'no reason given'}
        </p>
      )}
      <DecisionSummary slug={experiment.slug} lead />
      {!experiment.concludedAt && (
        <AutoHalt
          slug={experiment.slug}
          enabled={experiment.autoHalt}
          mayChange={experiment.mayChange}
        />
      )}

      {experiment.progress && <PlanProgress progress={experiment.progress} />}

      <div className="two-columns">
        <ArmsTable arms={experiment.arms} targeting={experiment.targeting} />
        <EnrollmentFunnel funnel={experiment.funnel} />
      </div>

      {experiment.funnel.enrolled === 0 ? (
        <GettingStarted slug={experiment.slug} status={experiment.status} />
      ) : (
        <>
          <MetricsSummary
            slug={experiment.slug}
            metrics={metrics}
            segment={view.segment}
            window={window}
            selected={metric?.metric}
            onSelect={(key) => setView({ metric: key })}
          />
          <ViewControls slug={experiment.slug} metrics={metrics} view={view} onChange={setView} />
          {detail.error && (
            <ErrorMessage error={detail.error} retry={() => void detail.refetch()} />
          )}
          {detail.loading && !detail.data && <Loading what="the comparison" />}
          {detail.data && metric && (
            <>
              <HealthChecks checks={detail.data.comparison.health} />
              <Suspense fallback={<Loading what="charts" />}>
                <MetricCharts
                  comparison={detail.data.comparison}
                  title={metric.definition.title}
                  unit={unit}
                  baselineKey={baselineKey}
                />
                <SegmentBreakdown
                  slug={experiment.slug}
                  metric={metric.metric}
                  title={metric.definition.title}
                  unit={unit}
                  dimension={view.breakdown}
                  window={window}
                  onPick={(segment) => setView({ segment })}
                />
              </Suspense>
            </>
          )}
          <ExportPanel slug={experiment.slug} window={window} />
        </>
      )}
    </article>
  );
}

/** Follows experimentUpdated and refetches what the page shows; says when it last did. */
function useLiveUpdates(slug: string): string {
  const client = useApolloClient();
  const connection = useSyncExternalStore(liveConnection.subscribe, liveConnection.get);
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const { error } = useSubscription(EXPERIMENT_UPDATED, {
    variables: { slug },
    onData: () => {
      setUpdatedAt(new Date());
      void client.refetchQueries({ include: 'active' });
    },
  });
  if (error) return 'Live updates are off (connection lost); reload to see new data.';
  if (connection === 'closed') return 'Live updates: reconnecting…';
  if (connection !== 'connected') return 'Live updates: connecting…';
  return updatedAt
    ? `Live: updated at ${updatedAt.toLocaleTimeString('en-GB')} as data arrived.`
    : 'Live: the page updates itself as hosts report.';
}
