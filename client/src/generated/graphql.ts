/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** PENDING: waiting for its first try or a retry. DELIVERED: the receiver answered 2xx. FAILED: still failing a day after the event (FLEETLAB_WEBHOOK_MAX_AGE_HOURS), given up. CANCELLED: not sent, the webhook was disabled first. */
export type AlertDeliveryStatus =
  | 'CANCELLED'
  | 'DELIVERED'
  | 'FAILED'
  | 'PENDING';

/** What an alert tells. Evidence: DECISION_CHANGED, GUARDRAIL_WORSE, HEALTH_CHECK_FAILED (sent only once every arm has its minimum of hosts). The experiment: HALTED, RESUMED, STAGE_ADVANCED, CONCLUDED. TEST: sent by sendWebhookTest only; no webhook subscribes to it. */
export type AlertEventType =
  | 'CONCLUDED'
  | 'DECISION_CHANGED'
  | 'GUARDRAIL_WORSE'
  | 'HALTED'
  | 'HEALTH_CHECK_FAILED'
  | 'RESUMED'
  | 'STAGE_ADVANCED'
  | 'TEST';

/** EXACT reads one value per host and metric (results equal R; cost grows with hosts). AGGREGATED reads per-arm aggregates the folder keeps (cost independent of hosts; Welch and CUPED equal, Mann-Whitney and Hodges-Lehmann from every host mean up to FLEETLAB_EXACT_RANKS_MAX_HOSTS hosts, above from 0.01%-wide buckets of them), for all hosts or a ROOT_FS_TYPE or ARCH segment over the whole experiment. AUTO takes AGGREGATED above FLEETLAB_EXACT_ANALYSIS_MAX_HOSTS enrolled hosts where it applies. */
export type AnalysisMethod =
  | 'AGGREGATED'
  | 'AUTO'
  | 'EXACT';

export type ArmInput = {
  /** Exactly one arm is the baseline (the stock stack). */
  baseline: boolean;
  /** Short slug-like key, unique within the experiment, e.g. "baseline". */
  key: string;
  name?: string | null | undefined;
  /** Packages of the stack as name-version-release. */
  packages?: Array<string> | null | undefined;
  repos?: Array<string> | null | undefined;
  /** Relative share of hosts; must be positive. */
  weight: number;
};

/** LOCAL: no sign-in, every visitor is the local admin (the embedded demo). TOKENS: people sign in. */
export type AuthMode =
  | 'LOCAL'
  | 'TOKENS';

export type CreateChangeInput = {
  description?: string | null | undefined;
  /** Lowercase letters, digits and hyphens, e.g. "rpm-cow". */
  slug: string;
  title: string;
  /** http(s) link to the upstream change page. */
  upstreamUrl?: string | null | undefined;
};

export type CreateExperimentInput = {
  arms: Array<ArmInput>;
  /** Halt on its own when a guardrail is worse beyond its margin or a critical health check fails (default false). */
  autoHalt?: boolean | null | undefined;
  changeSlug: string;
  hypothesis?: string | null | undefined;
  metrics: Array<ExperimentMetricInput>;
  /** Hosts per arm the experiment plans to reach. Its anytime-valid intervals are tuned to be narrowest there (valid at any number of hosts); 100 when not given. Better too low than too high: far below the plan they are wide. */
  plannedHostsPerArm?: number | null | undefined;
  slug: string;
  targeting?: Array<TargetingRuleInput> | null | undefined;
  title: string;
};

export type CreateWebhookInput = {
  /** The events it gets; left out, all of them (TEST is never subscribed to). */
  events?: Array<AlertEventType> | null | undefined;
  /** The experiment whose alerts it gets (its owner or an admin). Left out: every experiment’s (admins only). */
  experimentSlug?: string | null | undefined;
  format: WebhookFormat;
  /** What it is for, e.g. "#hyperscale-alerts on Slack". 1 to 200 characters. */
  name: string;
  /** Where to POST: an http(s) URL. Not link-local or metadata addresses; loopback and private networks only with FLEETLAB_WEBHOOK_ALLOW_PRIVATE. */
  url: string;
};

/** SHIP: a primary metric better, none worse, no guardrail worse beyond its margin. ROLL_BACK: a guardrail worse beyond its margin, a primary worse, or a failed critical health check (sample ratio, contamination). NO_EFFECT: every metric settled within its margin. KEEP_RUNNING: not settled yet. */
export type Decision =
  | 'KEEP_RUNNING'
  | 'NO_EFFECT'
  | 'ROLL_BACK'
  | 'SHIP';

export type DemoState =
  | 'FAILED'
  | 'LOADED'
  | 'LOADING'
  | 'NONE';

/** Where a host stands in the experiment named by `experimentSlug`. */
export type EnrollmentFilter =
  | 'NOT_ENROLLED'
  | 'OPTED_IN'
  | 'OPTED_OUT';

export type EnrollmentStatus =
  | 'OPTED_IN'
  | 'OPTED_OUT';

export type ExperimentMetricInput = {
  /** Relative non-inferiority margin: 0.02 tolerates a 2% degradation. */
  margin?: number | null | undefined;
  /** A key of the metric catalogue (the `metrics` query). */
  metric: string;
  role: MetricRole;
};

