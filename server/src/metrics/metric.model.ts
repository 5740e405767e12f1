import { Field, Float, ObjectType } from '@nestjs/graphql';
import { METRIC_DIRECTIONS, type MetricDirection as Direction } from '@fleetlab/shared/domain';
import { graphqlEnum } from '../common/graphql-enum.js';

export const MetricDirection = graphqlEnum(METRIC_DIRECTIONS, { name: 'MetricDirection' });
export type MetricDirection = Direction;

@ObjectType({
  description: 'A metric of the catalogue that samples report and experiments are judged on.',
})
export class Metric {
  @Field()
  key: string;

  @Field({ description: 'The sample kind that carries this metric, e.g. package_transaction.' })
  sampleKind: string;

  @Field()
  title: string;

  @Field()
  description: string;

  @Field({ description: 'ms, bytes or count.' })
  unit: string;

  @Field(() => MetricDirection)
  direction: MetricDirection;

  @Field()
  integer: boolean;

  @Field(() => Float, { description: 'The smallest plausible value; lower ones are refused.' })
  min: number;

  @Field(() => Float, { description: 'The largest plausible value; higher ones are refused.' })
  max: number;

  @Field(() => Float, {
    description: 'The smallest size a value other than 0 may have (1 µs for durations).',
  })
  minMagnitude: number;
}

@ObjectType({ description: 'A kind of event a host reports, and the metrics it carries.' })
export class SampleKind {
  @Field()
  key: string;

  @Field()
  title: string;

  @Field()
  description: string;

  @Field(() => [String])
  metrics: string[];

  @Field(() => [String])
  contextKeys: string[];
}
