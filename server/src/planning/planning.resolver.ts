import { Args, Query, Resolver } from '@nestjs/graphql';
import { Access } from '../access/access.decorator.js';
import { ExperimentPlanInput } from './dto/experiment-plan.input.js';
import { ExperimentPlan } from './experiment-plan.model.js';
import { PlanningService } from './planning.service.js';

// Anyone who may read the fleet may plan: a plan reads what VIEWERs read anyway
// (hosts' facts and samples, summarised), changes nothing, and costs a bounded read.
@Access('VIEWER')
@Resolver(() => ExperimentPlan)
export class PlanningResolver {
  constructor(private readonly planning: PlanningService) {}

  @Query(() => ExperimentPlan, {
    description:
      'Before creating an experiment: the hosts per arm (its plannedHostsPerArm) and the days of opting in its primary metrics and guardrails need to settle with 80% power under the anytime-valid test, from the targeted hosts’ own samples of the last 28 days.',
  })
  experimentPlan(@Args('input') input: ExperimentPlanInput): Promise<ExperimentPlan> {
    return this.planning.plan(input);
  }
}
