import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  CRITICAL_HEALTH_CHECKS as CRITICAL,
  describeOutcome,
  type ExperimentDecision,
} from '@fleetlab/shared';
import { HEALTH_CHECK_NAMES, MIN_HOSTS_PER_ARM } from '../analysis/health-checks.js';
import { AlertsService } from '../alerts/alerts.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { ExperimentEntity } from '../experiments/experiment.entity.js';
import { ExperimentsService } from '../experiments/experiments.service.js';
import { FoldListeners, type FoldListener } from '../folding/fold-listeners.js';
import { NOTIFY_EXPERIMENTS_SQL } from '../live/experiment-events.js';
import { DecisionService, present } from './decision.service.js';
import { HALT_SQL, WATCHED_EXPERIMENTS_SQL } from './decisions.queries.js';

/** About how much data there is yet, which the decision's "not settled" says: no alert. */
const QUIET_CHECKS: ReadonlySet<string> = new Set(['Data', 'Hosts']);

/**
 * Guardrails that act: after every fold pass, in its transaction, each running
 * experiment the pass touched that halts itself (autoHalt) or has a webhook is judged
 * from its per-arm aggregates. A guardrail worse beyond its margin or a failed critical
 * health check halts one that halts itself there and then, with the figures that caused
 * it, audited as Fleetlab's own act, with one HALTED alert; otherwise its decision,
 * guardrails and health checks are reported to the alerts, which fire on a change of
 * state. Nothing acts or alerts before every arm has MIN_HOSTS_PER_ARM hosts opted in.
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
    const watched = await manager.query<{ slug: string; autoHalt: boolean; alerted: boolean }[]>(
      WATCHED_EXPERIMENTS_SQL,
      [experimentIds, MIN_HOSTS_PER_ARM],
    );
    for (const { slug, autoHalt, alerted } of watched) {
      const experiment = await this.experiments.bySlug(slug, manager);
      const decided = await this.decisions.fromAggregates(manager, experiment);
      const critical = decided.failedChecks.filter((c) => CRITICAL.has(c.name));
      const harm = decided.failedGuardrails.length > 0 || critical.length > 0;
      // A halt says it all in one HALTED alert; otherwise each condition speaks for itself.
      if (autoHalt && harm && (await this.halt(manager, experiment, decided))) continue;
      if (alerted) await this.alertConditions(manager, experiment, decided);
    }
  }

  /** Halts the experiment with the figures that caused it; false when a person acted first. */
  private async halt(
    manager: EntityManager,
    experiment: ExperimentEntity,
    decided: ExperimentDecision,
  ): Promise<boolean> {
    const { headline, failedGuardrails, failedChecks } = present(decided);
    const figures = { decision: decided.decision, headline, failedGuardrails, failedChecks };
    const [, halted] = await manager.query<[unknown, number]>(HALT_SQL, [
      experiment.id,
      headline,
      JSON.stringify(figures),
    ]);
    if (halted === 0) return false; // halted or paused by a person meanwhile
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
      target: experiment.slug,
      outcome: 'OK',
      detail: { automatic: true, ...figures },
    });
    await manager.query(NOTIFY_EXPERIMENTS_SQL, [[experiment.id], ['STATUS']]);
    this.logger.warn(`halted ${experiment.slug}: ${headline}`);
    return true;
  }

  /**
   * The decision, each guardrail worse beyond its margin and each failed health check,
   * reported at every pass: the alerts fire when a state changes, once however it flaps.
   */
  private async alertConditions(
    manager: EntityManager,
    experiment: ExperimentEntity,
    decided: ExperimentDecision,
  ): Promise<void> {
    const experimentId = experiment.id;
    const title = `"${experiment.title}"`;
    // "Keep running" is no news: it only clears, so that the first real answer alerts.
    if (decided.decision === 'KEEP_RUNNING')
      await this.alerts.clear(manager, {
        experimentId,
        type: 'DECISION_CHANGED',
        subject: 'decision',
      });
    else
      await this.alerts.emit(manager, {
        type: 'DECISION_CHANGED',
        experimentId,
        sentence: `${title}: ${decided.headline}`,
        figures: { ...present(decided) },
        condition: { subject: 'decision', state: decided.decision },
      });
    const failing = new Set<string>();
    for (const guardrail of decided.failedGuardrails) {
      const subject = `${guardrail.metric}:${guardrail.armKey}`;
      failing.add(subject);
      await this.alerts.emit(manager, {
        type: 'GUARDRAIL_WORSE',
        experimentId,
        sentence: `${title}: guardrail ${describeOutcome(guardrail)} in ${guardrail.armKey}.`,
        figures: { ...guardrail },
        condition: { subject, state: 'WORSE_BEYOND_MARGIN' },
      });
    }
    for (const check of decided.failedChecks.filter((c) => !QUIET_CHECKS.has(c.name))) {
      failing.add(`check:${check.name}`);
      await this.alerts.emit(manager, {
        type: 'HEALTH_CHECK_FAILED',
        experimentId,
        sentence: `${title}: health check "${check.name}" failed. ${check.message}`,
        figures: { name: check.name, message: check.message },
        condition: { subject: check.name, state: 'FAILED' },
      });
    }
    // What no longer fails clears, so that it alerts again if it comes back for good.
    const metrics = experiment.metrics ?? [];
    for (const metric of metrics.filter((m) => m.role === 'GUARDRAIL'))
      for (const arm of (experiment.arms ?? []).filter((a) => !a.baseline))
        if (!failing.has(`${metric.metric}:${arm.key}`))
          await this.alerts.clear(manager, {
            experimentId,
            type: 'GUARDRAIL_WORSE',
            subject: `${metric.metric}:${arm.key}`,
          });
    for (const name of HEALTH_CHECK_NAMES)
      if (!failing.has(`check:${name}`))
        await this.alerts.clear(manager, {
          experimentId,
          type: 'HEALTH_CHECK_FAILED',
          subject: name,
        });
  }
}
