import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The comparison reads one metric's histogram: the key now starts with the metric.
 * Shards only matter while a day is being written; once it is over, its shards are
 * merged into shard 0 (fleetlab_compact_histograms), so the rows a comparison reads
 * grow with the experiment's days and buckets, not with hosts x shards.
 */
export class HistogramCompaction1795528000000 implements MigrationInterface {
  name = 'HistogramCompaction1795528000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "arm_metric_histogram" DROP CONSTRAINT "arm_metric_histogram_pkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "arm_metric_histogram" ADD PRIMARY KEY ("experiment_id", "metric", "arm_id", "day", "bucket", "shard")`,
    );
    await queryRunner.query(`
      CREATE FUNCTION fleetlab_compact_histograms(before date) RETURNS bigint
      LANGUAGE sql AS $$
        WITH moved AS (
          DELETE FROM arm_metric_histogram WHERE day < before AND shard <> 0
          RETURNING experiment_id, arm_id, metric, day, bucket, count
        ), merged AS (
          INSERT INTO arm_metric_histogram (experiment_id, arm_id, metric, day, bucket, shard, count)
          SELECT experiment_id, arm_id, metric, day, bucket, 0, sum(count) FROM moved
           GROUP BY experiment_id, arm_id, metric, day, bucket
          ON CONFLICT (experiment_id, metric, arm_id, day, bucket, shard) DO UPDATE
            SET count = arm_metric_histogram.count + EXCLUDED.count
          RETURNING 1
        )
        SELECT count(*) FROM moved
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION fleetlab_compact_histograms(date)`);
    await queryRunner.query(
      `ALTER TABLE "arm_metric_histogram" DROP CONSTRAINT "arm_metric_histogram_pkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "arm_metric_histogram" ADD PRIMARY KEY ("experiment_id", "arm_id", "metric", "day", "bucket", "shard")`,
    );
  }
}