/** What the new-experiment form knows before the experiment exists: its arms, targeting and metrics (as createExperiment takes them) and what the operator expects of opting in. */
export type ExperimentPlanInput = {
  /** Only key, weight and baseline count here. */
  arms: Array<ArmInput>;
  metrics: Array<ExperimentMetricInput>;
  /** The relative effect to plan for on metrics without a margin (default 0.05: 5%), detected as BETTER or WORSE. */
  minDetectableEffect?: number | null | undefined;
  /** The share of the targeted hosts expected to opt in at all, from more than 0 up to 1 (default 1: all of them). */
  optInShare?: number | null | undefined;
  /** Hosts expected to opt in a day, all arms together (e.g. how many an opt-in by selector or the agents’ rollout adds daily). Without it the plan has no days. */
  optInsPerDay?: number | null | undefined;
  targeting?: Array<TargetingRuleInput> | null | undefined;
};

/** Lifecycle: DRAFT -> RUNNING <-> PAUSED -> CONCLUDED, and no other transitions. */
export type ExperimentStatus =
  | 'CONCLUDED'
  | 'DRAFT'
  | 'HALTED'
  | 'PAUSED'
  | 'RUNNING';

export type HealthStatus =
  | 'FAILED'
  | 'OK'
  | 'WARNING';

/** Selects hosts; every condition given must hold. */
export type HostFilterInput = {
  /** Hosts enrolled in this arm of `experimentSlug`. */
  armKey?: string | null | undefined;
  enrollment?: EnrollmentFilter | null | undefined;
  /** With `enrollment` or `armKey`: the experiment they refer to. */
  experimentSlug?: string | null | undefined;
  /** Conditions on host facts. */
  facts?: Array<TargetingRuleInput> | null | undefined;
  /** Case-insensitive part of the hostname. */
  hostnameContains?: string | null | undefined;
  ids?: Array<string | number> | null | undefined;
};

/** How intervals, p-values and verdicts are computed. SEQUENTIAL (the default): anytime-valid confidence sequences (Waudby-Smith et al. 2023), which hold at every look at once, so watching an experiment as it runs does not inflate its error rate; tuned to be narrowest at the experiment’s plannedHostsPerArm. FIXED_HORIZON: Welch’s t-test, valid only when the data are looked at once, at a number of hosts fixed in advance; looked at daily, an experiment without any effect shows BETTER or WORSE at some look about a quarter of the time. */
export type Inference =
  | 'FIXED_HORIZON'
  | 'SEQUENTIAL';

export type MetricDirection =
  | 'HIGHER_IS_BETTER'
  | 'LOWER_IS_BETTER';

/** PRIMARY metrics decide the verdict; GUARDRAIL metrics must not get worse. */
export type MetricRole =
  | 'GUARDRAIL'
  | 'PRIMARY';

/** VIEWER reads everything; OWNER also creates changes and experiments and runs their own; ADMIN does everything. */
export type Role =
  | 'ADMIN'
  | 'OWNER'
  | 'VIEWER';

/** ROOT_FS_TYPE and ARCH select hosts by their facts, LABEL by a host label; TRANSACTION_SIZE selects transactions by package count (values 1, 2-10, 11-100, 101+). */
export type SegmentDimension =
  | 'ARCH'
  | 'LABEL'
  | 'ROOT_FS_TYPE'
  | 'TRANSACTION_SIZE';

/** Compare only one stratum, e.g. {dimension: ROOT_FS_TYPE, value: "btrfs"} or {dimension: TRANSACTION_SIZE, value: "101+"}. */
export type SegmentInput = {
  dimension: SegmentDimension;
  value: string;
};

/** What settles a metric in a plan. NO_WORSE: a metric with a margin, planned for no true effect: its anytime-valid interval excludes a degradation beyond the margin. SIGNIFICANT: a metric without one, planned for the minimum detectable effect: BETTER or WORSE after Holm. */
export type SettledBy =
  | 'NO_WORSE'
  | 'SIGNIFICANT';

/** How a rule compares a host fact; GTE and LTE compare numbers, and versions as rpm does. */
export type TargetingOp =
  | 'EQ'
  | 'GTE'
  | 'IN'
  | 'LTE'
  | 'NEQ'
  | 'NOT_IN';

/** A condition on a host fact, e.g. rootFsType IN [btrfs, xfs]. */
export type TargetingRuleInput = {
  /** arch, osId, osVersion, kernel, rootFsType, reflink, cpus, memoryBytes, region, labels, or packages.<name>. */
  fact: string;
  op: TargetingOp;
  values: Array<string>;
};

/** BETTER: significant improvement (Holm-adjusted). NO_WORSE: the interval excludes a degradation beyond the margin. WORSE: significant degradation beyond the margin. INCONCLUSIVE: not yet; see hostsNeeded. Under the comparison’s inference (SEQUENTIAL by default: valid at every look). */
export type Verdict =
  | 'BETTER'
  | 'INCONCLUSIVE'
  | 'NO_WORSE'
  | 'WORSE';

/** GENERIC: Fleetlab’s JSON, signed with HMAC-SHA256 (Fleetlab-Signature). SLACK: a Slack incoming-webhook message (text and blocks; Mattermost reads it too). MATRIX: what Matrix webhook bridges read (hookshot’s text and html, and an m.room.message content). */
export type WebhookFormat =
  | 'GENERIC'
  | 'MATRIX'
  | 'SLACK';

/** Compare only samples observed in this time window. Rollups are daily, so the window covers whole UTC days: the day of `from` through the day of `to`. Either end may be open. */
export type WindowInput = {
  from?: string | null | undefined;
  to?: string | null | undefined;
};

export type ExperimentDecisionQueryVariables = Exact<{
  slug: string;
}>;


