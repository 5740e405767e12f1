import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ADD_TO_HOST_ROLLUP, PRE_PERIOD_MS } from './rollups.js';

/**
 * Hosts usually report for a while before they opt in. When a host first opts in,
 * its samples of the look-back window are folded into its PRE rollup; samples that
 * arrive later are folded in by the ingest. A sample is counted by one or the other:
 * the ingest sees the enrollment only once the opt-in has committed.
 */
@Injectable()
export class PrePeriodService {
  async backfill(
    manager: EntityManager,
    experimentId: string,
    hostIds: readonly string[],
  ): Promise<void> {
    if (hostIds.length === 0) return;
    await manager.query(
      `INSERT INTO host_metric_rollup (experiment_id, host_id, arm_id, metric, period, count, sum, sum_sq, min, max)
       SELECT e.experiment_id, e.host_id, e.arm_id, v.metric, 'PRE', count(*), sum(v.value), sum(v.value * v.value), min(v.value), max(v.value)
         FROM enrollment e
         JOIN sample s ON s.host_id = e.host_id
                      AND s.observed_at >= e.first_opted_in_at - $3 * interval '1 millisecond'
                      AND s.observed_at < e.first_opted_in_at
         CROSS JOIN LATERAL (SELECT key AS metric, value::float8 AS value FROM jsonb_each_text(s.metric_values)) v
        WHERE e.experiment_id = $1 AND e.host_id = ANY($2::uuid[])
        GROUP BY e.experiment_id, e.host_id, e.arm_id, v.metric
       ON CONFLICT (experiment_id, host_id, metric, period) DO UPDATE
         SET ${ADD_TO_HOST_ROLLUP}`,
      [experimentId, hostIds, PRE_PERIOD_MS],
    );
  }
}
