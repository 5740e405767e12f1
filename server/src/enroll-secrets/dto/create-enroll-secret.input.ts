import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class CreateEnrollSecretInput {
  @Field({ description: 'What the secret is for, e.g. "hyperscale-builders-2026".' })
  name: string;

  @Field(() => Date, {
    nullable: true,
    description: 'After this moment the secret no longer enrolls hosts.',
  })
  expiresAt?: Date | null;

  @Field(() => Boolean, { nullable: true, description: 'Enrolls one host, then stops working.' })
  singleUse?: boolean | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'A single-use secret for this host: it re-enrolls that host’s machine (e.g. after its token was lost) and no other. ' +
      'Without it, a secret enrolls only machines not enrolled yet (or one that also sends its current host token).',
  })
  hostId?: string | null;
}
