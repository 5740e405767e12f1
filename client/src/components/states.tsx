import type { ReactNode } from 'react';
import { Link } from 'react-router';

export function Loading({ what }: { what: string }) {
  return (
    <p className="state" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

/** An error with what failed and, where there is one, a way to try again. */
export function ErrorMessage({ error, retry }: { error: { message: string }; retry?: () => void }) {
  return (
    <div className="state error" role="alert">
      <p>
        <strong>Something went wrong:</strong> {error.message}
      </p>
      {retry && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state empty">
      <h2>{title}</h2>
      {children}
    </div>
  );
}

export function NotFound() {
  return (
    <Empty title="Nothing here">
      <p>
        This page does not exist. <Link to="/">Back to the experiments</Link>.
      </p>
    </Empty>
  );
}
