import { ApiTokenEntity } from '../access/api-token.entity.js';
import { PersonEntity } from '../access/person.entity.js';
import { AuditEventEntity } from '../audit/audit-event.entity.js';
import { ChangeEntity } from '../changes/change.entity.js';
import { EnrollSecretEntity } from '../enroll-secrets/enroll-secret.entity.js';
import { EnrollmentEntity } from '../enrollment/enrollment.entity.js';
import { ArmEntity } from '../experiments/arm.entity.js';
import { ExperimentMetricEntity } from '../experiments/experiment-metric.entity.js';
import { ExperimentEntity } from '../experiments/experiment.entity.js';
import { HostTokenEntity } from '../hosts/host-token.entity.js';
import { HostEntity } from '../hosts/host.entity.js';

export const ENTITIES = [
  ChangeEntity,
  ExperimentEntity,
  ArmEntity,
  ExperimentMetricEntity,
  EnrollSecretEntity,
  HostEntity,
  HostTokenEntity,
  EnrollmentEntity,
  PersonEntity,
  ApiTokenEntity,
  AuditEventEntity,
];
