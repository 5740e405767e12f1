import { Query, Resolver } from '@nestjs/graphql';
import { METRICS, SAMPLE_KINDS } from '@fleetlab/shared';
import { Metric, SampleKind } from './metric.model.js';
import { Access } from '../access/access.decorator.js';

@Access('PUBLIC')
@Resolver(() => Metric)
export class MetricsResolver {
  @Query(() => [Metric], { description: 'The metric catalogue.' })
  metrics(): Metric[] {
    return METRICS.map((m) => ({ ...m, direction: m.direction }));
  }

  @Query(() => [SampleKind], { description: 'The sample kinds hosts report.' })
  sampleKinds(): SampleKind[] {
    return SAMPLE_KINDS.map((k) => ({
      ...k,
      metrics: [...k.metrics],
      contextKeys: [...k.contextKeys],
    }));
  }
}