export type ExperimentDecisionQuery = { experiment: { slug: string, status: ExperimentStatus, decision: { decision: Decision, headline: string, hostsNeeded: number | null, costs: Array<{ metric: string, armKey: string, role: MetricRole, beyondMargin: boolean, sentence: string }>, benefits: Array<{ metric: string, armKey: string, sentence: string }>, failedChecks: Array<{ name: string, message: string }> } | null } };

export type DemoStatusQueryVariables = Exact<{ [key: string]: never; }>;


export type DemoStatusQuery = { demoStatus: { state: DemoState, hostsLoaded: number, hosts: number } };

export type AlertsPageQueryVariables = Exact<{
  experimentSlug?: string | null | undefined;
}>;


export type AlertsPageQuery = { webhooks: Array<{ id: string, name: string, destination: string, format: WebhookFormat, experimentSlug: string | null, events: Array<AlertEventType>, active: boolean, signed: boolean, createdBy: string | null, deliveries: Array<{ id: string, status: AlertDeliveryStatus, attempts: number, nextAttemptAt: string | null, lastStatusCode: number | null, lastError: string | null, event: { id: string, type: AlertEventType, sentence: string, occurredAt: string } }> }>, experiments: Array<{ slug: string, title: string, mayChange: boolean }> };

export type WebhookCardFragment = { id: string, name: string, destination: string, format: WebhookFormat, experimentSlug: string | null, events: Array<AlertEventType>, active: boolean, signed: boolean, createdBy: string | null, deliveries: Array<{ id: string, status: AlertDeliveryStatus, attempts: number, nextAttemptAt: string | null, lastStatusCode: number | null, lastError: string | null, event: { id: string, type: AlertEventType, sentence: string, occurredAt: string } }> };

export type SetWebhookActiveMutationVariables = Exact<{
  id: string | number;
  active: boolean;
}>;


export type SetWebhookActiveMutation = { updateWebhook: { id: string, active: boolean } };

export type DeleteWebhookMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteWebhookMutation = { deleteWebhook: string };

export type SendWebhookTestMutationVariables = Exact<{
  id: string | number;
}>;


export type SendWebhookTestMutation = { sendWebhookTest: { id: string } };

export type CreateWebhookMutationVariables = Exact<{
  input: CreateWebhookInput;
}>;


export type CreateWebhookMutation = { createWebhook: { signingSecret: string | null, webhook: { id: string, name: string } } };

export type ReportFiguresQueryVariables = Exact<{
  slug: string;
  window?: WindowInput | null | undefined;
}>;


export type ReportFiguresQuery = { experimentReport: { figures: Array<{ fileName: string, caption: string, downloadPath: string }> } };

export type ExperimentPageQueryVariables = Exact<{
  slug: string;
}>;


export type ExperimentPageQuery = { experiment: { slug: string, title: string, status: ExperimentStatus, hypothesis: string | null, startedAt: string | null, pausedAt: string | null, concludedAt: string | null, autoHalt: boolean, haltedAt: string | null, haltReason: string | null, hostsOptedIn: number, hostsOptedOut: number, owner: string | null, mayChange: boolean, change: { slug: string, title: string }, arms: Array<{ key: string, name: string | null, baseline: boolean, weight: number, hosts: number, packages: Array<string>, repos: Array<string> }>, targeting: Array<{ description: string }>, metrics: Array<{ metric: string, role: MetricRole, margin: number | null, definition: { title: string, unit: string, direction: MetricDirection } }>, funnel: { enrolled: number, optedIn: number, exposed: number, exposureUnknown: number, optedOut: number }, progress: { plannedHostsPerArm: number, defaultPlan: boolean, hostsPerArmNow: number, share: number, hostsPerArmPerDay: number | null, daysLeft: number | null, expectedEndDate: string | null, summary: string } | null } };

export type MetricsSummaryQueryVariables = Exact<{
  slug: string;
  segment?: SegmentInput | null | undefined;
  window?: WindowInput | null | undefined;
}>;


export type MetricsSummaryQuery = { experimentComparisons: Array<{ metric: string, method: AnalysisMethod, asOf: string, arms: Array<{ armKey: string, baseline: boolean, hosts: number, samples: number, mean: number | null }>, comparisons: Array<{ armKey: string, inference: Inference, absoluteDiff: number | null, relativeDiff: number | null, ciLow: number | null, ciHigh: number | null, p: number | null, adjustedP: number | null, verdict: Verdict, hostsNeeded: number | null }> }>, rollupStatus: { quarantinedSamples: number, quarantinedItems: number, quarantineReasons: Array<{ reason: string, samples: number }> } };

export type SegmentSummaryQueryVariables = Exact<{
  slug: string;
  metric: string;
  segment?: SegmentInput | null | undefined;
  window?: WindowInput | null | undefined;
}>;


export type SegmentSummaryQuery = { comparison: { segment: string | null, arms: Array<{ armKey: string, baseline: boolean, hosts: number, samples: number, mean: number | null }>, comparisons: Array<{ armKey: string, relativeDiff: number | null, ciLow: number | null, ciHigh: number | null, verdict: Verdict, hostsNeeded: number | null }> } };

export type MetricDetailQueryVariables = Exact<{
  slug: string;
  metric: string;
  segment?: SegmentInput | null | undefined;
  window?: WindowInput | null | undefined;
}>;


