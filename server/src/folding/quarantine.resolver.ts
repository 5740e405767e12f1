import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Access } from '../access/access.decorator.js';
import { QuarantineService } from './quarantine.service.js';
import { QuarantinedFold } from './rollup-status.model.js';

const IDS = { type: () => [ID], description: 'Ids from quarantinedFolds, at most 1,000.' };

@Resolver(() => QuarantinedFold)
export class QuarantineResolver {
  constructor(private readonly quarantine: QuarantineService) {}

  @Access('ADMIN')
  @Query(() => [QuarantinedFold], {
    description:
      'What the folder set aside because folding failed on it, newest first, with the database’s error (admin).',
  })
  quarantinedFolds(
    @Args('first', { type: () => Int, defaultValue: 50, description: 'At most 500.' })
    first: number,
  ): Promise<QuarantinedFold[]> {
    return this.quarantine.list(first);
  }

  @Access('ADMIN')
  @Mutation(() => Int, {
    description:
      'Folds quarantined items again and answers how many: batches go back to the fold queue, enrollments back in the folder’s way. What fails again is set aside again (admin).',
  })
  async retryQuarantinedFolds(@Args('ids', IDS) ids: string[]): Promise<number> {
    await this.quarantine.retry(ids);
    return ids.length;
  }

  @Access('ADMIN')
  @Mutation(() => Int, {
    description:
      'Deletes quarantined batches and their samples for good, and answers how many samples went; the hosts’ receipts stay, so a resend counts as a duplicate (admin).',
  })
  dropQuarantinedFolds(@Args('ids', IDS) ids: string[]): Promise<number> {
    return this.quarantine.drop(ids);
  }
}
