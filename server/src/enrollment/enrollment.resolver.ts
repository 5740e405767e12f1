import { UseGuards } from '@nestjs/common';
import { Args, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { HostFilterInput } from '../hosts/dto/host-filter.input.js';
import { CurrentHost } from '../hosts/current-host.decorator.js';
import type { AuthenticatedHost } from '../hosts/host-auth.service.js';
import { HostTokenGuard } from '../hosts/host-token.guard.js';
import { Host } from '../hosts/host.model.js';
import { Enrollment } from './enrollment.model.js';
import { EnrollmentService } from './enrollment.service.js';

@Resolver(() => Enrollment)
export class EnrollmentResolver {
  constructor(private readonly enrollment: EnrollmentService) {}

  @Mutation(() => Enrollment, {
    description: 'Opts the calling host in (host token). Opting in again answers the same arm.',
  })
  @UseGuards(HostTokenGuard)
  async optIn(
    @CurrentHost() host: AuthenticatedHost,
    @Args('experimentSlug') experimentSlug: string,
  ): Promise<Enrollment> {
    const [enrollment] = await this.enrollment.optIn(experimentSlug, { hostIds: [host.id] });
    return enrollment!;
  }

  @Mutation(() => Enrollment, {
    description: 'Opts the calling host out (host token); it keeps its arm if it returns.',
  })
  @UseGuards(HostTokenGuard)
  async optOut(
    @CurrentHost() host: AuthenticatedHost,
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
      '(hosts outside the targeting are left out).',
  })
  optInHosts(
    @Args('experimentSlug') experimentSlug: string,
    @Args('hostIds', { type: () => [ID], nullable: true }) hostIds?: string[] | null,
    @Args('selector', { type: () => HostFilterInput, nullable: true })
    selector?: HostFilterInput | null,
  ): Promise<Enrollment[]> {
    return this.enrollment.optIn(experimentSlug, { hostIds, selector });
  }

  @Mutation(() => [Enrollment], { description: 'Opts hosts out by ids or by a selector.' })
  optOutHosts(
    @Args('experimentSlug') experimentSlug: string,
    @Args('hostIds', { type: () => [ID], nullable: true }) hostIds?: string[] | null,
    @Args('selector', { type: () => HostFilterInput, nullable: true })
    selector?: HostFilterInput | null,
    @Args('reason', { type: () => String, nullable: true }) reason?: string | null,
  ): Promise<Enrollment[]> {
    return this.enrollment.optOut(experimentSlug, { hostIds, selector }, reason);
  }
}

@Resolver(() => Host)
export class HostEnrollmentsResolver {
  constructor(private readonly enrollment: EnrollmentService) {}

  @ResolveField(() => [Enrollment], { description: 'Experiments this host is or was enrolled in.' })
  enrollments(@Parent() host: Host): Promise<Enrollment[]> {
    return this.enrollment.ofHost(host.id);
  }
}
