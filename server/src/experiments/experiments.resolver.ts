import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Access, CurrentPerson } from '../access/access.decorator.js';
import { PrincipalService, type Credentials } from '../access/principal.service.js';
import type { Principal } from '../access/roles.js';
import { badInput } from '../common/graphql-errors.js';
import { ArmWeightInput } from './dto/arm-weight.input.js';
import { CreateExperimentInput } from './dto/create-experiment.input.js';
import { ExperimentStatus } from './experiment.enums.js';
import { Experiment } from './experiment.model.js';
import { ExperimentOwnership } from './experiment-ownership.service.js';
import { ExperimentsService } from './experiments.service.js';

type Person = Extract<Principal, { kind: 'PERSON' }>;

@Access('VIEWER')
@Resolver(() => Experiment)
export class ExperimentsResolver {
  constructor(
    private readonly service: ExperimentsService,
    private readonly ownership: ExperimentOwnership,
    private readonly principals: PrincipalService,
  ) {}

  @ResolveField(() => Boolean, {
    description:
      'Whether whoever asks may start, pause, conclude, re-weigh it and opt hosts in or out: its owner or an admin.',
  })
  async mayChange(
    @Parent() experiment: Experiment,
    @Context('req') req: Credentials,
  ): Promise<boolean> {
    return this.ownership.mayChange(await this.principals.of(req), experiment.ownerId);
  }

  @Query(() => [Experiment], {
    description: 'Experiments, newest first, optionally of one change or status.',
  })
  async experiments(
    @Args('changeSlug', { type: () => String, nullable: true }) changeSlug?: string | null,
    @Args('status', { type: () => ExperimentStatus, nullable: true })
    status?: ExperimentStatus | null,
  ): Promise<Experiment[]> {
    return this.service.present(await this.service.list({ changeSlug, status }));
  }

  @Query(() => Experiment)
  async experiment(@Args('slug') slug: string): Promise<Experiment> {
    return this.one(this.service.bySlug(slug));
  }

  @Mutation(() => Experiment, {
    description: 'Creates an experiment in DRAFT, owned by whoever creates it (owner or admin).',
  })
  @Access('OWNER')
  createExperiment(
    @CurrentPerson() person: Person,
    @Args('input') input: CreateExperimentInput,
  ): Promise<Experiment> {
    return this.one(this.service.create(input, person.id));
  }

  @Mutation(() => Experiment, {
    description:
      'DRAFT -> RUNNING, or resumes a PAUSED experiment, or lifts the halt of a HALTED one (its owner or an admin).',
  })
  @Access('OWNER')
  async startExperiment(
    @CurrentPerson() person: Person,
    @Args('slug') slug: string,
  ): Promise<Experiment> {
    await this.ownership.assertMayChange(person, slug);
    return this.one(this.service.transition(slug, 'START', { by: person.name }));
  }

  @Mutation(() => Experiment, {
    description: 'RUNNING -> PAUSED: no new opt-ins until started again (its owner or an admin).',
  })
  @Access('OWNER')
  async pauseExperiment(
    @CurrentPerson() person: Person,
    @Args('slug') slug: string,
  ): Promise<Experiment> {
    await this.ownership.assertMayChange(person, slug);
    return this.one(this.service.transition(slug, 'PAUSE', { by: person.name }));
  }

  @Mutation(() => Experiment, {
    description:
      'RUNNING or PAUSED -> HALTED: stopped because of harm; hosts go back to the stock stack. Starting it again lifts the halt (its owner or an admin).',
  })
  @Access('OWNER')
  async haltExperiment(
    @CurrentPerson() person: Person,
    @Args('slug') slug: string,
    @Args('reason', { type: () => String, nullable: true, description: 'Why, in a sentence.' })
    reason?: string | null,
  ): Promise<Experiment> {
    await this.ownership.assertMayChange(person, slug);
    if (reason && reason.length > 500)
      throw badInput('reason must be at most 500 characters', { field: 'reason' });
    return this.one(this.service.transition(slug, 'HALT', { reason, by: person.name }));
  }

  @Mutation(() => Experiment, {
    description:
      'Whether the experiment halts itself when a guardrail is worse beyond its margin or a critical health check fails (its owner or an admin).',
  })
  @Access('OWNER')
  async setAutoHalt(
    @CurrentPerson() person: Person,
    @Args('experimentSlug') experimentSlug: string,
    @Args('enabled') enabled: boolean,
  ): Promise<Experiment> {
    await this.ownership.assertMayChange(person, experimentSlug);
    return this.one(this.service.setAutoHalt(experimentSlug, enabled));
  }

  @Mutation(() => Experiment, {
    description: 'PAUSED or HALTED -> CONCLUDED, for good (its owner or an admin).',
  })
  @Access('OWNER')
  async concludeExperiment(
    @CurrentPerson() person: Person,
    @Args('slug') slug: string,
  ): Promise<Experiment> {
    await this.ownership.assertMayChange(person, slug);
    return this.one(this.service.transition(slug, 'CONCLUDE', { by: person.name }));
  }

  @Mutation(() => Experiment, {
    description:
      'Changes arm weights for hosts that opt in from now on; enrolled hosts keep their arm (its owner or an admin).',
  })
  @Access('OWNER')
  async setArmWeights(
    @CurrentPerson() person: Person,
    @Args('experimentSlug') experimentSlug: string,
    @Args('weights', { type: () => [ArmWeightInput] }) weights: ArmWeightInput[],
  ): Promise<Experiment> {
    await this.ownership.assertMayChange(person, experimentSlug);
    return this.one(this.service.setArmWeights(experimentSlug, weights));
  }

  private async one(
    experiment: Promise<Parameters<ExperimentsService['present']>[0][number]>,
  ): Promise<Experiment> {
    const [presented] = await this.service.present([await experiment]);
    return presented!;
  }
}
