import { describe, it, expect } from '@jest/globals';
import {
  METRICS,
  METRIC_KEYS,
  SAMPLE_KINDS,
  findMetric,
  findSampleKind,
} from './metric-catalogue.js';

describe('metric catalogue', () => {
  it('has unique metric and sample kind keys', () => {
    expect(new Set(METRIC_KEYS).size).toBe(METRICS.length);
    expect(new Set(SAMPLE_KINDS.map((kind) => kind.key)).size).toBe(SAMPLE_KINDS.length);
  });

  it('lists, for every kind, metrics that exist and point back to the kind', () => {
    for (const kind of SAMPLE_KINDS) {
      expect(kind.metrics.length).toBeGreaterThan(0);
      for (const key of kind.metrics) expect(findMetric(key)?.sampleKind).toBe(kind.key);
    }
  });

  it('gives every metric a known kind and a sane range', () => {
    for (const metric of METRICS) {
      expect(findSampleKind(metric.sampleKind)?.metrics).toContain(metric.key);
      expect(metric.min).toBeLessThan(metric.max);
      expect(Number.isSafeInteger(metric.max)).toBe(true);
      expect(Number.isSafeInteger(metric.min)).toBe(true);
    }
  });

  it('holds what the design promises', () => {
    expect(findSampleKind('package_transaction')).toMatchObject({
      metrics: [
        'install_duration_ms',
        'rpm_duration_ms',
        'download_bytes',
        'disk_used_delta_bytes',
        'free_space_drop_bytes',
        'rpm_cpu_ms',
      ],
      contextKeys: ['action', 'packages', 'tool', 'toolVersion'],
    });
    expect(findSampleKind('disk_snapshot')?.metrics).toEqual([
      'disk_used_bytes',
      'dnf_cache_bytes',
    ]);
    expect(findSampleKind('boot')?.metrics).toEqual(['boot_duration_ms']);
    expect(findMetric('disk_used_delta_bytes')).toMatchObject({
      unit: 'bytes',
      min: -Number.MAX_SAFE_INTEGER,
    });
    expect(findMetric('install_duration_ms')).toMatchObject({
      unit: 'ms',
      direction: 'LOWER_IS_BETTER',
    });
  });

  it('answers undefined for unknown keys', () => {
    expect(findMetric('packages')).toBeUndefined();
    expect(findSampleKind('reboot')).toBeUndefined();
  });
});
