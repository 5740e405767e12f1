import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { StatusBadge } from '../../components/badges.js';
import { DecisionSummary } from '../../components/decision.js';
import { Empty, ErrorMessage, Loading } from '../../components/states.js';
import { graphql } from '../../generated/index.js';

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
    }
  }
`);

/**
 * Changes and their experiments: status, hosts per arm, and each experiment's decision
 * with what it costs (a guardrail worse, a failed health check) before what it gains.
 */
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
                  <th scope="col">Decision</th>
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
                      <Link to={`/experiments/${e.slug}`} className="plain">
                        <DecisionSummary slug={e.slug} />
                      </Link>
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
