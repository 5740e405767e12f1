import { Field, Float, ID, InputType } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-type-json';

@InputType()
export class MetricValueInput {
  @Field({ description: 'A metric of the sample kind (see the metrics query).' })
  metric: string;

  @Field(() => Float)
  value: number;
}

@InputType({ description: 'One observation from a host.' })
export class SampleInput {
  @Field(() => ID, {
    description:
      'Chosen by the agent and stable across retries, so a resent sample is stored once.',
  })
  id: string;

  @Field({ description: 'package_transaction, disk_snapshot or boot (see the sampleKinds query).' })
  kind: string;

  // Text, not DateTime: a time that is not one rejects this sample alone, as in
  // ingestSampleTable, where DateTime would refuse the whole batch.
  @Field({
    description:
      'When it was observed, as ISO 8601 text such as 2026-11-20T10:00:00Z. Text that is not, or names a day or time that does not exist (2026-02-30), rejects this sample (INVALID_TIMESTAMP) and no other.',
  })
  observedAt: string;

  @Field(() => [MetricValueInput])
  values: MetricValueInput[];

  @Field(() => GraphQLJSON, {
    nullable: true,
    description: 'Segmenting context, e.g. {action, packages, tool, toolVersion} for transactions.',
  })
  context?: unknown;
}

@InputType()
export class SampleBatchInput {
  @Field(() => [SampleInput], { description: 'At most 1,000 samples per batch.' })
  samples: SampleInput[];
}
