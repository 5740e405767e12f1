import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every host's batch adds to the same per-arm histogram rows, so concurrent batches
 * queued on their row locks. Spreading each series over 16 shards (by host) lets
 * batches of different hosts write side by side; readers add the shards up.
 */
export class HistogramShards1795527000000 implements MigrationInterface {
  name = 'HistogramShards1795527000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "arm_metric_histogram" ADD "shard" smallint NOT NULL DEFAULT 0`,
    );
    await queryRunner.query(
      `ALTER TABLE "arm_metric_histogram" DROP CONSTRAINT "arm_metric_histogram_pkey"`,
    );
    await queryRunner.query(
      `ALTER TABLE "arm_metric_histogram" ADD PRIMARY KEY ("experiment_id", "arm_id", "metric", "day", "bucket", "shard")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Fold the shards back into one row per bucket before the narrower key returns.
    await queryRunner.query(`
      CREATE TEMPORARY TABLE merged AS
        SELECT experiment_id, arm_id, metric, day, bucket, sum(count)::bigint AS count
          FROM arm_metric_histogram GROUP BY experiment_id, arm_id, metric, day, bucket`);
    await queryRunner.query(`DELETE FROM "arm_metric_histogram"`);
    await queryRunner.query(
      `ALTER TABLE "arm_metric_histogram" DROP CONSTRAINT "arm_metric_histogram_pkey"`,
    );
    await queryRunner.query(`ALTER TABLE "arm_metric_histogram" DROP COLUMN "shard"`);
    await queryRunner.query(
      `INSERT INTO arm_metric_histogram (experiment_id, arm_id, metric, day, bucket, count) SELECT * FROM merged`,
    );
    await queryRunner.query(`DROP TABLE merged`);
    await queryRunner.query(
      `ALTER TABLE "arm_metric_histogram" ADD PRIMARY KEY ("experiment_id", "arm_id", "metric", "day", "bucket")`,
    );
  }
}
