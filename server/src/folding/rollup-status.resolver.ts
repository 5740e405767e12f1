import { Field, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Access } from '../access/access.decorator.js';
import { FolderService } from './folder.service.js';

@ObjectType({
  description:
    'How current the rollups are: samples are acknowledged when stored and folded into the rollups (what comparisons read) within seconds, off the request path.',
})
export class RollupStatus {
  @Field({ description: 'Every sample acknowledged before this moment is in the rollups.' })
  asOf: Date;

  @Field(() => Date, { nullable: true, description: 'When a fold last ran.' })
  lastFoldAt: Date | null;

  @Field(() => Int, { description: 'Acknowledged batches of samples not folded yet.' })
  pendingBatches: number;
}

@Resolver(() => RollupStatus)
export class RollupStatusResolver {
  constructor(private readonly folder: FolderService) {}

  @Access('VIEWER')
  @Query(() => RollupStatus, { description: 'How current the rollups that comparisons read are.' })
  rollupStatus(): Promise<RollupStatus> {
    return this.folder.status();
  }

  @Access('ADMIN')
  @Mutation(() => RollupStatus, {
    description:
      'Rebuilds every per-arm aggregate (moments, host-mean histograms, daily sums, enrollment tallies) from the per-host rollups, ' +
      'after folding what is queued: for rollups written behind the folder’s back, such as a bulk load in SQL. Admins.',
  })
  async rebuildAggregates(): Promise<RollupStatus> {
    await this.folder.rebuild();
    return this.folder.status();
  }
}
