import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { experimentProgress } from '@fleetlab/shared';
import { sequentialPlanOf } from '../analysis/arm-comparison.js';
import { Experiment } from '../experiments/experiment.model.js';
import { ExperimentProgress } from './experiment-progress.model.js';

@Resolver(() => Experiment)
export class ProgressResolver {
  @ResolveField(() => ExperimentProgress, {
    nullable: true,
    description:
      'How far it is toward its plannedHostsPerArm and when it likely gets there at the pace since it started; null for a draft.',
  })
  progress(@Parent() experiment: Experiment): ExperimentProgress | null {
    if (experiment.status === 'DRAFT') return null;
    const planned = sequentialPlanOf(experiment).plannedHostsPerArm;
    const progress = experimentProgress({
      plannedHostsPerArm: planned,
      arms: experiment.arms,
      status: experiment.status,
      startedAt: experiment.startedAt,
      now: new Date(),
    });
    return {
      plannedHostsPerArm: planned,
      defaultPlan: experiment.plannedHostsPerArm === null,
      hostsPerArmNow: progress.hostsPerArmNow,
      share: progress.share,
      hostsPerArmPerDay: progress.hostsPerArmPerDay,
      daysLeft: progress.daysLeft,
      expectedEndDate: progress.expectedEndAt,
      summary: progress.summary,
    };
  }
}
