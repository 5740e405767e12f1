import type { HealthStatus, Verdict } from '@fleetlab/shared/domain';

const VERDICT_TEXT: Record<Verdict, string> = {
  BETTER: 'Better',
  NO_WORSE: 'No worse',
  WORSE: 'Worse',
  INCONCLUSIVE: 'Inconclusive',
};

export function VerdictBadge({ verdict, label }: { verdict: string; label?: string }) {
  return (
    <span className={`badge verdict-${verdict.toLowerCase()}`}>
      {label ? `${label}: ` : ''}
      {VERDICT_TEXT[verdict as Verdict] ?? verdict}
    </span>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge status-${status.toLowerCase()}`}>{status.toLowerCase()}</span>;
}

const HEALTH_TEXT: Record<HealthStatus, string> = {
  OK: 'OK',
  WARNING: 'Warning',
  FAILED: 'Failed',
};

export function HealthBadge({ status }: { status: string }) {
  return (
    <span className={`badge health-${status.toLowerCase()}`}>
      {HEALTH_TEXT[status as HealthStatus] ?? 'Failed'}
    </span>
  );
}
