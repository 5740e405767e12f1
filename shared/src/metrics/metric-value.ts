import { describeValue } from '../describe-value.js';
import type { MetricDefinition } from './metric-catalogue.js';

// Ingestion rejects a sample per value; this is the sentence it sends back.
export function metricValueProblem(metric: MetricDefinition, value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return `${metric.key} must be a finite number, got ${describeValue(value)}`;
  }
  if (metric.integer && !Number.isInteger(value)) {
    return `${metric.key} must be a whole number of ${metric.unit}, got ${value}`;
  }
  if (value < metric.min || value > metric.max) {
    return `${metric.key} must be between ${metric.min} and ${metric.max} ${metric.unit}, got ${value}`;
  }
  if (value !== 0 && Math.abs(value) < metric.minMagnitude) {
    return `${metric.key} must be 0 or at least ${metric.minMagnitude} ${metric.unit} in size, got ${value}`;
  }
  return null;
}
