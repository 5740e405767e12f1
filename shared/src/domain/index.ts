// `@fleetlab/shared/domain`: the names server, dashboard and agent share (statuses,
// roles, operators, dimensions, facts, formats). Constants and types only, no I/O and
// no statistics, so that the dashboard imports them without the rest of shared.
export {
  ENROLLMENT_FILTERS,
  ENROLLMENT_STATUSES,
  EXPERIMENT_ACTIONS,
  EXPERIMENT_STATUSES,
  EXPERIMENT_TRANSITIONS,
  METRIC_ROLES,
  type EnrollmentFilter,
  type EnrollmentStatus,
  type ExperimentAction,
  type ExperimentStatus,
  type MetricRole,
} from './experiments.js';
export {
  ALERT_DELIVERY_STATUSES,
  ALERT_EVENT_TYPES,
  TEST_ALERT_EVENT,
  WEBHOOK_FORMATS,
  type AlertDeliveryStatus,
  type AlertEventType,
  type DeliveredEventType,
  type WebhookFormat,
} from './alerts.js';
export {
  ANALYSIS_METHODS,
  DECISIONS,
  HEALTH_STATUSES,
  INFERENCES,
  QUARANTINE_KINDS,
  SEGMENT_DIMENSIONS,
  SETTLED_BY,
  TRANSACTION_SIZE_CLASSES,
  VERDICTS,
  type AnalysisMethod,
  type Decision,
  type HealthStatus,
  type Inference,
  type QuarantineKind,
  type SegmentDimension,
  type SettledBy,
  type TransactionSizeClass,
  type Verdict,
} from './analysis.js';
export {
  FACT_KEYS,
  FACT_KINDS,
  PACKAGE_FACT_PREFIX,
  SCALAR_FACT_KEYS,
  type FactKey,
  type FactKind,
  type HostFacts,
  type ScalarFactKey,
} from './facts.js';
export {
  METRIC_DIRECTIONS,
  METRIC_UNITS,
  type MetricDirection,
  type MetricUnit,
} from './metrics.js';
export {
  REPORT_FORMATS,
  REPORT_FORMAT_DEFINITIONS,
  type ReportFormat,
  type ReportFormatDefinition,
} from './reports.js';
export { TARGETING_OPS, type TargetingOp, type TargetingRule } from './targeting.js';
