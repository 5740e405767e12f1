import type { EntityManager } from 'typeorm';
import { assertSlug } from '../common/assert-slug.js';
import { badInput } from '../common/graphql-errors.js';
import type { ExperimentEntity } from '../experiments/experiment.entity.js';
import type { ExperimentsService } from '../experiments/experiments.service.js';
import { LOCK_EXPERIMENT_SQL } from './enrollment.queries.js';

// When hosts may opt in or out, for one host at a time and for a selector alike.

/** Reads the experiment and holds its state and weights still until the transaction ends. */
export async function lockExperiment(
  experiments: ExperimentsService,
  manager: EntityManager,
  slug: string,
): Promise<ExperimentEntity> {
  assertSlug(slug, 'experiment', 'experimentSlug');
  await manager.query(LOCK_EXPERIMENT_SQL, [slug]);
  return experiments.bySlug(slug, manager);
}

/** Hosts opt in only while the experiment runs. */
export function assertOptInOpen(experiment: ExperimentEntity): void {
  if (experiment.status === 'RUNNING') return;
  throw badInput(
    `Experiment "${experiment.slug}" is ${experiment.status.toLowerCase()}; hosts can opt in only while it is running` +
      (experiment.status === 'DRAFT' || experiment.status === 'PAUSED'
        ? ' (startExperiment).'
        : experiment.status === 'HALTED'
          ? `; it halted: ${experiment.haltReason ?? 'see the experiment page'}`
          : '.'),
    { reason: 'NOT_RUNNING', status: experiment.status },
  );
}

/** Once an experiment is concluded its enrollments are final. */
export function assertOptOutOpen(experiment: ExperimentEntity): void {
  if (experiment.status !== 'CONCLUDED') return;
  throw badInput(
    `Experiment "${experiment.slug}" is concluded; its enrollments are final and no host needs to opt out.`,
    { reason: 'CONCLUDED', status: experiment.status },
  );
}
