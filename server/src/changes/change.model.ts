import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Change', {
  description: 'A distro-wide change under test, such as RPM copy-on-write.',
})
export class Change {
  @Field(() => ID)
  id: string;

  @Field()
  slug: string;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => String, { nullable: true, description: 'The upstream change page.' })
  upstreamUrl: string | null;

  @Field()
  createdAt: Date;
}
