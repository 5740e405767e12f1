import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TRANSACTION_SIZE_CLASSES } from '@fleetlab/shared';
import { Experiment } from '../experiments/experiment.model.js';
import { SegmentDimension } from './dto/segment.input.js';

const FACT_VALUES: Partial<Record<SegmentDimension, string>> = {
  [SegmentDimension.ROOT_FS_TYPE]: `SELECT DISTINCT h.facts->>'rootFsType' AS value`,
  [SegmentDimension.ARCH]: `SELECT DISTINCT h.facts->>'arch' AS value`,
  [SegmentDimension.LABEL]: `SELECT DISTINCT jsonb_array_elements_text(CASE jsonb_typeof(h.facts->'labels') WHEN 'array' THEN h.facts->'labels' ELSE '[]' END) AS value`,
};

@Resolver(() => Experiment)
export class SegmentValuesResolver {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @ResolveField(() => [String], {
    description:
      'The values a segment dimension takes among the enrolled hosts (for TRANSACTION_SIZE, the size classes with data), sorted.',
  })
  async segmentValues(
    @Parent() experiment: Experiment,
    @Args('dimension', { type: () => SegmentDimension }) dimension: SegmentDimension,
  ): Promise<string[]> {
    if (dimension === SegmentDimension.TRANSACTION_SIZE) {
      const rows = await this.dataSource.query<{ size_class: string }[]>(
        `SELECT DISTINCT size_class FROM host_metric_daily_by_size WHERE experiment_id = $1`,
        [experiment.id],
      );
      const present = new Set(rows.map((r) => r.size_class));
      return TRANSACTION_SIZE_CLASSES.filter((c) => present.has(c));
    }
    const rows = await this.dataSource.query<{ value: string | null }[]>(
      `${FACT_VALUES[dimension]!} FROM enrollment e JOIN host h ON h.id = e.host_id WHERE e.experiment_id = $1`,
      [experiment.id],
    );
    return rows
      .map((r) => r.value)
      .filter((v): v is string => v !== null)
      .sort();
  }
}
