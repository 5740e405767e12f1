import { Args, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { badInput } from '../common/graphql-errors.js';
import { Host } from '../hosts/host.model.js';
import { Sample } from './sample.model.js';

const MAX_RECENT = 200;

@Resolver(() => Host)
export class HostSamplesResolver {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @ResolveField(() => [Sample], {
    description: `The host's latest samples, newest first (at most ${MAX_RECENT}).`,
  })
  async recentSamples(
    @Parent() host: Host,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
  ): Promise<Sample[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_RECENT) {
      throw badInput(`first must be between 1 and ${MAX_RECENT}, got ${first}`, { field: 'first' });
    }
    const rows = await this.dataSource.query<
      {
        sample_id: string;
        kind: string;
        observed_at: Date;
        received_at: Date;
        metric_values: Record<string, number>;
        context: Record<string, unknown>;
      }[]
    >(
      `SELECT sample_id, kind, observed_at, received_at, metric_values, context
         FROM sample WHERE host_id = $1 ORDER BY observed_at DESC, sample_id LIMIT $2`,
      [host.id, first],
    );
    return rows.map((r) => ({
      id: r.sample_id,
      kind: r.kind,
      observedAt: r.observed_at,
      receivedAt: r.received_at,
      values: Object.entries(r.metric_values).map(([metric, value]) => ({ metric, value })),
      context: r.context,
    }));
  }
}
