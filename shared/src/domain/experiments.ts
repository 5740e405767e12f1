export const EXPERIMENT_STATUSES = ['DRAFT', 'RUNNING', 'PAUSED', 'HALTED', 'CONCLUDED'] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

export const EXPERIMENT_ACTIONS = ['START', 'PAUSE', 'HALT', 'CONCLUDE'] as const;
export type ExperimentAction = (typeof EXPERIMENT_ACTIONS)[number];

/**
 * Where each action takes an experiment from each status; an action missing is not
 * allowed. Concluding only from PAUSED (or HALTED) means hosts stop being enrolled
 * before the verdict is frozen, so the data a conclusion rests on cannot change under
 * it. HALTED is a stop because of harm: a guardrail worse beyond its margin or a
 * failed critical health check, on its own (when the experiment halts itself) or by
 * its owner; hosts go back to the stock stack, and START lifts the halt.
 */
export const EXPERIMENT_TRANSITIONS: Readonly<
  Record<ExperimentStatus, Readonly<Partial<Record<ExperimentAction, ExperimentStatus>>>>
> = {
  DRAFT: { START: 'RUNNING' },
  RUNNING: { PAUSE: 'PAUSED', HALT: 'HALTED' },
  PAUSED: { START: 'RUNNING', HALT: 'HALTED', CONCLUDE: 'CONCLUDED' },
  HALTED: { START: 'RUNNING', CONCLUDE: 'CONCLUDED' },
  CONCLUDED: {},
};

/** PRIMARY metrics decide the verdict; GUARDRAIL metrics must not get worse. */
export const METRIC_ROLES = ['PRIMARY', 'GUARDRAIL'] as const;
export type MetricRole = (typeof METRIC_ROLES)[number];

/** A host's membership of an experiment; its arm never changes once assigned. */
export const ENROLLMENT_STATUSES = ['OPTED_IN', 'OPTED_OUT'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

/** Where a host stands in an experiment, as host lists filter: its status, or never enrolled. */
export const ENROLLMENT_FILTERS = [...ENROLLMENT_STATUSES, 'NOT_ENROLLED'] as const;
export type EnrollmentFilter = (typeof ENROLLMENT_FILTERS)[number];
