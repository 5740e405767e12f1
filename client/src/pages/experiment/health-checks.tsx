import { HealthBadge } from '../../components/badges.js';

/** Whether the comparison can be trusted, in plain words, worst first. */
export function HealthChecks({
  checks,
}: {
  checks: { name: string; status: string; message: string }[];
}) {
  const order = { FAILED: 0, WARNING: 1, OK: 2 } as Record<string, number>;
  const sorted = [...checks].sort((a, b) => (order[a.status] ?? 3) - (order[b.status] ?? 3));
  return (
    <section className="card" aria-labelledby="health-heading">
      <h2 id="health-heading">Health checks</h2>
      <ul className="health">
        {sorted.map((check) => (
          <li key={check.name}>
            <HealthBadge status={check.status} /> <strong>{check.name}.</strong> {check.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
