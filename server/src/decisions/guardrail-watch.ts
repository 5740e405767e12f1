import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CRITICAL_HEALTH_CHECKS as CRITICAL } from '@fleetlab/shared';
import { MIN_HOSTS_PER_ARM } from '../analysis/health-checks.js';
import { AlertsService } from '../alerts/alerts.service.js';
import { AuditService } from '../audit/audit.service.js';
import { ExperimentsService } from '../experiments/experiments.service.js';
import { FoldListeners, type FoldListener } from '../folding/fold-listeners.js';
import { NOTIFY_EXPERIMENTS_SQL } from '../live/experiment-events.js';
import { DecisionService, present } from './decision.service.js';
import { HALT_SQL, WATCHED_EXPERIMENTS_SQL } from './decisions.queries.js';

/**
 * Guardrails that act: after every fold pass, in its transaction, each running
 * experiment set to halt itself (autoHalt) that the pass touched is judged from its
 * per-arm aggregates; a guardrail worse beyond its margin or a failed critical health
 * check halts it there and then, with the figures that caused it, audited as Fleetlab's
 * own act, with one HALTED alert. Nothing halts before every arm has MIN_HOSTS_PER_ARM
 * hosts opted in.
 */
@Injectable()
export class GuardrailWatch implements FoldListener, OnModuleInit {
  private readonly logger = new Logger(GuardrailWatch.name);

  constructor(
    private readonly listeners: FoldListeners,
    private readonly decisions: DecisionService,
    private readonly experiments: ExperimentsService,
    private readonly audit: AuditService,
    private readonly alerts: AlertsService,
  ) {}

  onModuleInit(): void {
    this.listeners.register(this);
  }

  async afterPass(manager: EntityManager, experimentIds: readonly string[]): Promise<void> {
    const watched = await manager.query<{ slug: string }[]>(WATCHED_EXPERIMENTS_SQL, [
      experimentIds,
      MIN_HOSTS_PER_ARM,
    ]);
    for (const { slug } of watched) {
      const experiment = await this.experiments.bySlug(slug, manager);
      const decided = await this.decisions.fromAggregates(manager, experiment);
      const critical = decided.failedChecks.filter((c) => CRITICAL.has(c.name));
      if (decided.failedGuardrails.length === 0 && critical.length === 0) continue;
      const { headline, failedGuardrails, failedChecks } = present(decided);
      const figures = { decision: decided.decision, headline, failedGuardrails, failedChecks };
      const [, halted] = await manager.query<[unknown, number]>(HALT_SQL, [
        experiment.id,
        headline,
        JSON.stringify(figures),
      ]);
      if (halted === 0) continue; // halted or paused by a person meanwhile
      await this.alerts.emit(manager, {
        type: 'HALTED',
        experimentId: experiment.id,
        sentence: `"${experiment.title}" halted itself. ${headline} Hosts go back to the stock stack.`,
        figures: { ...figures, fromStatus: 'RUNNING', toStatus: 'HALTED', by: 'Fleetlab' },
      });
      await this.audit.recordIn(manager, {
        principal: null,
        system: true,
        action: 'haltExperiment',
        target: slug,
        outcome: 'OK',
        detail: { automatic: true, ...figures },
      });
      await manager.query(NOTIFY_EXPERIMENTS_SQL, [[experiment.id], ['STATUS']]);
      this.logger.warn(`halted ${slug}: ${headline}`);
    }
  }
}
