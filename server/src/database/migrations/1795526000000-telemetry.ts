import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Telemetry storage. Raw samples live in a table partitioned by month of
 * `observed_at`, so retention drops whole partitions; `host_id` is the distribution
 * column for Citus. Rollups, kept in the ingest transaction, are what analysis reads:
 * per host (count, sum, sum of squares, min, max, before and after opting in) and per
 * arm and day (a log-bucket histogram, one row per bucket).
 */
export class Telemetry1795526000000 implements MigrationInterface {
  name = 'Telemetry1795526000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Where the pre-enrollment period ends, even after an opt-out and a new opt-in.
    await queryRunner.query(
      `ALTER TABLE "enrollment" ADD "first_opted_in_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(`UPDATE "enrollment" SET "first_opted_in_at" = "opted_in_at"`);
    await queryRunner.query(
      `ALTER TABLE "enrollment" ALTER COLUMN "first_opted_in_at" SET NOT NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE "sample" (
        "host_id" uuid NOT NULL,
        "sample_id" text NOT NULL,
        "kind" text NOT NULL,
        "observed_at" timestamptz NOT NULL,
        "received_at" timestamptz NOT NULL DEFAULT now(),
        "metric_values" jsonb NOT NULL,
        "context" jsonb NOT NULL DEFAULT '{}'
      ) PARTITION BY RANGE ("observed_at")`);
    await queryRunner.query(
      `CREATE INDEX "sample_host_observed_idx" ON "sample" ("host_id", "observed_at")`,
    );

    // One row per stored sample id: tells a resent sample (same fingerprint) from a
    // different one under a used id, whatever partition the first one went to.
    await queryRunner.query(`
      CREATE TABLE "sample_receipt" (
        "host_id" uuid NOT NULL,
        "sample_id" text NOT NULL,
        "fingerprint" bytea NOT NULL,
        "observed_at" timestamptz NOT NULL,
        PRIMARY KEY ("host_id", "sample_id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "sample_receipt_observed_idx" ON "sample_receipt" ("observed_at")`,
    );

    await queryRunner.query(`
      CREATE TABLE "host_metric_rollup" (
        "experiment_id" uuid NOT NULL,
        "host_id" uuid NOT NULL,
        "metric" text NOT NULL,
        "period" text NOT NULL CHECK ("period" IN ('PRE', 'IN')),
        "arm_id" uuid NOT NULL,
        "count" bigint NOT NULL,
        "sum" double precision NOT NULL,
        "sum_sq" double precision NOT NULL,
        "min" double precision NOT NULL,
        "max" double precision NOT NULL,
        PRIMARY KEY ("experiment_id", "host_id", "metric", "period")
      )`);

    await queryRunner.query(`
      CREATE TABLE "arm_metric_histogram" (
        "experiment_id" uuid NOT NULL,
        "arm_id" uuid NOT NULL,
        "metric" text NOT NULL,
        "day" date NOT NULL,
        "bucket" integer NOT NULL,
        "count" bigint NOT NULL,
        PRIMARY KEY ("experiment_id", "arm_id", "metric", "day", "bucket")
      )`);

    await queryRunner.query(`
      CREATE FUNCTION fleetlab_ensure_sample_partitions(from_ts timestamptz, to_ts timestamptz) RETURNS integer
      LANGUAGE plpgsql AS $$
      DECLARE
        month timestamp := date_trunc('month', from_ts AT TIME ZONE 'UTC');
        created integer := 0;
        name text;
      BEGIN
        -- Two servers starting at once must not both create the same partition.
        PERFORM pg_advisory_xact_lock(hashtext('fleetlab_sample_partitions'));
        WHILE month < to_ts AT TIME ZONE 'UTC' LOOP
          name := 'sample_p' || to_char(month, 'YYYY_MM');
          IF to_regclass(name) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF sample FOR VALUES FROM (%L) TO (%L)',
              name, month AT TIME ZONE 'UTC', (month + interval '1 month') AT TIME ZONE 'UTC');
            created := created + 1;
          END IF;
          month := month + interval '1 month';
        END LOOP;
        RETURN created;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP FUNCTION fleetlab_ensure_sample_partitions(timestamptz, timestamptz)`,
    );
    await queryRunner.query(`DROP TABLE "arm_metric_histogram"`);
    await queryRunner.query(`DROP TABLE "host_metric_rollup"`);
    await queryRunner.query(`DROP TABLE "sample_receipt"`);
    await queryRunner.query(`DROP TABLE "sample"`);
    await queryRunner.query(`ALTER TABLE "enrollment" DROP COLUMN "first_opted_in_at"`);
  }
}
