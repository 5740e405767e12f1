import { Module } from '@nestjs/common';
import { ExperimentsModule } from '../experiments/experiments.module.js';
import { ComparisonResolver } from './comparison.resolver.js';
import { ComparisonService } from './comparison.service.js';

@Module({
  imports: [ExperimentsModule],
  providers: [ComparisonService, ComparisonResolver],
})
export class AnalysisModule {}
