import { registerEnumType } from '@nestjs/graphql';

export enum ExperimentStatus {
  DRAFT = 'DRAFT',
  RUNNING = 'RUNNING',
  PAUSED = 'PAUSED',
  CONCLUDED = 'CONCLUDED',
}

registerEnumType(ExperimentStatus, {
  name: 'ExperimentStatus',
  description: 'Lifecycle: DRAFT -> RUNNING <-> PAUSED -> CONCLUDED, and no other transitions.',
});

export enum MetricRole {
  PRIMARY = 'PRIMARY',
  GUARDRAIL = 'GUARDRAIL',
}

registerEnumType(MetricRole, {
  name: 'MetricRole',
  description: 'PRIMARY metrics decide the verdict; GUARDRAIL metrics must not get worse.',
});
