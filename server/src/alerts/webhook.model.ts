import { Field, ID, ObjectType } from '@nestjs/graphql';
import { AlertEventType, WebhookFormat } from './alert.enums.js';

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
