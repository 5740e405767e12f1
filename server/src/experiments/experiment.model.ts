import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Change } from '../changes/change.model.js';
import { Metric } from '../metrics/metric.model.js';
import { TargetingRule } from '../targeting/targeting-rule.model.js';
import { ExperimentStatus, MetricRole } from './experiment.enums.js';

@ObjectType({ description: 'A cohort of an experiment; exactly one arm is the baseline.' })
export class Arm {
  @Field(() => ID)
  id: string;

  @Field()
  key: string;

  @Field(() => String, { nullable: true })
  name: string | null;

  @Field(() => Int)
  weight: number;

  @Field()
  baseline: boolean;

  @Field(() => [String], { description: 'name-version-release of the packages of this stack.' })
  packages: string[];

  @Field(() => [String])
  repos: string[];

  @Field(() => Int, {
    description: 'First of the assignment buckets (of 10,000) new hosts land in.',
  })
  bucketFrom: number;

  @Field(() => Int, { description: 'End (exclusive) of the assignment buckets of this arm.' })
  bucketTo: number;

  @Field(() => Int, { description: 'Hosts opted in to this arm now.' })
  hosts: number;
}

@ObjectType()
export class ExperimentMetric {
  @Field()
  metric: string;

  @Field(() => MetricRole)
  role: MetricRole;

  @Field(() => Float, { nullable: true })
  margin: number | null;

  @Field(() => Metric)
  definition: Metric;
}

@ObjectType({ description: 'One trial of a change on part of the fleet.' })
export class Experiment {
  @Field(() => ID)
  id: string;

  @Field()
  slug: string;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  hypothesis: string | null;

  @Field(() => ExperimentStatus)
  status: ExperimentStatus;

  @Field({ description: 'Mixed into the assignment hash of every host.' })
  salt: string;

  @Field(() => Change)
  change: Change;

  @Field(() => String, {
    nullable: true,
    description: 'The name of the person who created it; null for the demo’s.',
  })
  owner: string | null;

  /** For the mayChange field; not in the schema. */
  ownerId: string | null;

  @Field(() => [Arm])
  arms: Arm[];

  @Field(() => [TargetingRule])
  targeting: TargetingRule[];

  @Field(() => [ExperimentMetric])
  metrics: ExperimentMetric[];

  @Field(() => Int, {
    nullable: true,
    description:
      'Hosts per arm the experiment plans to reach, which its anytime-valid intervals are tuned for (null: 100).',
  })
  plannedHostsPerArm: number | null;

  @Field(() => Int, { description: 'Hosts opted in now.' })
  hostsOptedIn: number;

  @Field(() => Int, { description: 'Hosts that opted in and later opted out.' })
  hostsOptedOut: number;

  @Field(() => Date, { nullable: true })
  startedAt: Date | null;

  @Field(() => Date, { nullable: true })
  pausedAt: Date | null;

  @Field(() => Date, { nullable: true })
  concludedAt: Date | null;

  @Field({
    description:
      'Whether it halts itself when a guardrail is worse beyond its margin or a critical health check (sample ratio, contamination) fails.',
  })
  autoHalt: boolean;

  @Field(() => Date, { nullable: true, description: 'When it halted, while HALTED.' })
  haltedAt: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why it halted, while HALTED: the owner’s reason, or what it found itself.',
  })
  haltReason: string | null;

  @Field()
  createdAt: Date;
}
