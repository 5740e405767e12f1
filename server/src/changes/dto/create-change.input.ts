import { Field, InputType } from '@nestjs/graphql';

@InputType()
export class CreateChangeInput {
  @Field({ description: 'Lowercase letters, digits and hyphens, e.g. "rpm-cow".' })
  slug: string;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'http(s) link to the upstream change page.' })
  upstreamUrl?: string | null;
}
