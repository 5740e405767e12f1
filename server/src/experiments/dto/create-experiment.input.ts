import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { TargetingRuleInput } from '../../targeting/targeting-rule.input.js';
import { MetricRole } from '../experiment.enums.js';

@InputType()
export class ArmInput {
  @Field({ description: 'Short slug-like key, unique within the experiment, e.g. "baseline".' })
  key: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => Int, { description: 'Relative share of hosts; must be positive.' })
  weight: number;

  @Field({ description: 'Exactly one arm is the baseline (the stock stack).' })
  baseline: boolean;

  @Field(() => [String], {
    nullable: true,
    description: 'Packages of the stack as name-version-release.',
  })
  packages?: string[] | null;

  @Field(() => [String], { nullable: true })
  repos?: string[] | null;
}

@InputType()
export class ExperimentMetricInput {
  @Field({ description: 'A key of the metric catalogue (the `metrics` query).' })
  metric: string;

  @Field(() => MetricRole)
  role: MetricRole;

  @Field(() => Float, {
    nullable: true,
    description: 'Relative non-inferiority margin: 0.02 tolerates a 2% degradation.',
  })
  margin?: number | null;
}

@InputType()
export class CreateExperimentInput {
  @Field()
  changeSlug: string;

  @Field()
  slug: string;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  hypothesis?: string | null;

  @Field(() => [ArmInput])
  arms: ArmInput[];

  @Field(() => [TargetingRuleInput], { nullable: true })
  targeting?: TargetingRuleInput[] | null;

  @Field(() => [ExperimentMetricInput])
  metrics: ExperimentMetricInput[];

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Halt on its own when a guardrail is worse beyond its margin or a critical health check fails (default false).',
  })
  autoHalt?: boolean | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Hosts per arm the experiment plans to reach. Its anytime-valid intervals are tuned to be narrowest there ' +
      '(valid at any number of hosts); 100 when not given. Better too low than too high: far below the plan they are wide.',
  })
  plannedHostsPerArm?: number | null;
}
