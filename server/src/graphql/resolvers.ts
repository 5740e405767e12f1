import { PeopleResolver } from '../access/people.resolver.js';
import { AuditResolver } from '../audit/audit.resolver.js';
import { ComparisonResolver } from '../analysis/comparison.resolver.js';
import { EnrollmentFunnelResolver } from '../analysis/enrollment-funnel.resolver.js';
import { SegmentValuesResolver } from '../analysis/segment-values.resolver.js';
import { ChangesResolver } from '../changes/changes.resolver.js';
import { DemoResolver } from '../demo/demo.resolver.js';
import { EnrollSecretsResolver } from '../enroll-secrets/enroll-secrets.resolver.js';
import { EnrollmentResolver, HostEnrollmentsResolver } from '../enrollment/enrollment.resolver.js';
import { ExperimentUpdatesResolver } from '../experiments/experiment-updates.resolver.js';
import { ExperimentsResolver } from '../experiments/experiments.resolver.js';
import { RollupStatusResolver } from '../folding/rollup-status.resolver.js';
import { HostsResolver } from '../hosts/hosts.resolver.js';
import { MetricsResolver } from '../metrics/metrics.resolver.js';
import { ReportsResolver } from '../reports/reports.resolver.js';
import { HostSamplesResolver } from '../telemetry/host-samples.resolver.js';
import { TelemetryResolver } from '../telemetry/telemetry.resolver.js';

/** Every resolver of the API, for printing the committed schema without a database. */
export const RESOLVERS = [
  ChangesResolver,
  ExperimentsResolver,
  ExperimentUpdatesResolver,
  MetricsResolver,
  EnrollSecretsResolver,
  HostsResolver,
  EnrollmentResolver,
  HostEnrollmentsResolver,
  TelemetryResolver,
  HostSamplesResolver,
  ComparisonResolver,
  EnrollmentFunnelResolver,
  SegmentValuesResolver,
  ReportsResolver,
  PeopleResolver,
  AuditResolver,
  RollupStatusResolver,
  DemoResolver,
];
