import { Args, Info, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { selectedFields } from '../graphql/selected-fields.js';
import { Comparison } from './comparison.model.js';
import { ComparisonService, partsOf } from './comparison.service.js';
import { AnalysisMethod } from './dto/analysis-method.js';
import { Inference } from './dto/inference.js';
import { SegmentInput } from './dto/segment.input.js';
import { WindowInput } from './dto/window.input.js';
import { Access } from '../access/access.decorator.js';

@Access('VIEWER')
@Resolver(() => Comparison)
export class ComparisonResolver {
  constructor(private readonly service: ComparisonService) {}

  @Query(() => Comparison, {
    description:
      'Treatment against baseline for one metric of an experiment, for all hosts or one segment, over the whole experiment or a window of days.',
  })
  comparison(
    @Args('experimentSlug') experimentSlug: string,
    @Args('metric') metric: string,
    @Args('segment', { type: () => SegmentInput, nullable: true }) segment?: SegmentInput | null,
    @Args('window', { type: () => WindowInput, nullable: true }) window?: WindowInput | null,
    @Args('method', { type: () => AnalysisMethod, defaultValue: AnalysisMethod.AUTO })
    method?: AnalysisMethod,
    @Args('inference', { type: () => Inference, defaultValue: Inference.SEQUENTIAL })
    inference?: Inference,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<Comparison> {
    const parts = info ? partsOf(selectedFields(info)) : undefined;
    return this.service.compare(experimentSlug, metric, segment, window, method, parts, inference);
  }

  @Query(() => [Comparison], {
    description:
      "Every metric of an experiment compared at once, in the experiment's order of metrics (as comparison does for one).",
  })
  async experimentComparisons(
    @Args('experimentSlug') experimentSlug: string,
    @Args('segment', { type: () => SegmentInput, nullable: true }) segment?: SegmentInput | null,
    @Args('window', { type: () => WindowInput, nullable: true }) window?: WindowInput | null,
    @Args('method', { type: () => AnalysisMethod, defaultValue: AnalysisMethod.AUTO })
    method?: AnalysisMethod,
    @Args('inference', { type: () => Inference, defaultValue: Inference.SEQUENTIAL })
    inference?: Inference,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<Comparison[]> {
    const parts = info ? partsOf(selectedFields(info)) : undefined;
    return this.service.compareAll(experimentSlug, segment, window, method, parts, inference);
  }
}
