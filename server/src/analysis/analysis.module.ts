import { Module } from '@nestjs/common';
import { ExperimentsModule } from '../experiments/experiments.module.js';
import { ComparisonResolver } from './comparison.resolver.js';
import { ComparisonService } from './comparison.service.js';
import { EnrollmentFunnelResolver } from './enrollment-funnel.resolver.js';
import { SegmentValuesResolver } from './segment-values.resolver.js';

@Module({
  imports: [ExperimentsModule],
  providers: [
    ComparisonService,
    ComparisonResolver,
    EnrollmentFunnelResolver,
    SegmentValuesResolver,
  ],
  exports: [ComparisonService],
})
export class AnalysisModule {}
