import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TRANSACTION_SIZE_CLASS_SQL } from '@fleetlab/shared';

/**
 * Per host, metric and day: count, sum and sum of squares of the samples while opted
 * in. What a comparison limited to a time window reads, and what the per-day time
 * series is made of. host_metric_daily_by_size holds the same per transaction size
 * class, for package transactions only: what a comparison by transaction size reads.
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
        "arm_id" uuid NOT NULL,
        "count" bigint NOT NULL,
        "sum" double precision NOT NULL,
        "sum_sq" double precision NOT NULL,
        PRIMARY KEY ("experiment_id", "metric", "day", "host_id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "host_metric_daily_by_size" (
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
      CREATE TEMPORARY TABLE in_experiment AS
      SELECT e.experiment_id, v.metric, (s.observed_at AT TIME ZONE 'UTC')::date AS day, e.host_id,
             ${TRANSACTION_SIZE_CLASS_SQL('s.context')} AS size_class, e.arm_id,
             count(*) AS count, sum(v.value) AS sum, sum(v.value * v.value) AS sum_sq
        FROM enrollment e
        JOIN sample s ON s.host_id = e.host_id AND s.observed_at >= e.first_opted_in_at
                     AND (e.status = 'OPTED_IN' OR s.observed_at < e.opted_out_at)
        CROSS JOIN LATERAL (SELECT key AS metric, value::float8 AS value FROM jsonb_each_text(s.metric_values)) v
       WHERE EXISTS (SELECT 1 FROM host_metric_rollup r
                      WHERE r.experiment_id = e.experiment_id AND r.host_id = e.host_id
                        AND r.metric = v.metric AND r.period = 'IN')
       GROUP BY 1, 2, 3, 4, 5, 6`);
    await queryRunner.query(`
      INSERT INTO host_metric_daily (experiment_id, metric, day, host_id, arm_id, count, sum, sum_sq)
      SELECT experiment_id, metric, day, host_id, arm_id, sum(count), sum(sum), sum(sum_sq)
        FROM in_experiment GROUP BY 1, 2, 3, 4, 5`);
    await queryRunner.query(`
      INSERT INTO host_metric_daily_by_size (experiment_id, metric, day, host_id, size_class, arm_id, count, sum, sum_sq)
      SELECT experiment_id, metric, day, host_id, size_class, arm_id, count, sum, sum_sq
        FROM in_experiment WHERE size_class <> ''`);
    await queryRunner.query(`DROP TABLE in_experiment`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "host_metric_daily_by_size"`);
    await queryRunner.query(`DROP TABLE "host_metric_daily"`);
  }
}
