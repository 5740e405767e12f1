import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TRANSACTION_SIZE_CLASS_SQL } from '@fleetlab/shared';

/**
 * Per host, metric, day and transaction size class: count, sum and sum of squares of
 * the samples while opted in. What a comparison reads when it is limited to a time
 * window or to one transaction size, and what the per-day time series is made of.
 * The totals per host (host_metric_rollup) stay: the comparison over the whole
 * experiment reads them, one row per host and metric.
 *
 * Existing data is rolled up from the stored samples, by the rule the ingest follows
 * (the samples from the first opt-in on, and until the opt-out), for the hosts and
 * metrics that have in-experiment rollups.
 */
export class HostDailyRollup1795529000000 implements MigrationInterface {
  name = 'HostDailyRollup1795529000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "host_metric_daily" (
        "experiment_id" uuid NOT NULL,
        "metric" text NOT NULL,
        "day" date NOT NULL,
        "host_id" uuid NOT NULL,
        "size_class" text NOT NULL,
        "arm_id" uuid NOT NULL,
        "count" bigint NOT NULL,
        "sum" double precision NOT NULL,
        "sum_sq" double precision NOT NULL,
        PRIMARY KEY ("experiment_id", "metric", "day", "host_id", "size_class")
      )`);
    await queryRunner.query(`
      INSERT INTO host_metric_daily (experiment_id, metric, day, host_id, size_class, arm_id, count, sum, sum_sq)
      SELECT e.experiment_id, v.metric, (s.observed_at AT TIME ZONE 'UTC')::date, e.host_id,
             ${TRANSACTION_SIZE_CLASS_SQL('s.context')}, e.arm_id,
             count(*), sum(v.value), sum(v.value * v.value)
        FROM enrollment e
        JOIN sample s ON s.host_id = e.host_id AND s.observed_at >= e.first_opted_in_at
                     AND (e.status = 'OPTED_IN' OR s.observed_at < e.opted_out_at)
        CROSS JOIN LATERAL (SELECT key AS metric, value::float8 AS value FROM jsonb_each_text(s.metric_values)) v
       WHERE EXISTS (SELECT 1 FROM host_metric_rollup r
                      WHERE r.experiment_id = e.experiment_id AND r.host_id = e.host_id
                        AND r.metric = v.metric AND r.period = 'IN')
       GROUP BY 1, 2, 3, 4, 5, 6`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "host_metric_daily"`);
  }
}
