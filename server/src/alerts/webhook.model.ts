import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-type-json';
import { AlertDeliveryStatus, AlertEventType, WebhookFormat } from './alert.enums.js';

@ObjectType({
  description:
    'Where an experiment’s alerts go (or every experiment’s): a URL, a body format and the events it gets. Managed by the experiment’s owner or an admin.',
})
export class Webhook {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({
    description:
      'Scheme, host and port of its URL. The path and query are not shown again: services such as Slack keep their secret there.',
  })
  destination: string;

  @Field(() => WebhookFormat)
  format: WebhookFormat;

  @Field(() => String, {
    nullable: true,
    description: 'The experiment it covers; null: every experiment.',
  })
  experimentSlug: string | null;

  @Field(() => [AlertEventType])
  events: AlertEventType[];

  @Field({ description: 'false: disabled, nothing is sent.' })
  active: boolean;

  @Field({
    description:
      'Whether its deliveries carry a Fleetlab-Signature header (GENERIC webhooks; the secret was shown once, at creation).',
  })
  signed: boolean;

  @Field(() => String, { nullable: true, description: 'Who created it.' })
  createdBy: string | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

@ObjectType({ description: 'A new webhook, with its signing secret shown here once.' })
export class WebhookCreated {
  @Field(() => Webhook)
  webhook: Webhook;

  @Field(() => String, {
    nullable: true,
    description:
      'GENERIC webhooks: the secret that signs their deliveries (HMAC-SHA256), shown here once and never again. Null for SLACK and MATRIX.',
  })
  signingSecret: string | null;
}

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
