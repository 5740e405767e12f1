const VERDICT_TEXT: Record<string, string> = {
  BETTER: 'Better',
  NO_WORSE: 'No worse',
  WORSE: 'Worse',
  INCONCLUSIVE: 'Inconclusive',
};

export function VerdictBadge({ verdict, label }: { verdict: string; label?: string }) {
  return (
    <span className={`badge verdict-${verdict.toLowerCase()}`}>
      {label ? `${label}: ` : ''}
      {VERDICT_TEXT[verdict] ?? verdict}
    </span>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge status-${status.toLowerCase()}`}>{status.toLowerCase()}</span>;
}

export function HealthBadge({ status }: { status: string }) {
  const text = status === 'OK' ? 'OK' : status === 'WARNING' ? 'Warning' : 'Failed';
  return <span className={`badge health-${status.toLowerCase()}`}>{text}</span>;
}
