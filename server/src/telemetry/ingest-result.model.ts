import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A sample that was not stored, and why; nothing of it was kept.' })
export class RejectedSample {
  @Field(() => ID)
  id: string;

  @Field({
    description:
      'INVALID_ID, UNKNOWN_KIND, INVALID_VALUES, INVALID_TIMESTAMP, IN_FUTURE, TOO_OLD, INVALID_CONTEXT, CONFLICT, or INVALID_ROW (ingestSampleTable).',
  })
  code: string;

  @Field()
  reason: string;
}

@ObjectType()
export class IngestResult {
  @Field(() => Int, { description: 'Samples stored by this call.' })
  accepted: number;

  @Field(() => Int, {
    description: 'Samples already stored with the same content; not stored again.',
  })
  duplicates: number;

  @Field(() => [RejectedSample])
  rejected: RejectedSample[];
}
