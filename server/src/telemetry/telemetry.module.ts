import { Module } from '@nestjs/common';
import { HostsModule } from '../hosts/hosts.module.js';
import { HostSamplesResolver } from './host-samples.resolver.js';
import { IngestService } from './ingest.service.js';
import { SampleRetentionService } from './sample-retention.service.js';
import { TelemetryResolver } from './telemetry.resolver.js';

@Module({
  imports: [HostsModule],
  providers: [IngestService, TelemetryResolver, HostSamplesResolver, SampleRetentionService],
  exports: [IngestService],
})
export class TelemetryModule {}
