import { Field, Float, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum MetricDirection {
  LOWER_IS_BETTER = 'LOWER_IS_BETTER',
  HIGHER_IS_BETTER = 'HIGHER_IS_BETTER',
}

registerEnumType(MetricDirection, { name: 'MetricDirection' });

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

  @Field(() => Float)
  min: number;

  @Field(() => Float)
  max: number;
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
