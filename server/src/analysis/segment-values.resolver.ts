import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TRANSACTION_SIZE_CLASSES } from '@fleetlab/shared';
import { Experiment } from '../experiments/experiment.model.js';
import { SegmentDimension } from './dto/segment.input.js';

// Root filesystems, arches and size classes come from what the folder keeps (a few rows
// per experiment); labels, a list per host, from the hosts themselves.
const VALUES_SQL: Record<SegmentDimension, string> = {
  [SegmentDimension.ROOT_FS_TYPE]: `SELECT DISTINCT root_fs_type AS value FROM enrollment_tally WHERE experiment_id = $1 AND hosts > 0 AND root_fs_type <> ''`,
  [SegmentDimension.ARCH]: `SELECT DISTINCT arch AS value FROM enrollment_tally WHERE experiment_id = $1 AND hosts > 0 AND arch <> ''`,
  [SegmentDimension.TRANSACTION_SIZE]: `SELECT size_class AS value FROM experiment_size_class WHERE experiment_id = $1`,
  [SegmentDimension.LABEL]: `SELECT DISTINCT jsonb_array_elements_text(CASE jsonb_typeof(h.facts->'labels') WHEN 'array' THEN h.facts->'labels' ELSE '[]' END) AS value
    FROM enrollment e JOIN host h ON h.id = e.host_id WHERE e.experiment_id = $1`,
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
    const rows = await this.dataSource.query<{ value: string | null }[]>(VALUES_SQL[dimension], [
      experiment.id,
    ]);
    if (dimension === SegmentDimension.TRANSACTION_SIZE) {
      const present = new Set(rows.map((r) => r.value));
      return TRANSACTION_SIZE_CLASSES.filter((c) => present.has(c));
    }
    return rows
      .map((r) => r.value)
      .filter((v): v is string => v !== null)
      .sort();
  }
}
