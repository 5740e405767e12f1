import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ROLES, type Role } from './roles.js';

export const RoleEnum = Object.fromEntries(ROLES.map((r) => [r, r])) as { [R in Role]: R };
registerEnumType(RoleEnum, {
  name: 'Role',
  description:
    'VIEWER reads everything; OWNER also creates changes and experiments and runs their own; ADMIN does everything.',
});

export enum AuthMode {
  LOCAL = 'LOCAL',
  TOKENS = 'TOKENS',
}
registerEnumType(AuthMode, {
  name: 'AuthMode',
  description:
    'LOCAL: no sign-in, every visitor is the local admin (the embedded demo). TOKENS: people sign in.',
});

@ObjectType({ description: 'Someone who reads results or runs experiments.' })
export class Person {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => RoleEnum)
  role: Role;

  @Field()
  createdAt: Date;
}

@ObjectType({ description: 'A person’s API token; the token itself is shown only when created.' })
export class ApiToken {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => Person)
  person: Person;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  expiresAt: Date | null;

  @Field(() => Date, { nullable: true })
  lastUsedAt: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;
}

@ObjectType({ description: 'A new API token; `token` is shown here once and never again.' })
export class ApiTokenCreated {
  @Field(() => ID)
  id: string;

  @Field()
  token: string;

  @Field(() => ApiToken)
  apiToken: ApiToken;
}

@ObjectType({ description: 'Who the dashboard (or a script) is, and how people sign in here.' })
export class Session {
  @Field(() => AuthMode)
  mode: AuthMode;

  @Field(() => Person, { nullable: true, description: 'Null when not signed in.' })
  person: Person | null;

  @Field({ description: 'Whether sign-in with OIDC is offered (FLEETLAB_OIDC_ISSUER is set).' })
  oidc: boolean;
}

@InputType()
export class CreatePersonInput {
  @Field({ description: 'A login-like name: letters, digits, dots, hyphens, underscores, @.' })
  name: string;

  @Field(() => RoleEnum)
  role: Role;
}

@InputType()
export class CreateApiTokenInput {
  @Field({ description: 'The person the token acts as.' })
  person: string;

  @Field({ description: 'What it is for, e.g. "ci-export".' })
  name: string;

  @Field(() => Date, { nullable: true, description: 'After this moment the token stops working.' })
  expiresAt?: Date | null;
}
