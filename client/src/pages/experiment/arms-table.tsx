interface Arm {
  key: string;
  name?: string | null;
  baseline: boolean;
  weight: number;
  hosts: number;
  packages: string[];
  repos: string[];
}

export function ArmsTable({
  arms,
  targeting,
}: {
  arms: Arm[];
  targeting: { description: string }[];
}) {
  const total = arms.reduce((sum, a) => sum + a.weight, 0);
  return (
    <section className="card" aria-labelledby="arms-heading">
      <h2 id="arms-heading">Arms</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Arm</th>
            <th scope="col">Share</th>
            <th scope="col">Hosts</th>
            <th scope="col">Stack</th>
          </tr>
        </thead>
        <tbody>
          {arms.map((arm) => (
            <tr key={arm.key}>
              <th scope="row">
                <span className={`swatch ${arm.baseline ? 'baseline' : 'treatment'}`} aria-hidden />
                {arm.name ?? arm.key}
                {arm.baseline && <span className="muted small"> baseline</span>}
              </th>
              <td>{Math.round((arm.weight / total) * 100)}%</td>
              <td>{arm.hosts.toLocaleString('en-US')}</td>
              <td className="small">
                {arm.packages.length ? arm.packages.map((p) => <code key={p}>{p} </code>) : 'stock'}
                {arm.repos.length > 0 && <div className="muted">repos: {arm.repos.join(', ')}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="small muted">
        Targeting:{' '}
        {targeting.length ? targeting.map((t) => t.description).join(' and ') : 'every host'}
      </p>
    </section>
  );
}
