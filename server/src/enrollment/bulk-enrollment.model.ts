import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({
  description:
    'What an opt-in or opt-out of every host a selector matches did, counted (a selector may match hundreds of thousands of hosts).',
})
export class BulkEnrollment {
  @Field(() => Int, { description: 'Hosts the selector matches.' })
  matched: number;

  @Field(() => Int, {
    description: 'Hosts this changed: opted in (first time or again), or opted out.',
  })
  changed: number;

  @Field(() => Int, {
    description: 'Matched hosts left alone: already opted in (or out), or not enrolled to opt out.',
  })
  unchanged: number;

  @Field(() => Int, {
    description: 'Matched hosts outside the experiment’s targeting, left out of an opt-in.',
  })
  notTargeted: number;
}
