import { Field, Float, InputType } from '@nestjs/graphql';
import { ArmInput, ExperimentMetricInput } from '../../experiments/dto/create-experiment.input.js';
import { TargetingRuleInput } from '../../targeting/targeting-rule.input.js';

@InputType({
  description:
    'What the new-experiment form knows before the experiment exists: its arms, targeting and metrics (as createExperiment takes them) and what the operator expects of opting in.',
})
export class ExperimentPlanInput {
  @Field(() => [ArmInput], { description: 'Only key, weight and baseline count here.' })
  arms: ArmInput[];

  @Field(() => [TargetingRuleInput], { nullable: true })
  targeting?: TargetingRuleInput[] | null;

  @Field(() => [ExperimentMetricInput])
  metrics: ExperimentMetricInput[];

  @Field(() => Float, {
    nullable: true,
    description:
      'The share of the targeted hosts expected to opt in at all, from more than 0 up to 1 (default 1: all of them).',
  })
  optInShare?: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Hosts expected to opt in a day, all arms together (e.g. how many an opt-in by selector or the agents’ rollout adds daily). Without it the plan has no days.',
  })
  optInsPerDay?: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'The relative effect to plan for on metrics without a margin (default 0.05: 5%), detected as BETTER or WORSE.',
  })
  minDetectableEffect?: number | null;
}
