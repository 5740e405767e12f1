import { describe, it, expect } from '@jest/globals';
import { findMetric, METRICS, type MetricDefinition } from './metric-catalogue.js';
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

  it('rejects values too small to be measured, whose squares underflow', () => {
    expect(metricValueProblem(metric('install_duration_ms'), 1e-200)).toBe(
      'install_duration_ms must be 0 or at least 0.001 ms in size, got 1e-200',
    );
    expect(metricValueProblem(metric('rpm_cpu_ms'), 0.0009)).toMatch(/at least 0.001 ms/);
    expect(metricValueProblem(metric('install_duration_ms'), 0.001)).toBeNull();
    expect(metricValueProblem(metric('install_duration_ms'), 0)).toBeNull();
    expect(metricValueProblem(metric('install_duration_ms'), -0)).toBeNull();
  });

  it('keeps every metric’s bounds where a square still fits a double', () => {
    for (const definition of METRICS) {
      expect(definition.minMagnitude).toBeGreaterThan(0);
      for (const bound of [definition.minMagnitude, definition.max, Math.abs(definition.min)]) {
        if (bound === 0) continue;
        expect(Number.isFinite(bound * bound)).toBe(true);
        expect(bound * bound).toBeGreaterThan(0);
      }
    }
  });

  it('rejects integers beyond what a double holds exactly', () => {
    expect(metricValueProblem(metric('download_bytes'), 2 ** 53)).toMatch(
      /must be between 0 and 9007199254740991 bytes/,
    );
  });
});
