import { Injectable } from '@nestjs/common';
import {
  decideExperiment,
  describeOutcome,
  findMetric,
  type ExperimentDecision as Decided,
  type HealthResult,
  type MetricResult,
} from '@fleetlab/shared';
import { compareMetricFromAggregates } from '../analysis/aggregate-comparison.js';
import { sequentialPlanOf } from '../analysis/arm-comparison.js';
import { readMoments, readTally, type AggregatesDb } from '../analysis/analysis.queries.js';
import type { ArmComparison, HealthCheck } from '../analysis/comparison.model.js';
import { ComparisonService } from '../analysis/comparison.service.js';
import { AnalysisMethod } from '../analysis/dto/analysis-method.js';
import { metricChecks, stackAndBalanceChecks } from '../analysis/health-checks.js';
import type { ExperimentEntity } from '../experiments/experiment.entity.js';
import { ExperimentsService } from '../experiments/experiments.service.js';
import type { ExperimentDecision, MetricOutcome } from './decision.model.js';

/** What a decision needs of the comparisons: only their verdicts and health. */
const PARTS = {
  percentiles: false,
  distributions: false,
  timeSeries: false,
  health: true,
  mannWhitney: false,
};

/**
 * An experiment's one decision (decideExperiment of @fleetlab/shared) from its
 * comparisons: as the experiment page computes them, or from the per-arm aggregates
 * alone, in a transaction, for the folder's guardrail check.
 */
@Injectable()
export class DecisionService {
  constructor(
    private readonly comparisons: ComparisonService,
    private readonly experiments: ExperimentsService,
  ) {}

  async of(slug: string): Promise<ExperimentDecision> {
    const comparisons = await this.comparisons.compareAll(
      slug,
      null,
      null,
      AnalysisMethod.AUTO,
      PARTS,
    );
    const metrics = comparisons.map((c) => ({ metric: c.metric, comparisons: c.comparisons }));
    return {
      ...present(
        decideExperiment(
          await this.metricResults(slug, metrics),
          uniqueChecks(comparisons.flatMap((c) => c.health)),
        ),
      ),
      asOf: comparisons[0]?.asOf ?? new Date(),
    };
  }

  /**
   * From the whole experiment's per-arm aggregates as `db` sees them (a fold pass's
   * transaction sees what it just folded): cheap at any size, and equal to the
   * host-level path for Welch and CUPED, which verdicts rest on. Anytime-valid, as the
   * page's are: the folder looks after every pass, far more often than anyone.
   */
  async fromAggregates(db: AggregatesDb, experiment: ExperimentEntity): Promise<Decided> {
    const arms = experiment.arms ?? [];
    const metrics = (experiment.metrics ?? []).map((m) => ({
      metric: m.metric,
      margin: m.margin,
    }));
    const tally = await readTally(db, [experiment.id]);
    const moments = await readMoments(db, experiment.id, '');
    const results = metrics.map((m) =>
      compareMetricFromAggregates(
        arms,
        metrics,
        m.metric,
        findMetric(m.metric)!.direction,
        moments,
        null,
        { inference: 'SEQUENTIAL', plan: sequentialPlanOf(experiment) },
      ),
    );
    const health = [
      ...(results[0]
        ? metricChecks(
            arms,
            results[0].arms.map((a) => ({ ...a, median: null, p90: null, p99: null })),
            tally,
          )
        : []),
      ...stackAndBalanceChecks(arms, tally),
    ];
    return decideExperiment(
      resultsOf(
        experiment,
        metrics.map((m, i) => ({ metric: m.metric, comparisons: results[i]!.comparisons })),
      ),
      uniqueChecks(health),
    );
  }

  private async metricResults(
    slug: string,
    metrics: readonly { metric: string; comparisons: readonly ArmComparison[] }[],
  ): Promise<MetricResult[]> {
    return resultsOf(await this.experiments.bySlug(slug), metrics);
  }
}

function resultsOf(
  experiment: ExperimentEntity,
  metrics: readonly { metric: string; comparisons: readonly ArmComparison[] }[],
): MetricResult[] {
  return metrics.map(({ metric, comparisons }) => {
    const definition = findMetric(metric)!;
    const judged = experiment.metrics?.find((m) => m.metric === metric);
    return {
      metric,
      title: definition.title,
      role: judged?.role ?? 'PRIMARY',
      direction: definition.direction,
      margin: judged?.margin ?? null,
      arms: comparisons.map((c) => ({
        armKey: c.armKey,
        verdict: c.verdict,
        relativeDiff: c.relativeDiff,
        ciLow: c.ciLow,
        ciHigh: c.ciHigh,
        hostsNeeded: c.hostsNeeded,
      })),
    };
  });
}

/** The same check of every metric once (sample ratio and stack checks repeat per metric). */
function uniqueChecks(checks: readonly HealthCheck[]): HealthResult[] {
  const seen = new Map<string, HealthResult>();
  for (const check of checks) {
    const key = `${check.name}\u0000${check.message}`;
    if (!seen.has(key)) seen.set(key, check);
  }
  return [...seen.values()];
}

/** The decision as the API answers it: every outcome with its sentence. */
export function present(decided: Decided): Omit<ExperimentDecision, 'asOf'> {
  const outcome = (o: Decided['costs'][number]): MetricOutcome => ({
    metric: o.metric,
    title: o.title,
    role: o.role,
    armKey: o.armKey,
    verdict: o.verdict,
    relativeDiff: o.relativeDiff,
    ciLow: o.ciLow,
    ciHigh: o.ciHigh,
    margin: o.margin,
    beyondMargin: o.beyondMargin,
    sentence: describeOutcome(o),
  });
  return {
    decision: decided.decision,
    headline: decided.headline,
    benefits: decided.benefits.map(outcome),
    costs: decided.costs.map(outcome),
    failedGuardrails: decided.failedGuardrails.map(outcome),
    failedChecks: decided.failedChecks.map((c) => ({ ...c, status: c.status })),
    hostsNeeded: decided.hostsNeeded,
  };
}
