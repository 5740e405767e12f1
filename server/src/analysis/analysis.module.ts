import { Module } from '@nestjs/common';
import { ExperimentsModule } from '../experiments/experiments.module.js';
import { ComparisonResolver } from './comparison.resolver.js';
import { ComparisonService } from './comparison.service.js';
import { HealthChecksService } from './health-checks.service.js';

@Module({
  imports: [ExperimentsModule],
  providers: [ComparisonService, ComparisonResolver, HealthChecksService],
})
export class AnalysisModule {}
