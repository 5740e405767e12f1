import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-type-json';

export enum AuditOutcome {
  OK = 'OK',
  DENIED = 'DENIED',
  FAILED = 'FAILED',
}
registerEnumType(AuditOutcome, {
  name: 'AuditOutcome',
  description:
    'OK; DENIED (not signed in, not allowed, or rate limited); FAILED (any other error).',
});

@ObjectType({ description: 'A mutation or export: who, what, when, from where, and how it ended.' })
export class AuditEvent {
  @Field(() => ID)
  id: string;

  @Field()
  at: Date;

  @Field({
    description:
      'PERSON, HOST, ANONYMOUS, or SYSTEM when Fleetlab acted itself (an experiment halting).',
  })
  actorKind: string;

  @Field(() => String, { nullable: true })
  actorId: string | null;

  @Field(() => String, { nullable: true, description: 'The person’s name or the host’s hostname.' })
  actorName: string | null;

  @Field({ description: 'The mutation, or `export` for a report or figure download.' })
  action: string;

  @Field(() => String, {
    nullable: true,
    description: 'An experiment slug, a host id, a report file...',
  })
  target: string | null;

  @Field(() => AuditOutcome)
  outcome: AuditOutcome;

  @Field(() => String, { nullable: true })
  errorCode: string | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The arguments, secrets redacted.' })
  detail: unknown;

  @Field(() => String, { nullable: true })
  remoteAddress: string | null;

  @Field(() => String, { nullable: true })
  userAgent: string | null;
}
