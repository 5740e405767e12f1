import { useEffect, useState } from 'react';

interface ExperimentRow {
  slug: string;
  title: string;
  status: string;
  change: { title: string };
  arms: { key: string; baseline: boolean; hosts: number; weight: number }[];
}

const QUERY = `{ experiments { slug title status change { title } arms { key baseline hosts weight } } }`;

/** A first page over the API; the dashboard proper comes with its own issue. */
export function App() {
  const [experiments, setExperiments] = useState<ExperimentRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY }),
    })
      .then(
        (r) =>
          r.json() as Promise<{
            data?: { experiments: ExperimentRow[] };
            errors?: { message: string }[];
          }>,
      )
      .then((body) =>
        body.errors ? setError(body.errors[0]!.message) : setExperiments(body.data!.experiments),
      )
      .catch((e: unknown) => setError(String(e)));
  }, []);

  return (
    <main>
      <h1>Fleetlab</h1>
      <p className="lede">Experiments on distro-wide changes, treatment against baseline.</p>
      {error && <p role="alert">Could not load experiments: {error}</p>}
      {!error && !experiments && <p>Loading…</p>}
      {experiments?.length === 0 && (
        <p>No experiments yet. Create one with the createExperiment mutation at /graphql.</p>
      )}
      {experiments && experiments.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Experiment</th>
              <th scope="col">Change</th>
              <th scope="col">Status</th>
              <th scope="col">Hosts per arm</th>
            </tr>
          </thead>
          <tbody>
            {experiments.map((e) => (
              <tr key={e.slug}>
                <td>
                  {e.title} <code>{e.slug}</code>
                </td>
                <td>{e.change.title}</td>
                <td>{e.status.toLowerCase()}</td>
                <td>
                  {e.arms
                    .map((a) => `${a.key}${a.baseline ? ' (baseline)' : ''}: ${a.hosts}`)
                    .join(' · ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
