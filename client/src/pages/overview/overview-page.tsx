import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { StatusBadge, VerdictBadge } from '../../components/badges.js';
import { Empty, ErrorMessage, Loading } from '../../components/states.js';
import { graphql } from '../../generated/index.js';
import { formatPercent } from '../../lib/format.js';

const OVERVIEW = graphql(`
  query Overview {
    changes {
      slug
      title
      upstreamUrl
    }
    experiments {
      slug
      title
      status
      startedAt
      change {
        slug
      }
      arms {
        key
        baseline
        hosts
      }
      metrics {
        metric
        role
        definition {
          title
        }
      }
    }
  }
`);

const VERDICTS = graphql(`
  query PrimaryVerdict($slug: String!, $metric: String!) {
    comparison(experimentSlug: $slug, metric: $metric) {
      comparisons {
        armKey
        verdict
        relativeDiff
      }
    }
  }
`);

/** Changes and their experiments: status, hosts per arm, and the primary metrics' verdicts. */
export function OverviewPage() {
  const { data, error, loading, refetch } = useQuery(OVERVIEW);
  if (loading && !data) return <Loading what="experiments" />;
  if (error) return <ErrorMessage error={error} retry={() => void refetch()} />;
  const experiments = data?.experiments ?? [];
  if (experiments.length === 0) {
    return (
      <Empty title="No experiments yet">
        <p>
          An experiment compares a change (say RPM copy-on-write) against the stock stack on hosts
          that opt in. <Link to="/experiments/new">Create the first one</Link>.
        </p>
      </Empty>
    );
  }
  return (
    <>
      <h1>Experiments</h1>
      {(data?.changes ?? []).map((change) => {
        const own = experiments.filter((e) => e.change.slug === change.slug);
        if (own.length === 0) return null;
        return (
          <section key={change.slug} className="card" aria-labelledby={`change-${change.slug}`}>
            <h2 id={`change-${change.slug}`}>
              {change.title}{' '}
              {change.upstreamUrl && (
                <a className="muted small" href={change.upstreamUrl}>
                  upstream proposal
                </a>
              )}
            </h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">Experiment</th>
                  <th scope="col">Status</th>
                  <th scope="col">Hosts per arm</th>
                  <th scope="col">Primary metrics</th>
                </tr>
              </thead>
              <tbody>
                {own.map((e) => (
                  <tr key={e.slug}>
                    <td>
                      <Link to={`/experiments/${e.slug}`}>{e.title}</Link>
                      <div className="muted small">{e.slug}</div>
                    </td>
                    <td>
                      <StatusBadge status={e.status} />
                    </td>
                    <td>
                      {e.arms.map((a) => (
                        <div key={a.key}>
                          {a.key}
                          {a.baseline ? ' (baseline)' : ''}: {a.hosts.toLocaleString('en-US')}
                        </div>
                      ))}
                    </td>
                    <td>
                      {e.status === 'DRAFT' ? (
                        <span className="muted">not started</span>
                      ) : (
                        e.metrics
                          .filter((m) => m.role === 'PRIMARY')
                          .map((m) => (
                            <PrimaryVerdict
                              key={m.metric}
                              slug={e.slug}
                              metric={m.metric}
                              title={m.definition.title}
                            />
                          ))
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </>
  );
}

function PrimaryVerdict({ slug, metric, title }: { slug: string; metric: string; title: string }) {
  const { data, error } = useQuery(VERDICTS, { variables: { slug, metric } });
  if (error) return <span className="muted">{title}: unavailable</span>;
  if (!data) return <span className="muted">{title}: …</span>;
  return (
    <div>
      {data.comparison.comparisons.map((c) => (
        <Link key={c.armKey} to={`/experiments/${slug}?metric=${metric}`} className="plain">
          <VerdictBadge verdict={c.verdict} label={title} />{' '}
          <span className="small">{formatPercent(c.relativeDiff)}</span>
        </Link>
      ))}
    </div>
  );
}
