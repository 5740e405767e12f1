import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Append, then fold. The ingest stores receipts and samples and queues the batch in
 * `fold_queue`; the folder (server/src/folding/) folds queued batches into every rollup
 * in its own transactions, deleting what it folded in the same transaction, so a
 * batch is folded exactly once whatever crashes in between.
 *
 * What the folder keeps besides the per-host rollups, so that analysis reads a few rows
 * per arm however many hosts there are:
 * - `arm_metric_moments`: per arm, metric and segment ('' for all hosts,
 *   'ROOT_FS_TYPE=xfs', 'ARCH=x86_64') the sums of host-level means, their squares
 *   and, for hosts with a pre-period, the sums CUPED needs; exact `numeric` sums, so
 *   taking a host's old contribution out and its new one in leaves no drift;
 * - `arm_host_mean_histogram`: per arm, metric and segment how many host means fall
 *   in each fine log bucket (Mann-Whitney and Hodges-Lehmann at scale);
 * - `arm_metric_daily_moments`: the same sums per day, of host-day means (the series);
 * - `enrollment_tally`: hosts per arm, status, root filesystem, arch and exposure
 *   (sample ratio, funnel, exposure and balance checks);
 * - `experiment_size_class`: the transaction size classes an experiment has data in.
 *
 * An enrollment remembers what it was tallied as (`tally_*`); `tally_pending` marks one
 * whose status or host facts changed since, `history_folded` one whose earlier samples
 * (the pre-period) have not been folded yet. `fold_state.rebuild_pending` asks the
 * folder to rebuild every aggregate from the rollups: existing data gets them that way.
 */
