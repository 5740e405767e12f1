import { Field, Int, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Experiment } from '../experiments/experiment.model.js';
import { ExperimentsService } from '../experiments/experiments.service.js';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { readTally } from './analysis.queries.js';
import { exposureOf } from './health-checks.js';

@ObjectType({
  description:
    'How far hosts got: enrolled (ever opted in), opted in now, running their arm’s packages, opted out.',
})
export class EnrollmentFunnel {
  @Field(() => Int)
  enrolled: number;

  @Field(() => Int)
  optedIn: number;

  @Field(() => Int, {
    description: 'Opted-in hosts whose reported package versions match their arm.',
  })
  exposed: number;

  @Field(() => Int, {
    description: 'Opted-in hosts that report no versions of the arms’ packages.',
  })
  exposureUnknown: number;

  @Field(() => Int)
  optedOut: number;
}

@Resolver(() => Experiment)
export class EnrollmentFunnelResolver {
  constructor(
    private readonly experiments: ExperimentsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @ResolveField(() => EnrollmentFunnel)
  async funnel(@Parent() experiment: Experiment): Promise<EnrollmentFunnel> {
    const entity = await this.experiments.bySlug(experiment.slug);
    const exposure = exposureOf(entity.arms ?? [], await readTally(this.dataSource, [entity.id]));
    const optedIn = exposure.optedIn;
    return {
      enrolled: optedIn + experiment.hostsOptedOut,
      optedIn,
      // Without packages in any arm, every opted-in host runs "its stack".
      exposed: exposure.withStack ? exposure.exposed : optedIn,
      exposureUnknown: exposure.withStack ? optedIn - exposure.known : 0,
      optedOut: experiment.hostsOptedOut,
    };
  }
}
