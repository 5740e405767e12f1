import {
  Args,
  Context,
  ID,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { Access, CurrentPerson } from '../access/access.decorator.js';
import type { Principal } from '../access/roles.js';
import { loaderOf } from '../graphql/request-loaders.js';
import { CreateWebhookInput } from './dto/create-webhook.input.js';
import { UpdateWebhookInput } from './dto/update-webhook.input.js';
import { AlertDelivery } from './alert-delivery.model.js';
import { Webhook, WebhookCreated } from './webhook.model.js';
import { MAX_DELIVERIES_PAGE, WebhooksService } from './webhooks.service.js';

type Person = Extract<Principal, { kind: 'PERSON' }>;

const ID_ARG = { type: () => ID, description: 'The webhook’s id (from `webhooks`).' };

@Access('OWNER')
@Resolver(() => Webhook)
export class WebhooksResolver {
  constructor(private readonly service: WebhooksService) {}

  @Query(() => [Webhook], {
    description:
      'Webhooks, newest first: an admin’s all, an owner’s those of their experiments; optionally of one experiment.',
  })
  webhooks(
    @CurrentPerson() person: Person,
    @Args('experimentSlug', { type: () => String, nullable: true }) experimentSlug?: string | null,
  ): Promise<Webhook[]> {
    return this.service.list(person, experimentSlug);
  }

  @ResolveField(() => [AlertDelivery], {
    description: 'Its newest deliveries, newest first, with every try.',
  })
  deliveries(
    @Parent() webhook: Webhook,
    @Context() context: { req: object },
    @Args('first', {
      type: () => Int,
      defaultValue: 20,
      description: `At most ${MAX_DELIVERIES_PAGE}.`,
    })
    first: number,
  ): Promise<AlertDelivery[]> {
    // The webhooks of a list are read together, not one by one.
    const loader = loaderOf(
      context.req,
      `webhook-deliveries:${first}`,
      () => new DataLoader<string, AlertDelivery[]>((ids) => this.service.deliveriesOf(ids, first)),
    );
    return loader.load(webhook.id);
  }

  @Mutation(() => WebhookCreated, {
    description:
      'Creates a webhook for one experiment (its owner or an admin) or for every experiment (admins). A GENERIC webhook’s signing secret is in the answer, once.',
  })
  createWebhook(
    @CurrentPerson() person: Person,
    @Args('input') input: CreateWebhookInput,
  ): Promise<WebhookCreated> {
    return this.service.create(person, input);
  }

  @Mutation(() => Webhook, {
    description:
      'Renames, re-points, re-subscribes, disables or enables a webhook (who may manage it).',
  })
  updateWebhook(
    @CurrentPerson() person: Person,
    @Args('id', ID_ARG) id: string,
    @Args('input') input: UpdateWebhookInput,
  ): Promise<Webhook> {
    return this.service.update(person, id, input);
  }

  @Mutation(() => ID, {
    description: 'Deletes a webhook and its delivery history; answers its id.',
  })
  deleteWebhook(@CurrentPerson() person: Person, @Args('id', ID_ARG) id: string): Promise<string> {
    return this.service.remove(person, id);
  }

  @Mutation(() => AlertDelivery, {
    description: 'Sends the webhook a TEST event, to try its receiver; follow it in `deliveries`.',
  })
  sendWebhookTest(
    @CurrentPerson() person: Person,
    @Args('id', ID_ARG) id: string,
  ): Promise<AlertDelivery> {
    return this.service.sendTest(person, id);
  }
}
