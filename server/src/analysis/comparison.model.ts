import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import {
  HEALTH_STATUSES,
  VERDICTS,
  type HealthStatus as Health,
  type Verdict as VerdictValue,
} from '@fleetlab/shared/domain';
import { graphqlEnum } from '../common/graphql-enum.js';
import { AnalysisMethod } from './dto/analysis-method.js';
import { Inference } from './dto/inference.js';

export const Verdict = graphqlEnum(VERDICTS, {
  name: 'Verdict',
  description:
    'BETTER: significant improvement (Holm-adjusted). NO_WORSE: the interval excludes a degradation beyond the margin. ' +
    'WORSE: significant degradation beyond the margin. INCONCLUSIVE: not yet; see hostsNeeded. ' +
    'Under the comparison’s inference (SEQUENTIAL by default: valid at every look).',
});
export type Verdict = VerdictValue;

export const HealthStatus = graphqlEnum(HEALTH_STATUSES, { name: 'HealthStatus' });
export type HealthStatus = Health;

@ObjectType({
  description:
    'One arm of the comparison. Means are of host-level values; percentiles of all samples.',
})
export class ArmSummary {
  @Field()
  armKey: string;

  @Field()
  baseline: boolean;

  @Field(() => Int)
  hosts: number;

  @Field(() => Int)
  samples: number;

  @Field(() => Float, { nullable: true })
  mean: number | null;

  @Field(() => Float, { nullable: true })
  median: number | null;

  @Field(() => Float, { nullable: true })
  p90: number | null;

  @Field(() => Float, { nullable: true })
  p99: number | null;
}

@ObjectType({ description: 'A treatment arm against the baseline.' })
export class ArmComparison {
  @Field()
  armKey: string;

  @Field(() => Inference, {
    description:
      'The inference of ciLow, ciHigh, p, adjustedP, the CUPED interval and verdict. welchP, mannWhitneyP and ' +
      'the Hodges-Lehmann figures are always fixed-horizon.',
  })
  inference: Inference;

  @Field(() => Float, {
    nullable: true,
    description: 'Treatment mean minus baseline mean, in the metric unit.',
  })
  absoluteDiff: number | null;

  @Field(() => Float, { nullable: true, description: 'absoluteDiff / baseline mean.' })
  relativeDiff: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      '95% interval of relativeDiff (delta method): a confidence sequence, valid at every look, under SEQUENTIAL; ' +
      'a fixed-horizon interval under FIXED_HORIZON.',
  })
  ciLow: number | null;

  @Field(() => Float, { nullable: true })
  ciHigh: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Two-sided p-value of the difference under the inference: anytime-valid (the smallest level whose ' +
      'confidence sequence excludes 0) under SEQUENTIAL, welchP under FIXED_HORIZON.',
  })
  p: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "Welch's t-test p-value: fixed-horizon, whatever the inference.",
  })
  welchP: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Mann-Whitney U p-value: fixed-horizon, whatever the inference.',
  })
  mannWhitneyP: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Hodges-Lehmann shift of host values, treatment - baseline, with its interval: fixed-horizon, whatever the inference.',
  })
  hodgesLehmann: number | null;

  @Field(() => Float, { nullable: true })
  hlCiLow: number | null;

  @Field(() => Float, { nullable: true })
  hlCiHigh: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'CUPED-adjusted relative difference, where hosts have pre-period data.',
  })
  cupedRelativeDiff: number | null;

  @Field(() => Float, {
    nullable: true,
    description: '95% interval of cupedRelativeDiff, under the inference.',
  })
  cupedCiLow: number | null;

  @Field(() => Float, { nullable: true })
  cupedCiHigh: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "p after Holm's correction across the experiment's metrics.",
  })
  adjustedP: number | null;

  @Field(() => Verdict)
  verdict: Verdict;

  @Field(() => Int, {
    nullable: true,
    description:
      'More hosts per arm that would likely settle an INCONCLUSIVE result with 80% power, by the rule experimentPlan plans with, under the comparison’s inference (the observed difference taken as true).',
  })
  hostsNeeded: number | null;
}

@ObjectType()
export class HealthCheck {
  @Field()
  name: string;

  @Field(() => HealthStatus)
  status: HealthStatus;

  @Field({ description: 'What it means and what to do.' })
  message: string;
}

@ObjectType()
export class HistogramBin {
  @Field(() => Float)
  from: number;

  @Field(() => Float)
  to: number;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: 'The share of values at or below `value`.' })
export class EcdfPoint {
  @Field(() => Float)
  value: number;

  @Field(() => Float)
  fraction: number;
}

@ObjectType({
  description: "One arm's distribution, on bins shared by all arms so they can be overlaid.",
})
export class ArmDistribution {
  @Field()
  armKey: string;

  @Field(() => [HistogramBin])
  bins: HistogramBin[];

  @Field(() => [EcdfPoint])
  ecdf: EcdfPoint[];
}

@ObjectType({
  description:
    "One arm on one day: the mean of its hosts' day means, with a 95% t interval (null below two hosts).",
})
export class ArmDayPoint {
  @Field()
  armKey: string;

  @Field({ description: 'UTC day, YYYY-MM-DD.' })
  day: string;

  @Field(() => Int)
  hosts: number;

  @Field(() => Int)
  samples: number;

  @Field(() => Float)
  mean: number;

  @Field(() => Float, { nullable: true })
  ciLow: number | null;

  @Field(() => Float, { nullable: true })
  ciHigh: number | null;
}

@ObjectType({ description: 'The UTC days compared, inclusive; null for an open end.' })
export class ComparisonWindow {
  @Field(() => String, { nullable: true })
  from: string | null;

  @Field(() => String, { nullable: true })
  to: string | null;
}

@ObjectType()
export class Comparison {
  @Field()
  experimentSlug: string;

  @Field()
  metric: string;

  @Field(() => AnalysisMethod, {
    description:
      'How it was computed: EXACT from host-level values, AGGREGATED from per-arm aggregates.',
  })
  method: AnalysisMethod;

  @Field(() => Inference, {
    description:
      'How the intervals, p-values and verdicts of `comparisons` were computed: SEQUENTIAL (anytime-valid, the default) ' +
      'or FIXED_HORIZON (asked for with `inference:`).',
  })
  inference: Inference;

  @Field(() => Int, {
    description:
      'The hosts per arm the confidence sequences are tuned for: the experiment’s plannedHostsPerArm, or 100 when it ' +
      'names none. They are narrowest there and valid at any number of hosts.',
  })
  plannedHostsPerArm: number;

  @Field({
    description:
      'The rollups it reads hold every sample acknowledged before this moment (they are folded within seconds).',
  })
  asOf: Date;

  @Field(() => String, {
    nullable: true,
    description: 'The segment compared, e.g. ROOT_FS_TYPE=btrfs; null for all hosts.',
  })
  segment: string | null;

  @Field(() => [ArmSummary])
  arms: ArmSummary[];

  @Field(() => [ArmComparison])
  comparisons: ArmComparison[];

  @Field(() => [HealthCheck])
  health: HealthCheck[];

  @Field({
    description:
      'SAMPLES: the distributions are of every sample (all hosts); HOST_MEANS: of host-level values (within a segment).',
  })
  distributionOf: string;

  @Field(() => [ArmDistribution])
  distributions: ArmDistribution[];

  @Field(() => ComparisonWindow)
  window: ComparisonWindow;

  @Field(() => [ArmDayPoint], {
    description:
      'Per day and arm, the mean of host-level values with its interval, in order of day.',
  })
  timeSeries: ArmDayPoint[];
}
