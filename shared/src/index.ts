export type { Problem } from './problem.js';
export {
  describeValue,
  hasControlCharacters,
  hasLoneSurrogate,
  isPlainObject,
} from './describe-value.js';
export { SLUG_PATTERN, slugProblem } from './slug.js';
export { readTimestamp, type TimestampReading } from './timestamp.js';

export {
  METRICS,
  METRIC_KEYS,
  SAMPLE_KINDS,
  findMetric,
  findSampleKind,
  type MetricDefinition,
  type MetricDirection,
  type MetricUnit,
  type SampleKindDefinition,
} from './metrics/metric-catalogue.js';
export { metricValueProblem } from './metrics/metric-value.js';

export { compareEvr, compareVersions, type Comparison } from './facts/version-compare.js';
export {
  FACT_KEYS,
  LABEL_PATTERN,
  isFactKey,
  validateHostFacts,
  type FactKey,
  type HostFacts,
} from './facts/host-facts.js';
export {
  FACT_KINDS,
  PACKAGE_FACT_PREFIX,
  factKind,
  factValue,
  type FactKind,
  type ScalarFactKey,
} from './facts/fact-kinds.js';

export {
  RPM_NAME_PATTERN,
  formatPackageNvr,
  isRpmName,
  parsePackageNvr,
  parseVersionRelease,
  type PackageNvr,
  type VersionRelease,
} from './packages/nevra.js';

export {
  TARGETING_OPS,
  describeRule,
  isTargetingOp,
  type TargetingOp,
  type TargetingRule,
} from './targeting/targeting.js';
export { targetingRuleProblem } from './targeting/targeting-rule-problem.js';
export { firstUnmatchedRule, ruleMatches } from './targeting/rule-matches.js';

export {
  BUCKET_COUNT,
  BUCKET_SQL,
  assignArm,
  bucketOf,
  bucketRanges,
  type BucketRange,
  type WeightedArm,
} from './assignment/assign-arm.js';

export {
  EXPERIMENT_ACTIONS,
  EXPERIMENT_STATUSES,
  allowedActions,
  transition,
  type ExperimentAction,
  type ExperimentStatus,
} from './experiments/lifecycle.js';
export {
  CRITICAL_HEALTH_CHECKS,
  DECISIONS,
  decideExperiment,
  describeOutcome,
  type ArmResult,
  type Decision,
  type ExperimentDecision,
  type HealthResult,
  type MetricResult,
  type Outcome,
} from './experiments/decision.js';
export {
  METRIC_ROLES,
  type ArmDefinition,
  type ExperimentDefinition,
  type ExperimentMetricDefinition,
  type MetricRole,
} from './experiments/experiment-definition.js';
export {
  MAX_ARM_WEIGHT,
  armKeyProblem,
  armWeightProblem,
  validateArmWeights,
  validateArms,
} from './experiments/validate-arms.js';
export { validateExperimentMetrics } from './experiments/validate-experiment-metrics.js';
export {
  MAX_PLANNED_HOSTS_PER_ARM,
  validateExperimentDefinition,
} from './experiments/validate-experiment.js';

export {
  SAMPLE_ID_PATTERN,
  sampleFingerprint,
  validateSample,
  type ContextValue,
  type SampleInputShape,
  type SampleRejectCode,
  type SampleRejection,
  type SampleRules,
  type ValidSample,
} from './telemetry/validate-sample.js';
export type { MetricValueInput, SampleInput } from './telemetry/sample-input.js';
export {
  sampleTableOf,
  samplesOfTable,
  type MalformedRow,
  type SampleTable,
} from './telemetry/sample-table.js';
export {
  TRANSACTION_SIZE_CLASSES,
  TRANSACTION_SIZE_CLASS_SQL,
  transactionSizeClass,
  type TransactionSizeClass,
} from './telemetry/transaction-size.js';

export {
  HOST_MEAN_SCALE,
  logBucketScale,
  SKETCH_MIN_MAGNITUDE,
  SKETCH_RELATIVE_ACCURACY,
  SKETCH_SCALE,
  type LogBucketScale,
  sketchBucketBounds,
  sketchBucketOf,
  sketchBucketValue,
} from './sketch/log-buckets.js';
export {
  addValue,
  emptyHistogram,
  histogramBins,
  histogramKeyRange,
  histogramCount,
  histogramFromBuckets,
  histogramMax,
  histogramMin,
  histogramOf,
  mergeHistograms,
  quantile,
  type Histogram,
  type HistogramBin,
  type HistogramBucket,
} from './sketch/histogram.js';

export {
  armMoments,
  welchFromMoments,
  welchTest,
  type ArmMoments,
  type WelchResult,
} from './stats/welch.js';
export {
  mannWhitney,
  mannWhitneyFromCounts,
  noMannWhitney,
  type CountedValue,
  type MannWhitneyResult,
} from './stats/mann-whitney.js';
export {
  cuped,
  cupedFromMoments,
  cupedMoments,
  type CupedHost,
  type CupedMoments,
  type CupedResult,
} from './stats/cuped.js';
export { SRM_P_THRESHOLD, sampleRatioMismatch, type SampleRatioMismatch } from './stats/srm.js';
export { holm } from './stats/holm.js';
export {
  DEFAULT_PLANNED_HOSTS_PER_ARM,
  SEQUENTIAL_ALPHA,
  anytimeValidP,
  boundaryMultiplier,
  confidenceSequence,
  mixingRho2,
  sequentialCupedFromMoments,
  sequentialFromMoments,
  type SequentialPlan,
  type SequentialResult,
} from './stats/confidence-sequence.js';
export {
  INFERENCES,
  inferDifference,
  judgeMetric,
  type Inference,
  type InferredDifference,
  type JudgeMetricOptions,
  type JudgedMetric,
  type MetricArms,
} from './stats/judge-metric.js';
export {
  SRM_DIRICHLET_CONCENTRATION,
  sequentialSampleRatioMismatch,
  type SequentialSampleRatio,
} from './stats/sequential-srm.js';
export { meanInterval, meanIntervalFromMoments, type MeanInterval } from './stats/mean-interval.js';
export { lowerRankQuantiles, quantilesType7 } from './stats/quantile.js';
export {
  DEFAULT_MIN_DETECTABLE_EFFECT,
  DEFAULT_PLAN_CV,
  MIN_PLANNED_HOSTS_PER_ARM,
  PLAN_POWER,
  halfWidthMultiplier,
  hostsAtPlan,
  hostsNeeded,
  planExperiment,
  settlingTarget,
  type ExperimentPlan,
  type HostsNeededInput,
  type MetricPlan,
  type MetricPlanInput,
  type PlanArm,
  type PlanInput,
  type SettledBy,
  type SettlingTarget,
} from './stats/plan.js';
export {
  MAX_PROJECTED_DAYS,
  daysToPlan,
  experimentProgress,
  type DaysToPlan,
  type ExperimentProgress,
  type OptInExpectation,
  type ProgressArm,
  type ProgressInput,
} from './experiments/schedule.js';
export { VERDICTS, verdict, type Verdict, type VerdictInput } from './stats/verdict.js';
export { independenceTest, type IndependenceTest } from './stats/independence.js';
export { stackMatches } from './packages/stack-match.js';

export {
  REPORT_FORMATS,
  REPORT_FORMAT_DEFINITIONS,
  reportFileName,
  reportFormatDefinition,
  reportFormatOfExtension,
  reportPath,
  type ReportFormat,
  type ReportFormatDefinition,
} from './reports/report-formats.js';
