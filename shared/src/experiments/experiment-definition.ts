import type { MetricRole } from '../domain/experiments.js';
import type { TargetingRule } from '../domain/targeting.js';

export { METRIC_ROLES, type MetricRole } from '../domain/experiments.js';

// These mirror the GraphQL inputs (ArmInput, ExperimentMetricInput,
// CreateExperimentInput), so a resolver can pass its input straight in.

export interface ArmDefinition {
  key: string;
  name?: string | null;
  weight: number;
  baseline: boolean;
  /** name-version-release, e.g. `rpm-4.16.1.3-29.el9`. */
  packages?: string[] | null;
  repos?: string[] | null;
}

export interface ExperimentMetricDefinition {
  metric: string;
  role: MetricRole;
  /** Relative non-inferiority margin: 0.02 means "no more than 2% worse". */
  margin?: number | null;
}

export interface ExperimentDefinition {
  changeSlug: string;
  slug: string;
  title: string;
  hypothesis?: string | null;
  arms: ArmDefinition[];
  targeting?: TargetingRule[] | null;
  metrics: ExperimentMetricDefinition[];
  /** Hosts per arm the experiment plans to reach (tunes its confidence sequences). */
  plannedHostsPerArm?: number | null;
}
