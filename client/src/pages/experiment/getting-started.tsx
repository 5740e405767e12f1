/** An experiment without hosts: exactly what to run on a host to take part. */
export function GettingStarted({ slug, status }: { slug: string; status: string }) {
  const server = `${location.protocol}//${location.host}`;
  return (
    <section className="card empty" aria-labelledby="start-heading">
      <h2 id="start-heading">No hosts yet</h2>
      {status !== 'RUNNING' && (
        <p>
          Hosts can opt in once the experiment runs: press <strong>Start</strong> above.
        </p>
      )}
      <p>On each host that should take part, as root:</p>
      <pre>
        <code>{`npx fleetlab-agent enroll --server ${server} --secret <enroll secret>
npx fleetlab-agent opt-in ${slug}
npx fleetlab-agent run -- dnf -y upgrade   # or: npx fleetlab-agent report`}</code>
      </pre>
      <p className="small muted">
        An admin creates the enroll secret with the <code>createEnrollSecret</code> mutation. Hosts
        can also be opted in from the <a href="/hosts">Hosts</a> page once enrolled.
      </p>
    </section>
  );
}
