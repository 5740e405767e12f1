import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-type-json';

@ObjectType()
export class MetricValue {
  @Field()
  metric: string;

  @Field(() => Float)
  value: number;
}

@ObjectType({ description: 'One stored observation of a host.' })
export class Sample {
  @Field(() => ID)
  id: string;

  @Field()
  kind: string;

  @Field()
  observedAt: Date;

  @Field()
  receivedAt: Date;

  @Field(() => [MetricValue])
  values: MetricValue[];

  @Field(() => GraphQLJSON)
  context: Record<string, unknown>;
}
