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
import { PrincipalService, type Credentials } from '../access/principal.service.js';
import { GraphQLJSON } from 'graphql-type-json';
import { Access, CurrentHost } from '../access/access.decorator.js';
import { EnrollHostInput } from './dto/enroll-host.input.js';
import { HostFilterInput } from './dto/host-filter.input.js';
import { Host, HostConnection, HostEnrollment } from './host.model.js';
import { HostsService, MAX_PAGE_SIZE } from './hosts.service.js';

@Access('VIEWER')
@Resolver(() => Host)
export class HostsResolver {
  constructor(
    private readonly service: HostsService,
    private readonly principals: PrincipalService,
  ) {}

  @Query(() => HostConnection, {
    description: `Hosts in enrolment order, ${MAX_PAGE_SIZE} at most per page.`,
  })
  hosts(
    @Args('filter', { type: () => HostFilterInput, nullable: true })
    filter?: HostFilterInput | null,
    @Args('first', { type: () => Int, nullable: true, description: 'Page size, default 50.' })
    first?: number | null,
    @Args('after', {
      type: () => String,
      nullable: true,
      description: 'pageInfo.endCursor of the previous page.',
    })
    after?: string | null,
  ): Promise<HostConnection> {
    return this.service.list(filter, first, after);
  }

  @ResolveField(() => String, {
    nullable: true,
    description:
      'SHA-256 of /etc/machine-id (the machine-id itself never leaves the host). Shown to admins and to the host itself; null for other people.',
  })
  machineIdHash(@Parent() host: Host, @Context('req') req: Credentials): string | null {
    // With a host's machine id, whoever holds an enroll secret could try to pass for it.
    const principal = req.fleetlabPrincipal;
    return principal?.kind === 'PERSON' && principal.role !== 'ADMIN' ? null : host.machineIdHash;
  }

  @Query(() => Host)
  host(@Args('id', { type: () => ID }) id: string): Promise<Host> {
    return this.service.byId(id);
  }

  @Query(() => Host, { description: 'The host whose token is sent (host token).' })
  @Access('HOST')
  currentHost(@CurrentHost() host: { id: string }): Promise<Host> {
    return this.service.byId(host.id);
  }

  @Mutation(() => HostEnrollment, {
    description:
      'Enrolls a machine with an enroll secret; answers its host token once. A machine already enrolled must also send its current host token, or use a single-use secret.',
  })
  @Access('PUBLIC')
  async enrollHost(
    @Args('input') input: EnrollHostInput,
    @Context('req') req: Credentials,
  ): Promise<HostEnrollment> {
    // A valid host token proves which host re-enrolls; a stale one proves nothing.
    const caller = await this.principals.of(req).catch(() => null);
    return this.service.enroll(input, caller?.kind === 'HOST' ? caller.id : null);
  }

  @Mutation(() => Host, { description: 'Replaces the facts of the calling host (host token).' })
  @Access('HOST')
  reportFacts(
    @CurrentHost() host: { id: string },
    @Args('facts', { type: () => GraphQLJSON }) facts: unknown,
  ): Promise<Host> {
    return this.service.reportFacts(host.id, facts);
  }

  @Mutation(() => Host, {
    description:
      'Revokes a host at once (admin): its tokens stop working and its machine may not enroll again until allowHostEnrollment.',
  })
  @Access('ADMIN')
  revokeHost(
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => String, nullable: true }) reason?: string | null,
  ): Promise<Host> {
    return this.service.revoke(id, reason);
  }

  @Mutation(() => Host, { description: 'Lets a revoked host’s machine enroll again (admin).' })
  @Access('ADMIN')
  allowHostEnrollment(@Args('id', { type: () => ID }) id: string): Promise<Host> {
    return this.service.allowEnrollment(id);
  }
}
