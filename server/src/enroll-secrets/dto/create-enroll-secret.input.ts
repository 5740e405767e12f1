import { Field, InputType } from '@nestjs/graphql';

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
}