export class FoldQueue1795540000000 implements MigrationInterface {
  name = 'FoldQueue1795540000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "fold_queue" (
        "seq" bigserial NOT NULL,
        "host_id" uuid NOT NULL,
        "sample_ids" text[] NOT NULL,
        "observed_from" TIMESTAMP WITH TIME ZONE NOT NULL,
        "observed_to" TIMESTAMP WITH TIME ZONE NOT NULL,
        "queued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_fold_queue" PRIMARY KEY ("host_id", "seq")
      )`);
    await queryRunner.query(`CREATE INDEX "fold_queue_seq_idx" ON "fold_queue" ("seq")`);
    await queryRunner.query(`
      CREATE TABLE "fold_state" (
        "id" integer NOT NULL CHECK ("id" = 1),
        "folded_at" TIMESTAMP WITH TIME ZONE,
        "batches" bigint NOT NULL DEFAULT 0,
        "samples" bigint NOT NULL DEFAULT 0,
        "rebuild_pending" boolean NOT NULL DEFAULT false,
        CONSTRAINT "PK_fold_state" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `INSERT INTO "fold_state" ("id", "folded_at", "rebuild_pending") VALUES (1, now(), true)`,
    );

    await queryRunner.query(`
      ALTER TABLE "enrollment"
        ADD "history_folded" boolean NOT NULL DEFAULT false,
        ADD "tally_pending" boolean NOT NULL DEFAULT true,
        ADD "tally_status" text,
        ADD "tally_root_fs_type" text,
        ADD "tally_arch" text,
        ADD "tally_exposure" text,
        ADD "tally_contaminated" boolean`);
    // Enrollments of before this migration had their pre-period folded at opt-in.
    await queryRunner.query(`UPDATE "enrollment" SET "history_folded" = true`);
    await queryRunner.query(
      `CREATE INDEX "enrollment_history_pending_idx" ON "enrollment" ("experiment_id", "host_id") WHERE NOT "history_folded"`,
    );
    await queryRunner.query(
      `CREATE INDEX "enrollment_tally_pending_idx" ON "enrollment" ("experiment_id", "host_id") WHERE "tally_pending"`,
    );

    await queryRunner.query(`
      CREATE TABLE "arm_metric_moments" (
        "experiment_id" uuid NOT NULL,
        "metric" text NOT NULL,
        "segment" text NOT NULL,
        "arm_id" uuid NOT NULL,
        "hosts" bigint NOT NULL,
        "samples" bigint NOT NULL,
        "sum_mean" numeric NOT NULL,
        "sum_mean_sq" numeric NOT NULL,
        "cuped_hosts" bigint NOT NULL,
        "cuped_sum_y" numeric NOT NULL,
        "cuped_sum_y_sq" numeric NOT NULL,
        "cuped_sum_x" numeric NOT NULL,
        "cuped_sum_x_sq" numeric NOT NULL,
        "cuped_sum_xy" numeric NOT NULL,
        PRIMARY KEY ("experiment_id", "metric", "segment", "arm_id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "arm_host_mean_histogram" (
        "experiment_id" uuid NOT NULL,
        "metric" text NOT NULL,
        "segment" text NOT NULL,
        "arm_id" uuid NOT NULL,
        "bucket" integer NOT NULL,
        "hosts" bigint NOT NULL,
        PRIMARY KEY ("experiment_id", "metric", "segment", "arm_id", "bucket")
      )`);
    await queryRunner.query(`
      CREATE TABLE "arm_metric_daily_moments" (
        "experiment_id" uuid NOT NULL,
        "metric" text NOT NULL,
        "segment" text NOT NULL,
        "day" date NOT NULL,
        "arm_id" uuid NOT NULL,
        "hosts" bigint NOT NULL,
        "samples" bigint NOT NULL,
        "sum_mean" numeric NOT NULL,
        "sum_mean_sq" numeric NOT NULL,
        PRIMARY KEY ("experiment_id", "metric", "segment", "day", "arm_id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "enrollment_tally" (
        "experiment_id" uuid NOT NULL,
        "arm_id" uuid NOT NULL,
        "status" text NOT NULL,
        "root_fs_type" text NOT NULL,
        "arch" text NOT NULL,
        "exposure" text NOT NULL,
        "contaminated" boolean NOT NULL,
        "hosts" bigint NOT NULL,
        PRIMARY KEY ("experiment_id", "arm_id", "status", "root_fs_type", "arch", "exposure", "contaminated")
      )`);

    await queryRunner.query(`
      CREATE TABLE "experiment_size_class" (
        "experiment_id" uuid NOT NULL,
        "size_class" text NOT NULL,
        PRIMARY KEY ("experiment_id", "size_class")
      )`);

    // stackMatches of @fleetlab/shared in SQL: true when the host runs every package of
    // the arm at its version-release, NULL when it reports none of them (unknown).
    // test/api/fold.test.ts holds the two to each other.
    await queryRunner.query(`
      CREATE FUNCTION fleetlab_stack_matches(arm_packages text[], host_packages jsonb) RETURNS boolean
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        WITH wanted AS (
          SELECT m[1] AS name, m[2] || '-' || m[3] AS version_release
            FROM unnest(arm_packages) p,
                 regexp_match(p, '^([A-Za-z0-9][A-Za-z0-9_.+-]*)-([0-9][A-Za-z0-9._+~^]*)-([A-Za-z0-9._+~^]+)$') m
           WHERE m IS NOT NULL
        ), installed AS (
          SELECT CASE WHEN jsonb_typeof(host_packages) = 'object' THEN host_packages ELSE '{}'::jsonb END AS p
        )
        SELECT CASE
          WHEN NOT EXISTS (SELECT 1 FROM wanted) THEN true
          WHEN NOT EXISTS (SELECT 1 FROM wanted w, installed i WHERE jsonb_exists(i.p, w.name)) THEN NULL
          ELSE NOT EXISTS (
            SELECT 1 FROM wanted w, installed i
             WHERE NOT jsonb_exists(i.p, w.name)
                OR fleetlab_evrcmp(i.p->>w.name, w.version_release) IS DISTINCT FROM 0)
        END
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION fleetlab_stack_matches(text[], jsonb)`);
    await queryRunner.query(`DROP TABLE "experiment_size_class"`);
    await queryRunner.query(`DROP TABLE "enrollment_tally"`);
    await queryRunner.query(`DROP TABLE "arm_metric_daily_moments"`);
    await queryRunner.query(`DROP TABLE "arm_host_mean_histogram"`);
    await queryRunner.query(`DROP TABLE "arm_metric_moments"`);
    await queryRunner.query(`DROP INDEX "enrollment_tally_pending_idx"`);
    await queryRunner.query(`DROP INDEX "enrollment_history_pending_idx"`);
    await queryRunner.query(`
      ALTER TABLE "enrollment"
        DROP COLUMN "history_folded", DROP COLUMN "tally_pending", DROP COLUMN "tally_status",
        DROP COLUMN "tally_root_fs_type", DROP COLUMN "tally_arch", DROP COLUMN "tally_exposure",
        DROP COLUMN "tally_contaminated"`);
    await queryRunner.query(`DROP TABLE "fold_state"`);
    await queryRunner.query(`DROP TABLE "fold_queue"`);
  }
}
