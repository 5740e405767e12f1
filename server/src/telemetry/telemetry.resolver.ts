import { Args, Mutation, Resolver } from '@nestjs/graphql';
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
}
