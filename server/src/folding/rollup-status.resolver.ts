import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Access } from '../access/access.decorator.js';
import { FolderService } from './folder.service.js';
import { QuarantineService } from './quarantine.service.js';
import { RollupStatus } from './rollup-status.model.js';

@Resolver(() => RollupStatus)
export class RollupStatusResolver {
  constructor(
    private readonly folder: FolderService,
    private readonly quarantine: QuarantineService,
  ) {}

  @Access('VIEWER')
  @Query(() => RollupStatus, {
    description:
      'How current the rollups that comparisons read are, and what is quarantined: all of it, or what touches one experiment.',
  })
  rollupStatus(
    @Args('experimentSlug', {
      type: () => String,
      nullable: true,
      description: 'Count only quarantined work of this experiment and its hosts.',
    })
    experimentSlug?: string | null,
  ): Promise<RollupStatus> {
    return this.status(experimentSlug);
  }

  @Access('ADMIN')
  @Mutation(() => RollupStatus, {
    description:
      'Rebuilds every per-arm aggregate (moments, host-mean histograms, daily sums, enrollment tallies) from the per-host rollups, ' +
      'after folding what is queued: for rollups written behind the folder’s back, such as a bulk load in SQL. Admins.',
  })
  async rebuildAggregates(): Promise<RollupStatus> {
    await this.folder.rebuild();
    return this.status();
  }

  private async status(experimentSlug?: string | null): Promise<RollupStatus> {
    const [fold, quarantine] = await Promise.all([
      this.folder.status(),
      this.quarantine.summary(experimentSlug),
    ]);
    return { ...fold, ...quarantine };
  }
}
