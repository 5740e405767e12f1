import { Args, Context, Field, ObjectType, Resolver, Subscription } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { ExperimentEvents, type ExperimentChanged } from '../live/experiment-events.js';
import { ExperimentsService } from './experiments.service.js';
import { Access } from '../access/access.decorator.js';
import { PrincipalService, type Credentials } from '../access/principal.service.js';
import { denialOf } from '../access/roles.js';

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
    private readonly principals: PrincipalService,
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
    @Context('req') req: Credentials,
  ): Promise<AsyncIterableIterator<ExperimentChanged>> {
    const experiment = await this.experiments.bySlug(slug);
    return this.whileAllowed(this.events.subscribe(experiment.id), req);
  }

  /**
   * The updates, each after checking the connection's token again: one revoked or
   * expired meanwhile ends the subscription with an error instead of feeding it on.
   */
  private async *whileAllowed(
    updates: AsyncIterableIterator<ExperimentChanged>,
    req: Credentials,
  ): AsyncIterableIterator<ExperimentChanged> {
    try {
      for await (const update of updates) {
        const denial = denialOf(
          'VIEWER',
          await this.principals.recheck(req).catch(() => ({ kind: 'ANONYMOUS' as const })),
        );
        if (denial)
          throw new GraphQLError(`The subscription ended: ${denial.message}`, {
            extensions: { code: denial.code, accessRule: 'VIEWER' },
          });
        yield update;
      }
    } finally {
      await updates.return?.();
    }
  }
}
