import { Field, InputType } from '@nestjs/graphql';
import { AlertEventType } from '../alert.enums.js';

@InputType({ description: 'What to change; what is left out stays as it is.' })
export class UpdateWebhookInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A new http(s) URL, checked as at creation.',
  })
  url?: string | null;

  @Field(() => [AlertEventType], { nullable: true })
  events?: AlertEventType[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'false disables it: nothing more is sent, and what waits is cancelled.',
  })
  active?: boolean | null;
}
