import { Module } from '@nestjs/common';
import { PlanningResolver } from './planning.resolver.js';
import { PlanningService } from './planning.service.js';
import { ProgressResolver } from './progress.resolver.js';

/**
 * Plans before launch (experimentPlan: hosts and days from the targeted hosts'
 * history) and progress after it (Experiment.progress toward the stored plan).
 */
@Module({
  providers: [PlanningService, PlanningResolver, ProgressResolver],
})
export class PlanningModule {}
