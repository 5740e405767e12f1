import { formatCount } from '../../lib/format.js';

interface Progress {
  plannedHostsPerArm: number;
  defaultPlan: boolean;
  hostsPerArmNow: number;
  share: number;
  hostsPerArmPerDay: number | null;
  daysLeft: number | null;
  expectedEndDate: string | null;
  summary: string;
}

/**
 * How far the experiment is toward its planned hosts per arm, and when it likely gets
 * there at the pace since it started (UTC), or in words why that cannot be said.
 */
export function PlanProgress({ progress }: { progress: Progress }) {
  const now = Math.round(progress.hostsPerArmNow);
  const pace = progress.hostsPerArmPerDay;
  return (
    <section className="card" aria-labelledby="progress-heading" data-testid="plan-progress">
      <h2 id="progress-heading">Progress toward the plan</h2>
      <div
        className="progress"
        role="progressbar"
        aria-labelledby="progress-heading"
        aria-valuemin={0}
        aria-valuemax={progress.plannedHostsPerArm}
        aria-valuenow={Math.min(now, progress.plannedHostsPerArm)}
      >
        <span className="progress-bar" style={{ width: `${Math.min(1, progress.share) * 100}%` }} />
      </div>
      <p>
        <strong>
          {formatCount(now)} of {formatCount(progress.plannedHostsPerArm)} hosts per arm
        </strong>{' '}
        ({Math.floor(progress.share * 100)}%)
        {progress.defaultPlan && (
          <span className="muted small"> · no plan was set, so the default of 100</span>
        )}
      </p>
      {progress.expectedEndDate && progress.daysLeft ? (
        <p data-testid="expected-end">
          Expected end (UTC):{' '}
          <time dateTime={progress.expectedEndDate}>
            <strong>{progress.expectedEndDate.slice(0, 10)}</strong>
          </time>
          , in about {progress.daysLeft} day{progress.daysLeft === 1 ? '' : 's'} at the pace since
          it started (
          {pace === null ? '–' : pace < 10 ? pace.toPrecision(2) : formatCount(Math.round(pace))}{' '}
          hosts per arm a day).
        </p>
      ) : (
        <p data-testid="expected-end">{progress.summary}</p>
      )}
    </section>
  );
}
