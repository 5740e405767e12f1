import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { DECISIONS, type Decision as DecisionValue } from '@fleetlab/shared/domain';
import { HealthCheck, Verdict } from '../analysis/comparison.model.js';
import { graphqlEnum } from '../common/graphql-enum.js';
import { MetricRole } from '../experiments/experiment.enums.js';

export const Decision = graphqlEnum(DECISIONS, {
  name: 'Decision',
  description:
    'SHIP: a primary metric better, none worse, no guardrail worse beyond its margin. ROLL_BACK: a guardrail worse beyond its margin, a primary worse, or a failed critical health check (sample ratio, contamination). NO_EFFECT: every metric settled within its margin. KEEP_RUNNING: not settled yet.',
});
export type Decision = DecisionValue;

@ObjectType({ description: 'One metric in one treatment arm, as the decision names it.' })
export class MetricOutcome {
  @Field()
  metric: string;

  @Field()
  title: string;

  @Field(() => MetricRole)
  role: MetricRole;

  @Field()
  armKey: string;

  @Field(() => Verdict)
  verdict: Verdict;

  @Field(() => Float, { nullable: true, description: '(treatment − baseline) / baseline.' })
  relativeDiff: number | null;

  @Field(() => Float, { nullable: true })
  ciLow: number | null;

  @Field(() => Float, { nullable: true })
  ciHigh: number | null;

  @Field(() => Float, { nullable: true, description: 'The metric’s relative margin.' })
  margin: number | null;

  @Field({ description: 'WORSE, and by more than its margin allows.' })
  beyondMargin: boolean;

  @Field({
    description: 'In words: “Disk used change 86.8% higher (worse, beyond its 50% margin)”.',
  })
  sentence: string;
}

@ObjectType({
  description:
    'What the evidence says to do, from the primary metrics, the guardrails and the health checks: the same decision, in the same words, on the overview, the experiment page, alerts and exports.',
})
export class ExperimentDecision {
  @Field(() => Decision)
  decision: Decision;

  @Field({
    description:
      'One sentence: the decision, then what forbids shipping, what it costs and what it gains.',
  })
  headline: string;

  @Field(() => [MetricOutcome], { description: 'Metrics better in a treatment arm.' })
  benefits: MetricOutcome[];

  @Field(() => [MetricOutcome], { description: 'Metrics worse in a treatment arm.' })
  costs: MetricOutcome[];

  @Field(() => [MetricOutcome], {
    description:
      'Guardrails worse beyond their margin (what halts an experiment that halts itself).',
  })
  failedGuardrails: MetricOutcome[];

  @Field(() => [HealthCheck], { description: 'Health checks that failed.' })
  failedChecks: HealthCheck[];

  @Field(() => Int, {
    nullable: true,
    description: 'KEEP_RUNNING: about how many more hosts per arm an unsettled metric needs.',
  })
  hostsNeeded: number | null;

  @Field({ description: 'The figures include every sample acknowledged before this moment.' })
  asOf: Date;
}
