import { describe, it, expect } from '@jest/globals';
import { findMetric, type MetricDefinition } from './metric-catalogue.js';
import { metricValueProblem } from './metric-value.js';

const metric = (key: string): MetricDefinition => findMetric(key)!;

describe(metricValueProblem.name, () => {
  it('accepts values in range', () => {
    expect(metricValueProblem(metric('install_duration_ms'), 1234.5)).toBeNull();
    expect(metricValueProblem(metric('download_bytes'), 0)).toBeNull();
    expect(metricValueProblem(metric('disk_used_delta_bytes'), -4096)).toBeNull();
  });

  it.each([NaN, Infinity, -Infinity, '12', null])('rejects %p as not a finite number', (value) => {
    expect(metricValueProblem(metric('install_duration_ms'), value)).toMatch(
      /^install_duration_ms must be a finite number, got /,
    );
  });

  it('rejects negative durations and fractional bytes', () => {
    expect(metricValueProblem(metric('rpm_duration_ms'), -1)).toBe(
      'rpm_duration_ms must be between 0 and 604800000 ms, got -1',
    );
    expect(metricValueProblem(metric('download_bytes'), 1.5)).toBe(
      'download_bytes must be a whole number of bytes, got 1.5',
    );
  });

  it('rejects integers beyond what a double holds exactly', () => {
    expect(metricValueProblem(metric('download_bytes'), 2 ** 53)).toMatch(
      /must be between 0 and 9007199254740991 bytes/,
    );
  });
});
