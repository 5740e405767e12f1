import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { SETTLED_BY, type SettledBy as SettledByValue } from '@fleetlab/shared/domain';
import { graphqlEnum } from '../common/graphql-enum.js';
import { MetricRole } from '../experiments/experiment.enums.js';

export const SettledBy = graphqlEnum(SETTLED_BY, {
  name: 'SettledBy',
  description:
    'What settles a metric in a plan. NO_WORSE: a metric with a margin, planned for no true effect: its anytime-valid interval excludes a degradation beyond the margin. SIGNIFICANT: a metric without one, planned for the minimum detectable effect: BETTER or WORSE after Holm.',
});
export type SettledBy = SettledByValue;

@ObjectType({ description: 'What the targeted hosts’ own recent samples say of one metric.' })
export class MetricHistory {
  @Field(() => Int, { description: 'Targeted hosts that reported the metric in the days read.' })
  hosts: number;

  @Field(() => Float, { description: 'Their samples read (at most 50 per host and sample kind).' })
  samples: number;

  @Field(() => Float, { nullable: true, description: 'The mean of the host means.' })
  mean: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Coefficient of variation of the host means: their standard deviation / mean.',
  })
  cv: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'The first day (UTC) a sample was read from.',
  })
  fromDay: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The last day (UTC) a sample was read from.',
  })
  toDay: string | null;
}

@ObjectType({ description: 'What one metric needs to settle, planned for alone.' })
export class MetricPlan {
  @Field()
  metric: string;

  @Field()
  title: string;

  @Field(() => MetricRole)
  role: MetricRole;

  @Field(() => Float, { nullable: true, description: 'Relative margin (0.02 = 2%).' })
  margin: number | null;

  @Field(() => SettledBy)
  settledBy: SettledBy;

  @Field(() => Float, {
    description:
      'The relative change the interval must clear: the margin, or the minimum detectable effect.',
  })
  effect: number;

  @Field(() => MetricHistory)
  history: MetricHistory;

  @Field(() => Float, { description: 'The CV planned with: the history’s, or the default.' })
  cv: number;

  @Field({ description: 'Whether the default CV was used for want of history.' })
  usedDefaultCv: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'Hosts per arm (with data) it needs alone; null when no fleet could settle it.',
  })
  hostsPerArm: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Hosts to opt in (all arms) for that many with data, given the share of targeted hosts that report it.',
  })
  optedInHostsNeeded: number | null;

  @Field(() => Int, { nullable: true, description: 'Days of opting in at the expected pace.' })
  daysNeeded: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why the history was not used, or why it cannot settle.',
  })
  note: string | null;
}

@ObjectType()
export class ArmPlan {
  @Field()
  armKey: string;

  @Field(() => Int, { description: 'Hosts with data in this arm when the plan is reached.' })
  hosts: number;
}

@ObjectType({
  description:
    'How many hosts, and how many days, an experiment needs so that its primary metrics and guardrails settle with 80% power under the anytime-valid test; see docs/statistics.md, Planning.',
})
export class ExperimentPlan {
  @Field(() => Int, { description: 'Hosts the targeting matches now (not revoked).' })
  eligibleHosts: number;

  @Field(() => Int, { description: 'How many days back the history reaches.' })
  historyDays: number;

  @Field(() => Int, {
    description:
      'Targeted hosts whose samples were read: a random sample of at most 5,000, leaving out hosts opted in to a treatment arm.',
  })
  hostsRead: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'The plan: create the experiment with this plannedHostsPerArm. The largest need of its metrics; null when one cannot settle.',
  })
  plannedHostsPerArm: number | null;

  @Field(() => String, { nullable: true, description: 'The metric that needs the most hosts.' })
  limitingMetric: string | null;

  @Field(() => [ArmPlan], {
    description: 'Hosts with data per arm at the plan; empty without one.',
  })
  arms: ArmPlan[];

  @Field(() => Float, { nullable: true, description: 'Hosts with data in all arms at the plan.' })
  totalHosts: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Hosts to opt in so that every metric has the planned hosts with data.',
  })
  optedInHostsNeeded: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Days of opting in at the expected pace; null without a pace, or when too few hosts would opt in.',
  })
  daysNeeded: number | null;

  @Field(() => Float)
  power: number;

  @Field(() => Float)
  minDetectableEffect: number;

  @Field(() => [MetricPlan])
  metrics: MetricPlan[];

  @Field({ description: 'The plan in one sentence.' })
  summary: string;

  @Field(() => [String], {
    description: 'What the plan assumed for want of data, and what stops it.',
  })
  notes: string[];
}
