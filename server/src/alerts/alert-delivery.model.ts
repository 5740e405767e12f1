import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-type-json';
import { AlertDeliveryStatus, AlertEventType } from './alert.enums.js';

@ObjectType({ description: 'An alert that fired, as its deliveries carry it.' })
export class AlertEvent {
  @Field(() => ID)
  id: string;

  @Field(() => AlertEventType)
  type: AlertEventType;

  @Field({ description: 'What happened, in one sentence, the bad news first.' })
  sentence: string;

  @Field(() => String, { nullable: true })
  experimentSlug: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'What in the experiment it is about (a metric, a health check), if not all of it.',
  })
  subject: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The state that fired (WORSE, FAILED, ...).',
  })
  state: string | null;

  @Field(() => GraphQLJSON, { description: 'The figures that made it.' })
  figures: Record<string, unknown>;

  @Field()
  occurredAt: Date;
}

@ObjectType({ description: 'One try of a delivery.' })
export class DeliveryAttempt {
  @Field(() => Int, { description: '1 for the first try.' })
  attempt: number;

  @Field()
  startedAt: Date;

  @Field(() => Int)
  durationMs: number;

  @Field(() => Int, { nullable: true, description: 'The receiver’s HTTP status, if it answered.' })
  statusCode: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why it did not count as received (no answer, not 2xx); null when it did.',
  })
  error: string | null;
}

@ObjectType({
  description:
    'One event sent to one webhook: its status, tries and their answers. The receiver gets its id as Fleetlab-Delivery, to tell a resend from a new event.',
})
export class AlertDelivery {
  @Field(() => ID)
  id: string;

  @Field(() => AlertDeliveryStatus)
  status: AlertDeliveryStatus;

  @Field(() => Int)
  attempts: number;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When it is tried next, while PENDING.' })
  nextAttemptAt: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When it was delivered, given up or cancelled.',
  })
  finishedAt: Date | null;

  @Field(() => Int, { nullable: true })
  lastStatusCode: number | null;

  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Field(() => AlertEvent)
  event: AlertEvent;

  @Field(() => [DeliveryAttempt], { description: 'Every try, first first.' })
  tries: DeliveryAttempt[];
}