export type MetricDetailQuery = { comparison: { metric: string, segment: string | null, distributionOf: string, window: { from: string | null, to: string | null }, arms: Array<{ armKey: string, baseline: boolean, hosts: number, samples: number, mean: number | null, median: number | null, p90: number | null, p99: number | null }>, comparisons: Array<{ armKey: string, relativeDiff: number | null, ciLow: number | null, ciHigh: number | null, mannWhitneyP: number | null, hodgesLehmann: number | null, hlCiLow: number | null, hlCiHigh: number | null, cupedRelativeDiff: number | null }>, health: Array<{ name: string, status: HealthStatus, message: string }>, distributions: Array<{ armKey: string, bins: Array<{ from: number, to: number, count: number }>, ecdf: Array<{ value: number, fraction: number }> }>, timeSeries: Array<{ armKey: string, day: string, hosts: number, samples: number, mean: number, ciLow: number | null, ciHigh: number | null }> } };

export type SegmentValuesQueryVariables = Exact<{
  slug: string;
  dimension: SegmentDimension;
}>;


export type SegmentValuesQuery = { experiment: { slug: string, segmentValues: Array<string> } };

export type ExperimentUpdatedSubscriptionVariables = Exact<{
  slug: string;
}>;


export type ExperimentUpdatedSubscription = { experimentUpdated: { slug: string, reasons: Array<string>, at: string } };

export type StartExperimentMutationVariables = Exact<{
  slug: string;
}>;


export type StartExperimentMutation = { startExperiment: { slug: string, status: ExperimentStatus, startedAt: string | null, pausedAt: string | null } };

export type PauseExperimentMutationVariables = Exact<{
  slug: string;
}>;


export type PauseExperimentMutation = { pauseExperiment: { slug: string, status: ExperimentStatus, pausedAt: string | null } };

export type ConcludeExperimentMutationVariables = Exact<{
  slug: string;
}>;


export type ConcludeExperimentMutation = { concludeExperiment: { slug: string, status: ExperimentStatus, concludedAt: string | null } };

export type SegmentChoicesQueryVariables = Exact<{
  slug: string;
}>;


export type SegmentChoicesQuery = { experiment: { slug: string, fs: Array<string>, arch: Array<string>, size: Array<string> } };

export type HaltExperimentMutationVariables = Exact<{
  slug: string;
  reason?: string | null | undefined;
}>;


export type HaltExperimentMutation = { haltExperiment: { slug: string, status: ExperimentStatus, haltedAt: string | null, haltReason: string | null } };

export type SetAutoHaltMutationVariables = Exact<{
  slug: string;
  enabled: boolean;
}>;


export type SetAutoHaltMutation = { setAutoHalt: { slug: string, autoHalt: boolean } };

