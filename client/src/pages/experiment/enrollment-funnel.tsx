interface Funnel {
  enrolled: number;
  optedIn: number;
  exposed: number;
  exposureUnknown: number;
  optedOut: number;
}

/** Enrolled → still opted in → running their arm's stack; opted out beside. */
export function EnrollmentFunnel({ funnel }: { funnel: Funnel }) {
  const steps = [
    { label: 'Enrolled', n: funnel.enrolled, note: 'hosts that ever opted in' },
    { label: 'Opted in', n: funnel.optedIn, note: 'taking part now' },
    {
      label: 'Exposed',
      n: funnel.exposed,
      note: funnel.exposureUnknown
        ? `running their arm's packages; ${funnel.exposureUnknown} report no versions`
        : "running their arm's packages",
    },
    { label: 'Opted out', n: funnel.optedOut, note: 'left the experiment' },
  ];
  const widest = Math.max(1, funnel.enrolled);
  return (
    <section className="card" aria-labelledby="funnel-heading">
      <h2 id="funnel-heading">Enrollment</h2>
      <dl className="funnel">
        {steps.map((step) => (
          <div key={step.label} className="funnel-step">
            <dt>{step.label}</dt>
            <dd>
              <span className="funnel-bar" style={{ width: `${(step.n / widest) * 100}%` }} />
              <strong>{step.n.toLocaleString('en-US')}</strong>{' '}
              <span className="muted small">{step.note}</span>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
