import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-type-json';
import { Access, CurrentHost } from '../access/access.decorator.js';
import { SampleBatchInput } from './dto/sample-batch.input.js';
import { IngestResult } from './ingest-result.model.js';
import { IngestService } from './ingest.service.js';

@Resolver(() => IngestResult)
export class TelemetryResolver {
  constructor(private readonly ingest: IngestService) {}

  @Mutation(() => IngestResult, {
    description:
      'Stores samples of the calling host (host token). Each sample is stored once or rejected with a reason; ' +
      'the rest of the batch is stored either way.',
  })
  @Access('HOST')
  ingestSamples(
    @CurrentHost() host: { id: string },
    @Args('batch') batch: SampleBatchInput,
  ): Promise<IngestResult> {
    return this.ingest.ingest(host.id, batch.samples);
  }

  @Mutation(() => IngestResult, {
    description:
      'ingestSamples with the batch as a table, about half the bytes and no per-sample GraphQL coercion: ' +
      '{"metrics": [metric names], "samples": [[id, kind, observedAt, one value per metric or null, context?], ...]}. ' +
      'A row of the wrong shape is rejected with INVALID_ROW; the rest as ingestSamples does.',
  })
  @Access('HOST')
  ingestSampleTable(
    @CurrentHost() host: { id: string },
    @Args('table', { type: () => GraphQLJSON }) table: unknown,
  ): Promise<IngestResult> {
    return this.ingest.ingestTable(host.id, table);
  }
}
