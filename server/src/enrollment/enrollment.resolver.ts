import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { loaderOf } from '../graphql/request-loaders.js';
import type { HostEntity } from '../hosts/host.entity.js';
import { HostFilterInput } from '../hosts/dto/host-filter.input.js';
import { Access, CurrentHost, CurrentPerson } from '../access/access.decorator.js';
import type { Principal } from '../access/roles.js';
import { ExperimentOwnership } from '../experiments/experiment-ownership.service.js';
import { Host } from '../hosts/host.model.js';
import { BulkEnrollment } from './bulk-enrollment.model.js';
import { BulkEnrollmentService } from './bulk-enrollment.service.js';
import { Enrollment } from './enrollment.model.js';
import { EnrollmentService } from './enrollment.service.js';

@Resolver(() => Enrollment)
export class EnrollmentResolver {
  constructor(
    private readonly enrollment: EnrollmentService,
    private readonly bulk: BulkEnrollmentService,
    private readonly ownership: ExperimentOwnership,
  ) {}

  @Mutation(() => Enrollment, {
    description: 'Opts the calling host in (host token). Opting in again answers the same arm.',
  })
  @Access('HOST')
  async optIn(
    @CurrentHost() host: { id: string },
    @Args('experimentSlug') experimentSlug: string,
  ): Promise<Enrollment> {
    const [enrollment] = await this.enrollment.optIn(experimentSlug, { hostIds: [host.id] });
    return enrollment!;
  }

  @Mutation(() => Enrollment, {
    description: 'Opts the calling host out (host token); it keeps its arm if it returns.',
  })
  @Access('HOST')
  async optOut(
    @CurrentHost() host: { id: string },
    @Args('experimentSlug') experimentSlug: string,
    @Args('reason', { type: () => String, nullable: true }) reason?: string | null,
  ): Promise<Enrollment> {
    const [enrollment] = await this.enrollment.optOut(
      experimentSlug,
      { hostIds: [host.id] },
      reason,
    );
    return enrollment!;
  }

  @Mutation(() => [Enrollment], {
    description:
      'Opts hosts in by ids (all or nothing: a host outside the targeting is refused) or by a selector ' +
      '(hosts outside the targeting are left out). The experiment’s owner or an admin.',
  })
  @Access('OWNER')
  async optInHosts(
    @CurrentPerson() person: Extract<Principal, { kind: 'PERSON' }>,
    @Args('experimentSlug') experimentSlug: string,
    @Args('hostIds', { type: () => [ID], nullable: true }) hostIds?: string[] | null,
    @Args('selector', { type: () => HostFilterInput, nullable: true })
    selector?: HostFilterInput | null,
  ): Promise<Enrollment[]> {
    await this.ownership.assertMayChange(person, experimentSlug);
    return this.enrollment.optIn(experimentSlug, { hostIds, selector });
  }

  @Mutation(() => [Enrollment], {
    description: 'Opts hosts out by ids or by a selector. The experiment’s owner or an admin.',
  })
  @Access('OWNER')
  async optOutHosts(
    @CurrentPerson() person: Extract<Principal, { kind: 'PERSON' }>,
    @Args('experimentSlug') experimentSlug: string,
    @Args('hostIds', { type: () => [ID], nullable: true }) hostIds?: string[] | null,
    @Args('selector', { type: () => HostFilterInput, nullable: true })
    selector?: HostFilterInput | null,
    @Args('reason', { type: () => String, nullable: true }) reason?: string | null,
  ): Promise<Enrollment[]> {
    await this.ownership.assertMayChange(person, experimentSlug);
    return this.enrollment.optOut(experimentSlug, { hostIds, selector }, reason);
  }

  @Mutation(() => BulkEnrollment, {
    description:
      'Opts in every host the selector matches that the targeting admits, however many (answers counts, not hosts; ' +
      'optInHosts answers the enrollments but takes at most 50,000). The experiment’s owner or an admin.',
  })
  @Access('OWNER')
  async optInMatching(
    @CurrentPerson() person: Extract<Principal, { kind: 'PERSON' }>,
    @Args('experimentSlug') experimentSlug: string,
    @Args('selector', { type: () => HostFilterInput }) selector: HostFilterInput,
  ): Promise<BulkEnrollment> {
    await this.ownership.assertMayChange(person, experimentSlug);
    return this.bulk.optIn(experimentSlug, selector);
  }

  @Mutation(() => BulkEnrollment, {
    description:
      'Opts out every enrolled host the selector matches, however many (answers counts). The experiment’s owner or an admin.',
  })
  @Access('OWNER')
  async optOutMatching(
    @CurrentPerson() person: Extract<Principal, { kind: 'PERSON' }>,
    @Args('experimentSlug') experimentSlug: string,
    @Args('selector', { type: () => HostFilterInput }) selector: HostFilterInput,
    @Args('reason', { type: () => String, nullable: true }) reason?: string | null,
  ): Promise<BulkEnrollment> {
    await this.ownership.assertMayChange(person, experimentSlug);
    return this.bulk.optOut(experimentSlug, selector, reason);
  }
}

@Resolver(() => Host)
export class HostEnrollmentsResolver {
  constructor(private readonly enrollment: EnrollmentService) {}

  @ResolveField(() => [Enrollment], { description: 'Experiments this host is or was enrolled in.' })
  enrollments(@Parent() host: Host, @Context() context: { req: object }): Promise<Enrollment[]> {
    // One loader per request: the hosts of a page are read together, not one by one.
    const loader = loaderOf(
      context.req,
      'host-enrollments',
      () =>
        new DataLoader<HostEntity, Enrollment[], string>(
          (hosts) => this.enrollment.ofHosts(hosts),
          { cacheKeyFn: (h) => h.id },
        ),
    );
    return loader.load(host as HostEntity);
  }
}
