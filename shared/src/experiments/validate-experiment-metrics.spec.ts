import { describe, it, expect } from '@jest/globals';
import { METRIC_KEYS } from '../metrics/metric-catalogue.js';
import type { ExperimentMetricDefinition } from './experiment-definition.js';
import { validateExperimentMetrics } from './validate-experiment-metrics.js';

const primary: ExperimentMetricDefinition = { metric: 'install_duration_ms', role: 'PRIMARY' };

describe(validateExperimentMetrics.name, () => {
  it('accepts primary and guardrail metrics with margins', () => {
    expect(
      validateExperimentMetrics([
        primary,
        { metric: 'download_bytes', role: 'GUARDRAIL', margin: 0 },
        { metric: 'dnf_cache_bytes', role: 'GUARDRAIL', margin: 0.999 },
        { metric: 'boot_duration_ms', role: 'GUARDRAIL', margin: null },
      ]),
    ).toEqual([]);
  });

  it('wants at least one metric, and lists the known ones', () => {
    expect(validateExperimentMetrics([])).toEqual([
      {
        field: 'metrics',
        message: `an experiment needs at least one metric to be judged on; known metrics are ${METRIC_KEYS.join(', ')}`,
      },
    ]);
  });

  it('names an unknown metric and lists the known ones', () => {
    expect(
      validateExperimentMetrics([primary, { metric: 'install_time', role: 'GUARDRAIL' }]),
    ).toEqual([
      {
        field: 'metrics[1].metric',
        message:
          'unknown metric "install_time"; known metrics are install_duration_ms, rpm_duration_ms, download_bytes, disk_used_delta_bytes, free_space_drop_bytes, rpm_cpu_ms, disk_used_bytes, dnf_cache_bytes, boot_duration_ms',
      },
    ]);
  });

  it('rejects a metric listed twice', () => {
    expect(validateExperimentMetrics([primary, { ...primary, role: 'GUARDRAIL' }])).toEqual([
      {
        field: 'metrics[1].metric',
        message: 'metric "install_duration_ms" is listed twice; list each metric once',
      },
    ]);
  });

  it('wants a primary metric', () => {
    expect(validateExperimentMetrics([{ metric: 'download_bytes', role: 'GUARDRAIL' }])).toEqual([
      {
        field: 'metrics',
        message:
          'mark at least one metric PRIMARY (what the change is meant to improve); the others guard against harm as GUARDRAIL',
      },
    ]);
  });

  it.each([
    [1, '; for 1% write 0.01'],
    [2, '; for 2% write 0.02'],
    [-0.01, ''],
    [NaN, ''],
    [Infinity, ''],
  ])('rejects margin %p', (margin, hint) => {
    expect(validateExperimentMetrics([{ ...primary, margin }])).toEqual([
      {
        field: 'metrics[0].margin',
        message: `margin of metric "install_duration_ms" must be a fraction from 0 up to but not including 1 (0.02 means 2%), got ${margin}${hint}`,
      },
    ]);
  });

  it('rejects an unknown role', () => {
    const metrics = [
      { metric: 'install_duration_ms', role: 'SECONDARY' },
    ] as unknown as ExperimentMetricDefinition[];
    expect(validateExperimentMetrics(metrics).map((p) => p.field)).toEqual([
      'metrics[0].role',
      'metrics',
    ]);
  });
});
