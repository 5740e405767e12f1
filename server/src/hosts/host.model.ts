import { Field, ID, ObjectType } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-type-json';
import type { HostFacts } from '@fleetlab/shared';

@ObjectType({ description: 'A machine of the fleet, known by a hash of its machine-id.' })
export class Host {
  @Field(() => ID)
  id: string;

  /** In the schema through HostsResolver.machineIdHash: only some callers see it. */
  machineIdHash: string;

  @Field(() => String, { nullable: true })
  hostname: string | null;

  @Field(() => GraphQLJSON, {
    description:
      'arch, osId, osVersion, kernel, rootFsType, reflink, cpus, memoryBytes, region, labels, packages.',
  })
  facts: HostFacts;

  @Field()
  enrolledAt: Date;

  @Field()
  factsUpdatedAt: Date;

  @Field()
  lastSeenAt: Date;

  @Field(() => Date, {
    nullable: true,
    description:
      'When an admin revoked it: its tokens stopped working and the machine may not enroll again.',
  })
  revokedAt: Date | null;

  @Field(() => String, { nullable: true })
  revokedReason: string | null;
}

@ObjectType({
  description: 'The answer to enrollHost; `token` is shown here once and never again.',
})
export class HostEnrollment {
  @Field(() => Host)
  host: Host;

  @Field({ description: 'Send as `Authorization: Bearer <token>` on every host call.' })
  token: string;
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

@ObjectType()
export class HostEdge {
  @Field()
  cursor: string;

  @Field(() => Host)
  node: Host;
}

@ObjectType()
export class HostConnection {
  @Field(() => [HostEdge])
  edges: HostEdge[];

  @Field(() => [Host], {
    description: 'The hosts of `edges`, for callers that do not need cursors.',
  })
  nodes: Host[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field({ description: 'Hosts matching the filter, over all pages.' })
  totalCount: number;
}
