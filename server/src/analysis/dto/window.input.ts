import { Field, InputType } from '@nestjs/graphql';

@InputType({
  description:
    'Compare only samples observed in this time window. Rollups are daily, so the window ' +
    'covers whole UTC days: the day of `from` through the day of `to`. Either end may be open.',
})
export class WindowInput {
  @Field(() => Date, { nullable: true })
  from?: Date | null;

  @Field(() => Date, { nullable: true })
  to?: Date | null;
}
