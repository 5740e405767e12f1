import { useQuery } from '@apollo/client/react';
import { Link, useParams } from 'react-router';
import { ErrorMessage, Loading } from '../../components/states.js';
import { HOST_PAGE } from './queries.js';

/** One host: its facts, its enrollments and what it reported last. */
export function HostPage() {
  const { id = '' } = useParams();
  const { data, error, loading, refetch } = useQuery(HOST_PAGE, { variables: { id } });
  if (loading && !data) return <Loading what="the host" />;
  if (error || !data)
    return (
      <ErrorMessage error={error ?? { message: 'No such host.' }} retry={() => void refetch()} />
    );
  const host = data.host;
  const facts = Object.entries((host.facts ?? {}) as Record<string, unknown>);
  return (
    <article>
      <p className="muted small">
        <Link to="/hosts">Hosts</Link>
      </p>
      <h1>{host.hostname ?? host.id}</h1>
      <p className="muted small">
        Enrolled {new Date(host.enrolledAt).toLocaleString('en-GB')}, last seen{' '}
        {new Date(host.lastSeenAt).toLocaleString('en-GB')}
        {host.machineIdHash ? (
          <>
            ; machine-id hash <code>{host.machineIdHash.slice(0, 16)}…</code>
          </>
        ) : null}
      </p>
      <div className="two-columns">
        <section className="card" aria-labelledby="facts-heading">
          <h2 id="facts-heading">Facts</h2>
          <dl className="facts">
            {facts.map(([key, value]) => (
              <div key={key}>
                <dt>{key}</dt>
                <dd>{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
              </div>
            ))}
          </dl>
        </section>
        <section className="card" aria-labelledby="enrollments-heading">
          <h2 id="enrollments-heading">Enrollments</h2>
          {host.enrollments.length === 0 ? (
            <p className="muted">In no experiment.</p>
          ) : (
            <ul>
              {host.enrollments.map((e) => (
                <li key={e.experiment.slug}>
                  <Link to={`/experiments/${e.experiment.slug}`}>{e.experiment.title}</Link>: arm{' '}
                  <strong>{e.arm.key}</strong>, {e.status === 'OPTED_IN' ? 'opted in' : 'opted out'}{' '}
                  since{' '}
                  {new Date(
                    e.status === 'OPTED_IN' ? e.optedInAt : (e.optedOutAt ?? e.optedInAt),
                  ).toLocaleDateString('en-GB')}
                  {e.optOutReason ? ` (${e.optOutReason})` : ''}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <section className="card" aria-labelledby="samples-heading">
        <h2 id="samples-heading">Recent samples</h2>
        {host.recentSamples.length === 0 ? (
          <p className="muted">
            None yet: <code>npx fleetlab-agent report</code> on the host sends its dnf history.
          </p>
        ) : (
          <table className="compact">
            <thead>
              <tr>
                <th scope="col">Observed</th>
                <th scope="col">Kind</th>
                <th scope="col">Values</th>
                <th scope="col">Context</th>
              </tr>
            </thead>
            <tbody>
              {host.recentSamples.map((s) => (
                <tr key={s.id}>
                  <td>{new Date(s.observedAt).toLocaleString('en-GB')}</td>
                  <td>{s.kind}</td>
                  <td>
                    {s.values
                      .map((v) => `${v.metric} ${v.value.toLocaleString('en-US')}`)
                      .join(', ')}
                  </td>
                  <td className="small">{JSON.stringify(s.context)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </article>
  );
}
