import { useState, type FormEvent } from 'react';

/**
 * Sign-in with an API token (an admin creates it with createApiToken), or with the
 * organisation's OIDC provider when the server offers it. The token is sent once;
 * the server answers an HttpOnly session cookie, so the page never keeps it.
 */
export function SignIn({ oidc, reason }: { oidc: boolean; reason?: string }) {
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | null>(reason ?? null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    try {
      const response = await fetch('/auth/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: token.trim() }),
      });
      if (response.ok) {
        location.reload();
        return;
      }
      const body = (await response.json().catch(() => ({}))) as { message?: string };
      setProblem(body.message ?? `The server answered HTTP ${response.status}.`);
    } catch (error) {
      setProblem(`Cannot reach the server: ${(error as Error).message}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in to Fleetlab</h1>
      {oidc && (
        <p>
          <a className="button" href="/auth/oidc/login">
            Sign in with your organisation
          </a>
        </p>
      )}
      <form onSubmit={(event) => void submit(event)}>
        <label htmlFor="api-token">API token</label>
        <input
          id="api-token"
          type="password"
          autoComplete="off"
          placeholder="flp_…"
          value={token}
          onChange={(event) => setToken(event.target.value)}
          aria-describedby={problem ? 'sign-in-problem' : 'sign-in-help'}
          aria-invalid={problem ? true : undefined}
          required
        />
        <p id="sign-in-help" className="hint">
          An admin creates one for you (createApiToken). It is sent once; the dashboard keeps a
          12-hour session instead.
        </p>
        {problem && (
          <p id="sign-in-problem" className="field-error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" disabled={busy || token.trim() === ''}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </section>
  );
}
