import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Experiment } from '../experiments/experiment.model.js';
import { ExperimentDecision } from './decision.model.js';
import { DecisionService } from './decision.service.js';

@Resolver(() => Experiment)
export class DecisionResolver {
  constructor(private readonly decisions: DecisionService) {}

  @ResolveField(() => ExperimentDecision, {
    nullable: true,
    description:
      'What the evidence says to do (SHIP, ROLL_BACK, KEEP_RUNNING, NO_EFFECT), with costs beside benefits; null for a draft.',
  })
  decision(@Parent() experiment: Experiment): Promise<ExperimentDecision> | null {
    return experiment.status === 'DRAFT' ? null : this.decisions.of(experiment.slug);
  }
}
