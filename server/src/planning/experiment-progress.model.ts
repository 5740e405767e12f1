import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({
  description:
    'How far a started experiment is toward its plannedHostsPerArm, and when it likely gets there at the pace hosts have opted in since it started.',
})
export class ExperimentProgress {
  @Field(() => Int, { description: 'The stored plan, or 100 when it names none.' })
  plannedHostsPerArm: number;

  @Field({ description: 'Whether the experiment named no plan, so the default 100 is used.' })
  defaultPlan: boolean;

  @Field(() => Float, {
    description:
      'Hosts opted in now: the mean of the baseline’s and the largest treatment arm’s, as the plan counts.',
  })
  hostsPerArmNow: number;

  @Field(() => Float, {
    description: 'hostsPerArmNow / plannedHostsPerArm; above 1 past the plan.',
  })
  share: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Hosts per arm gained a day since it started.',
  })
  hostsPerArmPerDay: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Days left at that pace: 0 once reached; null when it cannot be said (see summary).',
  })
  daysLeft: number | null;

  @Field(() => Date, { nullable: true, description: 'When the plan is likely reached (UTC).' })
  expectedEndDate: Date | null;

  @Field({
    description: 'The progress in one sentence, and why there is no date when there is none.',
  })
  summary: string;
}
