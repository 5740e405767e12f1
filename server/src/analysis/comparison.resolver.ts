import { Args, Query, Resolver } from '@nestjs/graphql';
import { Comparison } from './comparison.model.js';
import { ComparisonService } from './comparison.service.js';
import { SegmentInput } from './dto/segment.input.js';

@Resolver(() => Comparison)
export class ComparisonResolver {
  constructor(private readonly service: ComparisonService) {}

  @Query(() => Comparison, {
    description:
      'Treatment against baseline for one metric of an experiment, for all hosts or one segment.',
  })
  comparison(
    @Args('experimentSlug') experimentSlug: string,
    @Args('metric') metric: string,
    @Args('segment', { type: () => SegmentInput, nullable: true }) segment?: SegmentInput | null,
  ): Promise<Comparison> {
    return this.service.compare(experimentSlug, metric, segment);
  }
}
