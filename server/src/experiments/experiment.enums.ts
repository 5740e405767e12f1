import {
  EXPERIMENT_STATUSES,
  METRIC_ROLES,
  type ExperimentStatus as Status,
  type MetricRole as Role,
} from '@fleetlab/shared/domain';
import { graphqlEnum } from '../common/graphql-enum.js';

export const ExperimentStatus = graphqlEnum(EXPERIMENT_STATUSES, {
  name: 'ExperimentStatus',
  description: 'Lifecycle: DRAFT -> RUNNING <-> PAUSED -> CONCLUDED, and no other transitions.',
});
export type ExperimentStatus = Status;

export const MetricRole = graphqlEnum(METRIC_ROLES, {
  name: 'MetricRole',
  description: 'PRIMARY metrics decide the verdict; GUARDRAIL metrics must not get worse.',
});
export type MetricRole = Role;
