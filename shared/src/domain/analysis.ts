export const VERDICTS = ['BETTER', 'NO_WORSE', 'WORSE', 'INCONCLUSIVE'] as const;
export type Verdict = (typeof VERDICTS)[number];

/**
 * What the folder sets aside when it cannot fold it: a BATCH of samples as a host sent
 * it, or an ENROLLMENT whose history or tally fails.
 */
export const QUARANTINE_KINDS = ['BATCH', 'ENROLLMENT'] as const;
export type QuarantineKind = (typeof QUARANTINE_KINDS)[number];

/**
 * How a comparison's intervals, p-values and verdicts are computed. SEQUENTIAL:
 * anytime-valid confidence sequences, which hold at every look at once, so watching an
 * experiment as it runs does not inflate its errors (the default). FIXED_HORIZON:
 * Welch's t-test, valid only when the data are looked at once, at a size fixed in
 * advance.
 */
export const INFERENCES = ['SEQUENTIAL', 'FIXED_HORIZON'] as const;
export type Inference = (typeof INFERENCES)[number];

/**
 * What an experiment's evidence says to do, from its primary metrics and guardrails:
 * SHIP (a primary better, none worse, no guardrail worse beyond its margin),
 * ROLL_BACK (a guardrail worse beyond its margin, a primary worse, or a failed critical
 * health check), NO_EFFECT (every metric within its margin), KEEP_RUNNING (not settled).
 */
export const DECISIONS = ['SHIP', 'ROLL_BACK', 'KEEP_RUNNING', 'NO_EFFECT'] as const;
export type Decision = (typeof DECISIONS)[number];

export const HEALTH_STATUSES = ['OK', 'WARNING', 'FAILED'] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

/**
 * EXACT: from one value per host and metric (results equal R's; cost grows with hosts).
 * AGGREGATED: from per-arm aggregates (cost does not grow with hosts; all hosts or a
 * ROOT_FS_TYPE or ARCH segment, whole experiment). AUTO: AGGREGATED for experiments
 * over FLEETLAB_EXACT_ANALYSIS_MAX_HOSTS hosts where it applies, else EXACT.
 */
export const ANALYSIS_METHODS = ['AUTO', 'EXACT', 'AGGREGATED'] as const;
export type AnalysisMethod = (typeof ANALYSIS_METHODS)[number];

/**
 * What a comparison can be limited to or broken down by: ROOT_FS_TYPE and ARCH select
 * hosts by their facts, LABEL by a host label, TRANSACTION_SIZE transactions by their
 * package count (one of TRANSACTION_SIZE_CLASSES).
 */
export const SEGMENT_DIMENSIONS = ['ROOT_FS_TYPE', 'ARCH', 'TRANSACTION_SIZE', 'LABEL'] as const;
export type SegmentDimension = (typeof SEGMENT_DIMENSIONS)[number];

/**
 * Transactions fall into size classes by how many packages they touch: a one-package
 * install behaves differently from a 300-package distro upgrade, and a change such as
 * RPM copy-on-write may help one and not the other. Samples without a package count
 * (disk snapshots, boots) have no size class.
 */
export const TRANSACTION_SIZE_CLASSES = ['1', '2-10', '11-100', '101+'] as const;
export type TransactionSizeClass = (typeof TRANSACTION_SIZE_CLASSES)[number];

/**
 * What settles a metric in a plan: NO_WORSE (a metric with a margin: its interval
 * excludes a degradation beyond the margin, planned for no true effect) or SIGNIFICANT
 * (a metric without one: better or worse after Holm, planned for the minimum
 * detectable effect).
 */
export const SETTLED_BY = ['NO_WORSE', 'SIGNIFICANT'] as const;
export type SettledBy = (typeof SETTLED_BY)[number];
