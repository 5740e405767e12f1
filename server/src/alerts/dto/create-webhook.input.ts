import { Field, InputType } from '@nestjs/graphql';
import { AlertEventType, WebhookFormat } from '../alert.enums.js';

@InputType()
export class CreateWebhookInput {
  @Field({
    description: 'What it is for, e.g. "#hyperscale-alerts on Slack". 1 to 200 characters.',
  })
  name: string;

  @Field({
    description:
      'Where to POST: an http(s) URL. Not link-local or metadata addresses; loopback and private networks only with FLEETLAB_WEBHOOK_ALLOW_PRIVATE.',
  })
  url: string;

  @Field(() => WebhookFormat)
  format: WebhookFormat;

  @Field(() => String, {
    nullable: true,
    description:
      'The experiment whose alerts it gets (its owner or an admin). Left out: every experiment’s (admins only).',
  })
  experimentSlug?: string | null;

  @Field(() => [AlertEventType], {
    nullable: true,
    description: 'The events it gets; left out, all of them (TEST is never subscribed to).',
  })
  events?: AlertEventType[] | null;
}
