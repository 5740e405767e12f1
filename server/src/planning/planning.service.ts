import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  DEFAULT_MIN_DETECTABLE_EFFECT,
  describeValue,
  findMetric,
  targetingRuleProblem,
  validateArms,
  validateExperimentMetrics,
  type Problem,
} from '@fleetlab/shared';
import { assertNoProblems } from '../common/graphql-errors.js';
import { factRuleSql, SqlParams } from '../hosts/host-filter.sql.js';
import type { ExperimentPlanInput } from './dto/experiment-plan.input.js';
import type { ExperimentPlan } from './experiment-plan.model.js';
import { planAnswer } from './plan-answer.js';
import { countTargetedHosts, readMetricHistory } from './planning.queries.js';

const MAX_TARGETING_RULES = 50;
/** More opt-ins a day than any fleet has hosts: a typo. */
const MAX_OPT_INS_PER_DAY = 100_000_000;

@Injectable()
export class PlanningService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The plan for an experiment not yet created, from its targeted hosts' history. Two
   * reads, neither growing with the fleet's samples: the targeted hosts counted, and a
   * bounded random sample of them read (planning.queries.ts).
   */
  async plan(input: ExperimentPlanInput): Promise<ExperimentPlan> {
    assertNoProblems(problemsOf(input), 'input.');
    const params = new SqlParams();
    const conditions = (input.targeting ?? []).map((rule) => factRuleSql(rule, params));
    const metrics = input.metrics.map((m) => m.metric);
    const kinds = [...new Set(metrics.map((m) => findMetric(m)!.sampleKind))];
    const [eligibleHosts, rows] = await Promise.all([
      countTargetedHosts(this.dataSource, conditions, [...params.values]),
      readMetricHistory(this.dataSource, conditions, [...params.values], {
        metrics,
        kinds,
      }),
    ]);
    return planAnswer(
      {
        arms: input.arms,
        metrics: input.metrics,
        optInShare: input.optInShare ?? 1,
        optInsPerDay: input.optInsPerDay ?? null,
        minDetectableEffect: input.minDetectableEffect ?? DEFAULT_MIN_DETECTABLE_EFFECT,
      },
      eligibleHosts,
      rows,
    );
  }
}

/** What is wrong with a plan's input, by field; the arms' stacks do not matter here. */
function problemsOf(input: ExperimentPlanInput): Problem[] {
  const problems: Problem[] = validateArms(input.arms).filter(
    (p) => !/\.(packages|repos|name)\b/.test(p.field),
  );
  const rules = input.targeting ?? [];
  if (rules.length > MAX_TARGETING_RULES) {
    problems.push({ field: 'targeting', message: `at most ${MAX_TARGETING_RULES} rules` });
  }
  rules.forEach((rule, i) => {
    const problem = targetingRuleProblem(rule, `targeting[${i}]`);
    if (problem) problems.push(problem);
  });
  problems.push(...validateExperimentMetrics(input.metrics));
  const { optInShare, optInsPerDay, minDetectableEffect } = input;
  if (optInShare != null && !(optInShare > 0 && optInShare <= 1)) {
    problems.push({
      field: 'optInShare',
      message: `optInShare must be a fraction above 0 and at most 1 (0.3 means 30% of the targeted hosts), got ${describeValue(optInShare)}`,
    });
  }
  if (optInsPerDay != null && !(optInsPerDay > 0 && optInsPerDay <= MAX_OPT_INS_PER_DAY)) {
    problems.push({
      field: 'optInsPerDay',
      message: `optInsPerDay must be a number of hosts above 0, got ${describeValue(optInsPerDay)}`,
    });
  }
  if (minDetectableEffect != null && !(minDetectableEffect > 0 && minDetectableEffect < 1)) {
    problems.push({
      field: 'minDetectableEffect',
      message: `minDetectableEffect must be a fraction above 0 and below 1 (0.05 means 5%), got ${describeValue(minDetectableEffect)}`,
    });
  }
  return problems;
}
