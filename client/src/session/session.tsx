import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { ErrorMessage, Loading } from '../components/states.js';
import { graphql } from '../generated/index.js';
import { SignIn } from './sign-in.js';

export const SESSION = graphql(`
  query Session {
    session {
      mode
      oidc
      person {
        name
        role
      }
    }
  }
`);

const ROLE_WORDS: Record<string, string> = { VIEWER: 'viewer', OWNER: 'owner', ADMIN: 'admin' };

/**
 * Shows the page once someone is signed in (or the server runs in local mode);
 * otherwise the sign-in form.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const { data, error, loading, refetch } = useQuery(SESSION);
  if (loading && !data) return <Loading what="your session" />;
  if (error) {
    // A revoked or expired sign-in: sign in again.
    if (/token|sign in/i.test(error.message)) return <SignIn oidc={false} reason={error.message} />;
    return <ErrorMessage error={error} retry={() => void refetch()} />;
  }
  const session = data!.session;
  if (session.mode === 'TOKENS' && !session.person) return <SignIn oidc={session.oidc} />;
  return <>{children}</>;
}

/** Who is signed in, in the top bar, with a way out; or the local-mode warning. */
export function SessionBadge() {
  const { data } = useQuery(SESSION);
  const session = data?.session;
  if (!session) return null;
  if (session.mode === 'LOCAL')
    return (
      <p className="session local-mode" title="FLEETLAB_AUTH=local: for a demo on one machine only">
        Local mode: no sign-in, everyone is admin
      </p>
    );
  if (!session.person) return null;
  return (
    <p className="session">
      {session.person.name} ({ROLE_WORDS[session.person.role] ?? session.person.role}){' '}
      <button type="button" className="link-button" onClick={() => void signOut()}>
        Sign out
      </button>
    </p>
  );
}

/** The role of whoever uses the dashboard (ADMIN in local mode), or null before it is known. */
export function useRole(): string | null {
  const { data } = useQuery(SESSION);
  const session = data?.session;
  if (session?.mode === 'LOCAL') return 'ADMIN';
  return session?.person?.role ?? null;
}

/** Its children only for someone who may create changes and experiments (owner or admin). */
export function MayCreate({ children }: { children: ReactNode }) {
  const role = useRole();
  return role === 'OWNER' || role === 'ADMIN' ? <>{children}</> : null;
}

async function signOut(): Promise<void> {
  await fetch('/auth/session', { method: 'DELETE' });
  location.assign('/');
}
