import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module.js';
import { AnalysisModule } from '../analysis/analysis.module.js';
import { ExperimentsModule } from '../experiments/experiments.module.js';
import { DecisionResolver } from './decision.resolver.js';
import { DecisionService } from './decision.service.js';
import { GuardrailWatch } from './guardrail-watch.js';

/**
 * One decision per experiment from its comparisons, and the guardrails that halt an
 * experiment set to halt itself, in the folder's transaction.
 */
@Module({
  imports: [AnalysisModule, ExperimentsModule, AlertsModule],
  providers: [DecisionService, DecisionResolver, GuardrailWatch],
  exports: [DecisionService],
})
export class DecisionsModule {}
