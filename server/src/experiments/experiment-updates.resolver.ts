import { Args, Field, ObjectType, Resolver, Subscription } from '@nestjs/graphql';
import { ExperimentEvents, type ExperimentChanged } from '../live/experiment-events.js';
import { ExperimentsService } from './experiments.service.js';
import { Access } from '../access/access.decorator.js';

@ObjectType({ description: 'Something about an experiment changed; refetch what you show.' })
export class ExperimentUpdate {
  @Field()
  slug: string;

  @Field(() => [String], { description: 'SAMPLES, ENROLLMENT and/or STATUS.' })
  reasons: string[];

  @Field()
  at: Date;
}

@Access('VIEWER')
@Resolver(() => ExperimentUpdate)
export class ExperimentUpdatesResolver {
  constructor(
    private readonly experiments: ExperimentsService,
    private readonly events: ExperimentEvents,
  ) {}

  @Subscription(() => ExperimentUpdate, {
    description:
      'Fires when samples arrive for the experiment, hosts opt in or out, or its status changes; ' +
      'at most about once a second (graphql-ws at /graphql).',
    resolve: (event: ExperimentChanged, args: { slug: string }): ExperimentUpdate => ({
      slug: args.slug,
      reasons: event.reasons,
      at: event.at,
    }),
  })
  async experimentUpdated(
    @Args('slug') slug: string,
  ): Promise<AsyncIterableIterator<ExperimentChanged>> {
    const experiment = await this.experiments.bySlug(slug);
    return this.events.subscribe(experiment.id);
  }
}
