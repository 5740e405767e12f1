import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A secret hosts present to enroll. Only its hash is stored.' })
export class EnrollSecret {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  expiresAt: Date | null;

  @Field()
  singleUse: boolean;

  @Field(() => ID, {
    nullable: true,
    description: 'The host it was made for: it re-enrolls that host’s machine and no other.',
  })
  hostId: string | null;

  @Field(() => Date, { nullable: true })
  usedAt: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;

  @Field({ description: 'Not expired, not revoked, and not a used single-use secret.' })
  active: boolean;
}

@ObjectType({ description: 'A new enroll secret; `secret` is shown here once and never again.' })
export class EnrollSecretCreated {
  @Field(() => ID)
  id: string;

  @Field()
  secret: string;

  @Field(() => EnrollSecret)
  enrollSecret: EnrollSecret;
}
