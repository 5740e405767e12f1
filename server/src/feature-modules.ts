import { AccessModule } from './access/access.module.js';
import { AlertsModule } from './alerts/alerts.module.js';
import { AnalysisModule } from './analysis/analysis.module.js';
import { AuditModule } from './audit/audit.module.js';
import { ChangesModule } from './changes/changes.module.js';
import { DecisionsModule } from './decisions/decisions.module.js';
import { DemoModule } from './demo/demo.module.js';
import { EnrollSecretsModule } from './enroll-secrets/enroll-secrets.module.js';
import { EnrollmentModule } from './enrollment/enrollment.module.js';
import { ExperimentsModule } from './experiments/experiments.module.js';
import { FoldingModule } from './folding/folding.module.js';
import { HealthModule } from './health/health.module.js';
import { HostsModule } from './hosts/hosts.module.js';
import { LiveModule } from './live/live.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { PlanningModule } from './planning/planning.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { TelemetryModule } from './telemetry/telemetry.module.js';

/**
 * Fleetlab's own Nest modules, one per domain, as the app imports them. The schema
 * printed without a database takes its resolvers from these (graphql/resolvers.ts).
 */
export const FEATURE_MODULES = [
  LiveModule,
  FoldingModule,
  AccessModule,
  AuditModule,
  HealthModule,
  ChangesModule,
  ExperimentsModule,
  MetricsModule,
  EnrollSecretsModule,
  HostsModule,
  EnrollmentModule,
  TelemetryModule,
  AnalysisModule,
  DecisionsModule,
  PlanningModule,
  ReportsModule,
  AlertsModule,
  DemoModule,
];
