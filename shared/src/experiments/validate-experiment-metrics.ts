import { describeValue } from '../describe-value.js';
import { METRIC_KEYS, findMetric } from '../metrics/metric-catalogue.js';
import type { Problem } from '../problem.js';
import { METRIC_ROLES, type ExperimentMetricDefinition } from './experiment-definition.js';

function marginProblem(margin: unknown, metric: string): string | null {
  if (typeof margin === 'number' && Number.isFinite(margin) && margin >= 0 && margin < 1)
    return null;
  // The likeliest slip is a percentage where a fraction belongs.
  const hint =
    typeof margin === 'number' && margin >= 1 && margin < 100
      ? `; for ${margin}% write ${margin / 100}`
      : '';
  return `margin of metric ${describeValue(metric)} must be a fraction from 0 up to but not including 1 (0.02 means 2%), got ${describeValue(margin)}${hint}`;
}

export function validateExperimentMetrics(metrics: ExperimentMetricDefinition[]): Problem[] {
  const known = `known metrics are ${METRIC_KEYS.join(', ')}`;
  if (!Array.isArray(metrics) || metrics.length === 0) {
    return [
      {
        field: 'metrics',
        message: `an experiment needs at least one metric to be judged on; ${known}`,
      },
    ];
  }
  const problems: Problem[] = [];
  const seen = new Set<string>();
  metrics.forEach((entry, i) => {
    const field = `metrics[${i}]`;
    if (!findMetric(entry.metric)) {
      problems.push({
        field: `${field}.metric`,
        message: `unknown metric ${describeValue(entry.metric)}; ${known}`,
      });
    } else if (seen.has(entry.metric)) {
      problems.push({
        field: `${field}.metric`,
        message: `metric "${entry.metric}" is listed twice; list each metric once`,
      });
    }
    seen.add(entry.metric);
    if (!(METRIC_ROLES as readonly unknown[]).includes(entry.role)) {
      problems.push({
        field: `${field}.role`,
        message: `role of metric ${describeValue(entry.metric)} must be PRIMARY or GUARDRAIL, got ${describeValue(entry.role)}`,
      });
    }
    if (entry.margin != null) {
      const badMargin = marginProblem(entry.margin, entry.metric);
      if (badMargin) problems.push({ field: `${field}.margin`, message: badMargin });
    }
  });
  if (!metrics.some((entry) => entry.role === 'PRIMARY')) {
    problems.push({
      field: 'metrics',
      message:
        'mark at least one metric PRIMARY (what the change is meant to improve); the others guard against harm as GUARDRAIL',
    });
  }
  return problems;
}