export type HostsPageQueryVariables = Exact<{
  filter?: HostFilterInput | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type HostsPageQuery = { hosts: { totalCount: number, pageInfo: { endCursor: string | null, hasNextPage: boolean }, nodes: Array<{ id: string, hostname: string | null, facts: unknown, lastSeenAt: string, enrollments: Array<{ status: EnrollmentStatus, experiment: { slug: string }, arm: { key: string } }> }> }, experiments: Array<{ slug: string, title: string, status: ExperimentStatus }> };

export type OptInHostsMutationVariables = Exact<{
  slug: string;
  hostIds?: Array<string | number> | string | number | null | undefined;
  selector?: HostFilterInput | null | undefined;
}>;


export type OptInHostsMutation = { optInHosts: Array<{ status: EnrollmentStatus, host: { id: string } }> };

export type OptOutHostsMutationVariables = Exact<{
  slug: string;
  hostIds?: Array<string | number> | string | number | null | undefined;
  selector?: HostFilterInput | null | undefined;
  reason?: string | null | undefined;
}>;


export type OptOutHostsMutation = { optOutHosts: Array<{ status: EnrollmentStatus, host: { id: string } }> };

export type OptInMatchingMutationVariables = Exact<{
  slug: string;
  selector: HostFilterInput;
}>;


export type OptInMatchingMutation = { optInMatching: { matched: number, changed: number, unchanged: number, notTargeted: number } };

export type OptOutMatchingMutationVariables = Exact<{
  slug: string;
  selector: HostFilterInput;
}>;


export type OptOutMatchingMutation = { optOutMatching: { matched: number, changed: number, unchanged: number, notTargeted: number } };

export type HostPageQueryVariables = Exact<{
  id: string | number;
}>;


export type HostPageQuery = { host: { id: string, hostname: string | null, machineIdHash: string | null, enrolledAt: string, lastSeenAt: string, facts: unknown, enrollments: Array<{ status: EnrollmentStatus, optedInAt: string, optedOutAt: string | null, optOutReason: string | null, experiment: { slug: string, title: string }, arm: { key: string } }>, recentSamples: Array<{ id: string, kind: string, observedAt: string, context: unknown, values: Array<{ metric: string, value: number }> }> } };

export type NewExperimentPlanQueryVariables = Exact<{
  input: ExperimentPlanInput;
}>;


export type NewExperimentPlanQuery = { experimentPlan: { eligibleHosts: number, historyDays: number, hostsRead: number, plannedHostsPerArm: number | null, limitingMetric: string | null, totalHosts: number | null, optedInHostsNeeded: number | null, daysNeeded: number | null, summary: string, notes: Array<string>, arms: Array<{ armKey: string, hosts: number }>, metrics: Array<{ metric: string, title: string, role: MetricRole, settledBy: SettledBy, effect: number, cv: number, usedDefaultCv: boolean, hostsPerArm: number | null, daysNeeded: number | null, history: { hosts: number, samples: number, mean: number | null, fromDay: string | null, toDay: string | null } }> } };

export type NewExperimentFormQueryVariables = Exact<{ [key: string]: never; }>;


export type NewExperimentFormQuery = { changes: Array<{ slug: string, title: string }>, metrics: Array<{ key: string, title: string, unit: string, direction: MetricDirection }> };

export type CreateChangeFromFormMutationVariables = Exact<{
  input: CreateChangeInput;
}>;


export type CreateChangeFromFormMutation = { createChange: { slug: string } };

export type CreateExperimentFromFormMutationVariables = Exact<{
  input: CreateExperimentInput;
}>;


export type CreateExperimentFromFormMutation = { createExperiment: { slug: string } };

export type OverviewQueryVariables = Exact<{ [key: string]: never; }>;


export type OverviewQuery = { changes: Array<{ slug: string, title: string, upstreamUrl: string | null }>, experiments: Array<{ slug: string, title: string, status: ExperimentStatus, startedAt: string | null, change: { slug: string }, arms: Array<{ key: string, baseline: boolean, hosts: number }> }> };

export type SessionQueryVariables = Exact<{ [key: string]: never; }>;


export type SessionQuery = { session: { mode: AuthMode, oidc: boolean, person: { name: string, role: Role } | null } };

export const WebhookCardFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebhookCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Webhook"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"destination"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"experimentSlug"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"signed"}},{"kind":"Field","name":{"kind":"Name","value":"createdBy"}},{"kind":"Field","name":{"kind":"Name","value":"deliveries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastStatusCode"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"sentence"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}}]}}]}}]}}]} as unknown as DocumentNode<WebhookCardFragment, unknown>;
export const ExperimentDecisionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ExperimentDecision"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"experiment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"slug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"decision"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"decision"}},{"kind":"Field","name":{"kind":"Name","value":"headline"}},{"kind":"Field","name":{"kind":"Name","value":"hostsNeeded"}},{"kind":"Field","name":{"kind":"Name","value":"costs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"armKey"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"beyondMargin"}},{"kind":"Field","name":{"kind":"Name","value":"sentence"}}]}},{"kind":"Field","name":{"kind":"Name","value":"benefits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"armKey"}},{"kind":"Field","name":{"kind":"Name","value":"sentence"}}]}},{"kind":"Field","name":{"kind":"Name","value":"failedChecks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ExperimentDecisionQuery, ExperimentDecisionQueryVariables>;
export const DemoStatusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DemoStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"demoStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"hostsLoaded"}},{"kind":"Field","name":{"kind":"Name","value":"hosts"}}]}}]}}]} as unknown as DocumentNode<DemoStatusQuery, DemoStatusQueryVariables>;
export const AlertsPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AlertsPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"experimentSlug"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"webhooks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"experimentSlug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"experimentSlug"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebhookCard"}}]}},{"kind":"Field","name":{"kind":"Name","value":"experiments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"mayChange"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebhookCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Webhook"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"destination"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"experimentSlug"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"signed"}},{"kind":"Field","name":{"kind":"Name","value":"createdBy"}},{"kind":"Field","name":{"kind":"Name","value":"deliveries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastStatusCode"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"sentence"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}}]}}]}}]}}]} as unknown as DocumentNode<AlertsPageQuery, AlertsPageQueryVariables>;
export const SetWebhookActiveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetWebhookActive"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"active"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateWebhook"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"active"},"value":{"kind":"Variable","name":{"kind":"Name","value":"active"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"active"}}]}}]}}]} as unknown as DocumentNode<SetWebhookActiveMutation, SetWebhookActiveMutationVariables>;
export const DeleteWebhookDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteWebhook"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteWebhook"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeleteWebhookMutation, DeleteWebhookMutationVariables>;
export const SendWebhookTestDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SendWebhookTest"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendWebhookTest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<SendWebhookTestMutation, SendWebhookTestMutationVariables>;
export const CreateWebhookDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateWebhook"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateWebhookInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createWebhook"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signingSecret"}},{"kind":"Field","name":{"kind":"Name","value":"webhook"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<CreateWebhookMutation, CreateWebhookMutationVariables>;
export const ReportFiguresDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReportFigures"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"window"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"WindowInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"experimentReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"experimentSlug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}},{"kind":"Argument","name":{"kind":"Name","value":"format"},"value":{"kind":"EnumValue","value":"MEDIAWIKI"}},{"kind":"Argument","name":{"kind":"Name","value":"window"},"value":{"kind":"Variable","name":{"kind":"Name","value":"window"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"figures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"caption"}},{"kind":"Field","name":{"kind":"Name","value":"downloadPath"}}]}}]}}]}}]} as unknown as DocumentNode<ReportFiguresQuery, ReportFiguresQueryVariables>;
export const ExperimentPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ExperimentPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"experiment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"slug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"hypothesis"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"pausedAt"}},{"kind":"Field","name":{"kind":"Name","value":"concludedAt"}},{"kind":"Field","name":{"kind":"Name","value":"autoHalt"}},{"kind":"Field","name":{"kind":"Name","value":"haltedAt"}},{"kind":"Field","name":{"kind":"Name","value":"haltReason"}},{"kind":"Field","name":{"kind":"Name","value":"hostsOptedIn"}},{"kind":"Field","name":{"kind":"Name","value":"hostsOptedOut"}},{"kind":"Field","name":{"kind":"Name","value":"owner"}},{"kind":"Field","name":{"kind":"Name","value":"mayChange"}},{"kind":"Field","name":{"kind":"Name","value":"change"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"arms"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"baseline"}},{"kind":"Field","name":{"kind":"Name","value":"weight"}},{"kind":"Field","name":{"kind":"Name","value":"hosts"}},{"kind":"Field","name":{"kind":"Name","value":"packages"}},{"kind":"Field","name":{"kind":"Name","value":"repos"}}]}},{"kind":"Field","name":{"kind":"Name","value":"targeting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"description"}}]}},{"kind":"Field","name":{"kind":"Name","value":"metrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"margin"}},{"kind":"Field","name":{"kind":"Name","value":"definition"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"funnel"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enrolled"}},{"kind":"Field","name":{"kind":"Name","value":"optedIn"}},{"kind":"Field","name":{"kind":"Name","value":"exposed"}},{"kind":"Field","name":{"kind":"Name","value":"exposureUnknown"}},{"kind":"Field","name":{"kind":"Name","value":"optedOut"}}]}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"plannedHostsPerArm"}},{"kind":"Field","name":{"kind":"Name","value":"defaultPlan"}},{"kind":"Field","name":{"kind":"Name","value":"hostsPerArmNow"}},{"kind":"Field","name":{"kind":"Name","value":"share"}},{"kind":"Field","name":{"kind":"Name","value":"hostsPerArmPerDay"}},{"kind":"Field","name":{"kind":"Name","value":"daysLeft"}},{"kind":"Field","name":{"kind":"Name","value":"expectedEndDate"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}}]}}]}}]}}]} as unknown as DocumentNode<ExperimentPageQuery, ExperimentPageQueryVariables>;
export const MetricsSummaryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MetricsSummary"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"segment"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SegmentInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"window"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"WindowInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"experimentComparisons"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"experimentSlug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}},{"kind":"Argument","name":{"kind":"Name","value":"segment"},"value":{"kind":"Variable","name":{"kind":"Name","value":"segment"}}},{"kind":"Argument","name":{"kind":"Name","value":"window"},"value":{"kind":"Variable","name":{"kind":"Name","value":"window"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"arms"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"armKey"}},{"kind":"Field","name":{"kind":"Name","value":"baseline"}},{"kind":"Field","name":{"kind":"Name","value":"hosts"}},{"kind":"Field","name":{"kind":"Name","value":"samples"}},{"kind":"Field","name":{"kind":"Name","value":"mean"}}]}},{"kind":"Field","name":{"kind":"Name","value":"comparisons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"armKey"}},{"kind":"Field","name":{"kind":"Name","value":"inference"}},{"kind":"Field","name":{"kind":"Name","value":"absoluteDiff"}},{"kind":"Field","name":{"kind":"Name","value":"relativeDiff"}},{"kind":"Field","name":{"kind":"Name","value":"ciLow"}},{"kind":"Field","name":{"kind":"Name","value":"ciHigh"}},{"kind":"Field","name":{"kind":"Name","value":"p"}},{"kind":"Field","name":{"kind":"Name","value":"adjustedP"}},{"kind":"Field","name":{"kind":"Name","value":"verdict"}},{"kind":"Field","name":{"kind":"Name","value":"hostsNeeded"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"rollupStatus"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"experimentSlug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"quarantinedSamples"}},{"kind":"Field","name":{"kind":"Name","value":"quarantinedItems"}},{"kind":"Field","name":{"kind":"Name","value":"quarantineReasons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"samples"}}]}}]}}]}}]} as unknown as DocumentNode<MetricsSummaryQuery, MetricsSummaryQueryVariables>;
export const SegmentSummaryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SegmentSummary"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"metric"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"segment"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SegmentInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"window"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"WindowInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"comparison"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"experimentSlug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}},{"kind":"Argument","name":{"kind":"Name","value":"metric"},"value":{"kind":"Variable","name":{"kind":"Name","value":"metric"}}},{"kind":"Argument","name":{"kind":"Name","value":"segment"},"value":{"kind":"Variable","name":{"kind":"Name","value":"segment"}}},{"kind":"Argument","name":{"kind":"Name","value":"window"},"value":{"kind":"Variable","name":{"kind":"Name","value":"window"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"segment"}},{"kind":"Field","name":{"kind":"Name","value":"arms"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"armKey"}},{"kind":"Field","name":{"kind":"Name","value":"baseline"}},{"kind":"Field","name":{"kind":"Name","value":"hosts"}},{"kind":"Field","name":{"kind":"Name","value":"samples"}},{"kind":"Field","name":{"kind":"Name","value":"mean"}}]}},{"kind":"Field","name":{"kind":"Name","value":"comparisons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"armKey"}},{"kind":"Field","name":{"kind":"Name","value":"relativeDiff"}},{"kind":"Field","name":{"kind":"Name","value":"ciLow"}},{"kind":"Field","name":{"kind":"Name","value":"ciHigh"}},{"kind":"Field","name":{"kind":"Name","value":"verdict"}},{"kind":"Field","name":{"kind":"Name","value":"hostsNeeded"}}]}}]}}]}}]} as unknown as DocumentNode<SegmentSummaryQuery, SegmentSummaryQueryVariables>;
export const MetricDetailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MetricDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"metric"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"segment"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SegmentInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"window"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"WindowInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"comparison"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"experimentSlug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}},{"kind":"Argument","name":{"kind":"Name","value":"metric"},"value":{"kind":"Variable","name":{"kind":"Name","value":"metric"}}},{"kind":"Argument","name":{"kind":"Name","value":"segment"},"value":{"kind":"Variable","name":{"kind":"Name","value":"segment"}}},{"kind":"Argument","name":{"kind":"Name","value":"window"},"value":{"kind":"Variable","name":{"kind":"Name","value":"window"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"segment"}},{"kind":"Field","name":{"kind":"Name","value":"window"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}}]}},{"kind":"Field","name":{"kind":"Name","value":"distributionOf"}},{"kind":"Field","name":{"kind":"Name","value":"arms"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"armKey"}},{"kind":"Field","name":{"kind":"Name","value":"baseline"}},{"kind":"Field","name":{"kind":"Name","value":"hosts"}},{"kind":"Field","name":{"kind":"Name","value":"samples"}},{"kind":"Field","name":{"kind":"Name","value":"mean"}},{"kind":"Field","name":{"kind":"Name","value":"median"}},{"kind":"Field","name":{"kind":"Name","value":"p90"}},{"kind":"Field","name":{"kind":"Name","value":"p99"}}]}},{"kind":"Field","name":{"kind":"Name","value":"comparisons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"armKey"}},{"kind":"Field","name":{"kind":"Name","value":"relativeDiff"}},{"kind":"Field","name":{"kind":"Name","value":"ciLow"}},{"kind":"Field","name":{"kind":"Name","value":"ciHigh"}},{"kind":"Field","name":{"kind":"Name","value":"mannWhitneyP"}},{"kind":"Field","name":{"kind":"Name","value":"hodgesLehmann"}},{"kind":"Field","name":{"kind":"Name","value":"hlCiLow"}},{"kind":"Field","name":{"kind":"Name","value":"hlCiHigh"}},{"kind":"Field","name":{"kind":"Name","value":"cupedRelativeDiff"}}]}},{"kind":"Field","name":{"kind":"Name","value":"health"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"distributions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"armKey"}},{"kind":"Field","name":{"kind":"Name","value":"bins"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ecdf"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"fraction"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"timeSeries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"armKey"}},{"kind":"Field","name":{"kind":"Name","value":"day"}},{"kind":"Field","name":{"kind":"Name","value":"hosts"}},{"kind":"Field","name":{"kind":"Name","value":"samples"}},{"kind":"Field","name":{"kind":"Name","value":"mean"}},{"kind":"Field","name":{"kind":"Name","value":"ciLow"}},{"kind":"Field","name":{"kind":"Name","value":"ciHigh"}}]}}]}}]}}]} as unknown as DocumentNode<MetricDetailQuery, MetricDetailQueryVariables>;
export const SegmentValuesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SegmentValues"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"dimension"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SegmentDimension"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"experiment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"slug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"segmentValues"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"dimension"},"value":{"kind":"Variable","name":{"kind":"Name","value":"dimension"}}}]}]}}]}}]} as unknown as DocumentNode<SegmentValuesQuery, SegmentValuesQueryVariables>;
export const ExperimentUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ExperimentUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"experimentUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"slug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}}]}}]} as unknown as DocumentNode<ExperimentUpdatedSubscription, ExperimentUpdatedSubscriptionVariables>;
export const StartExperimentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartExperiment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startExperiment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"slug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"pausedAt"}}]}}]}}]} as unknown as DocumentNode<StartExperimentMutation, StartExperimentMutationVariables>;
export const PauseExperimentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PauseExperiment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pauseExperiment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"slug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"pausedAt"}}]}}]}}]} as unknown as DocumentNode<PauseExperimentMutation, PauseExperimentMutationVariables>;
export const ConcludeExperimentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConcludeExperiment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"concludeExperiment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"slug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"concludedAt"}}]}}]}}]} as unknown as DocumentNode<ConcludeExperimentMutation, ConcludeExperimentMutationVariables>;
export const SegmentChoicesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SegmentChoices"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"experiment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"slug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","alias":{"kind":"Name","value":"fs"},"name":{"kind":"Name","value":"segmentValues"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"dimension"},"value":{"kind":"EnumValue","value":"ROOT_FS_TYPE"}}]},{"kind":"Field","alias":{"kind":"Name","value":"arch"},"name":{"kind":"Name","value":"segmentValues"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"dimension"},"value":{"kind":"EnumValue","value":"ARCH"}}]},{"kind":"Field","alias":{"kind":"Name","value":"size"},"name":{"kind":"Name","value":"segmentValues"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"dimension"},"value":{"kind":"EnumValue","value":"TRANSACTION_SIZE"}}]}]}}]}}]} as unknown as DocumentNode<SegmentChoicesQuery, SegmentChoicesQueryVariables>;
export const HaltExperimentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"HaltExperiment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"haltExperiment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"slug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"haltedAt"}},{"kind":"Field","name":{"kind":"Name","value":"haltReason"}}]}}]}}]} as unknown as DocumentNode<HaltExperimentMutation, HaltExperimentMutationVariables>;
export const SetAutoHaltDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetAutoHalt"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"enabled"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setAutoHalt"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"experimentSlug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}},{"kind":"Argument","name":{"kind":"Name","value":"enabled"},"value":{"kind":"Variable","name":{"kind":"Name","value":"enabled"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"autoHalt"}}]}}]}}]} as unknown as DocumentNode<SetAutoHaltMutation, SetAutoHaltMutationVariables>;
export const HostsPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"HostsPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"HostFilterInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hosts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endCursor"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"hostname"}},{"kind":"Field","name":{"kind":"Name","value":"facts"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeenAt"}},{"kind":"Field","name":{"kind":"Name","value":"enrollments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"experiment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"Field","name":{"kind":"Name","value":"arm"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"experiments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<HostsPageQuery, HostsPageQueryVariables>;
export const OptInHostsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OptInHosts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"hostIds"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"selector"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"HostFilterInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"optInHosts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"experimentSlug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}},{"kind":"Argument","name":{"kind":"Name","value":"hostIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"hostIds"}}},{"kind":"Argument","name":{"kind":"Name","value":"selector"},"value":{"kind":"Variable","name":{"kind":"Name","value":"selector"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"host"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<OptInHostsMutation, OptInHostsMutationVariables>;
export const OptOutHostsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OptOutHosts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"hostIds"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"selector"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"HostFilterInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"optOutHosts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"experimentSlug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}},{"kind":"Argument","name":{"kind":"Name","value":"hostIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"hostIds"}}},{"kind":"Argument","name":{"kind":"Name","value":"selector"},"value":{"kind":"Variable","name":{"kind":"Name","value":"selector"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"host"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<OptOutHostsMutation, OptOutHostsMutationVariables>;
export const OptInMatchingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OptInMatching"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"selector"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"HostFilterInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"optInMatching"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"experimentSlug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}},{"kind":"Argument","name":{"kind":"Name","value":"selector"},"value":{"kind":"Variable","name":{"kind":"Name","value":"selector"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"matched"}},{"kind":"Field","name":{"kind":"Name","value":"changed"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}},{"kind":"Field","name":{"kind":"Name","value":"notTargeted"}}]}}]}}]} as unknown as DocumentNode<OptInMatchingMutation, OptInMatchingMutationVariables>;
export const OptOutMatchingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OptOutMatching"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"selector"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"HostFilterInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"optOutMatching"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"experimentSlug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}},{"kind":"Argument","name":{"kind":"Name","value":"selector"},"value":{"kind":"Variable","name":{"kind":"Name","value":"selector"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"matched"}},{"kind":"Field","name":{"kind":"Name","value":"changed"}},{"kind":"Field","name":{"kind":"Name","value":"unchanged"}},{"kind":"Field","name":{"kind":"Name","value":"notTargeted"}}]}}]}}]} as unknown as DocumentNode<OptOutMatchingMutation, OptOutMatchingMutationVariables>;
export const HostPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"HostPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"host"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"hostname"}},{"kind":"Field","name":{"kind":"Name","value":"machineIdHash"}},{"kind":"Field","name":{"kind":"Name","value":"enrolledAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeenAt"}},{"kind":"Field","name":{"kind":"Name","value":"facts"}},{"kind":"Field","name":{"kind":"Name","value":"enrollments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"optedInAt"}},{"kind":"Field","name":{"kind":"Name","value":"optedOutAt"}},{"kind":"Field","name":{"kind":"Name","value":"optOutReason"}},{"kind":"Field","name":{"kind":"Name","value":"experiment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"arm"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"recentSamples"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"observedAt"}},{"kind":"Field","name":{"kind":"Name","value":"context"}},{"kind":"Field","name":{"kind":"Name","value":"values"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]}}]} as unknown as DocumentNode<HostPageQuery, HostPageQueryVariables>;
export const NewExperimentPlanDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NewExperimentPlan"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ExperimentPlanInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"experimentPlan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eligibleHosts"}},{"kind":"Field","name":{"kind":"Name","value":"historyDays"}},{"kind":"Field","name":{"kind":"Name","value":"hostsRead"}},{"kind":"Field","name":{"kind":"Name","value":"plannedHostsPerArm"}},{"kind":"Field","name":{"kind":"Name","value":"limitingMetric"}},{"kind":"Field","name":{"kind":"Name","value":"totalHosts"}},{"kind":"Field","name":{"kind":"Name","value":"optedInHostsNeeded"}},{"kind":"Field","name":{"kind":"Name","value":"daysNeeded"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"notes"}},{"kind":"Field","name":{"kind":"Name","value":"arms"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"armKey"}},{"kind":"Field","name":{"kind":"Name","value":"hosts"}}]}},{"kind":"Field","name":{"kind":"Name","value":"metrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"settledBy"}},{"kind":"Field","name":{"kind":"Name","value":"effect"}},{"kind":"Field","name":{"kind":"Name","value":"cv"}},{"kind":"Field","name":{"kind":"Name","value":"usedDefaultCv"}},{"kind":"Field","name":{"kind":"Name","value":"hostsPerArm"}},{"kind":"Field","name":{"kind":"Name","value":"daysNeeded"}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hosts"}},{"kind":"Field","name":{"kind":"Name","value":"samples"}},{"kind":"Field","name":{"kind":"Name","value":"mean"}},{"kind":"Field","name":{"kind":"Name","value":"fromDay"}},{"kind":"Field","name":{"kind":"Name","value":"toDay"}}]}}]}}]}}]}}]} as unknown as DocumentNode<NewExperimentPlanQuery, NewExperimentPlanQueryVariables>;
export const NewExperimentFormDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NewExperimentForm"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"metrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}}]}}]}}]} as unknown as DocumentNode<NewExperimentFormQuery, NewExperimentFormQueryVariables>;
export const CreateChangeFromFormDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateChangeFromForm"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateChangeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createChange"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}}]}}]} as unknown as DocumentNode<CreateChangeFromFormMutation, CreateChangeFromFormMutationVariables>;
export const CreateExperimentFromFormDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateExperimentFromForm"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateExperimentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createExperiment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}}]}}]} as unknown as DocumentNode<CreateExperimentFromFormMutation, CreateExperimentFromFormMutationVariables>;
export const OverviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Overview"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"upstreamUrl"}}]}},{"kind":"Field","name":{"kind":"Name","value":"experiments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"change"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"Field","name":{"kind":"Name","value":"arms"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"baseline"}},{"kind":"Field","name":{"kind":"Name","value":"hosts"}}]}}]}}]}}]} as unknown as DocumentNode<OverviewQuery, OverviewQueryVariables>;
export const SessionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Session"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"session"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mode"}},{"kind":"Field","name":{"kind":"Name","value":"oidc"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]}}]} as unknown as DocumentNode<SessionQuery, SessionQueryVariables>;