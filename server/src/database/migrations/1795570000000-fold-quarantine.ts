import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Work the folder could not fold, set aside so that it folds everything else. A fold
 * pass that fails on its data (a value PostgreSQL cannot square, say) is split until
 * the one item it fails on is found; after a few failures alone that item moves here
 * with the database's error:
 * - a BATCH: a queued ingest batch, taken off `fold_queue` with its samples' ids; its
 *   samples stay stored but count nowhere (history folds pass them over as they pass
 *   over queued ones) until an admin retries (back to the queue) or drops them;
 * - an ENROLLMENT: an enrollment whose history or tally failed; the folder passes it
 *   over until an admin retries it.
 * `host_id` leads the key like every fleet-scale table's distribution column.
 */
export class FoldQuarantine1795570000000 implements MigrationInterface {
  name = 'FoldQuarantine1795570000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "fold_quarantine" (
        "id" bigserial NOT NULL,
        "host_id" uuid NOT NULL,
        "kind" text NOT NULL CHECK ("kind" IN ('BATCH', 'ENROLLMENT')),
        "experiment_id" uuid,
        "sample_ids" text[] NOT NULL DEFAULT '{}',
        "observed_from" TIMESTAMP WITH TIME ZONE,
        "observed_to" TIMESTAMP WITH TIME ZONE,
        "queued_at" TIMESTAMP WITH TIME ZONE,
        "samples" integer NOT NULL,
        "reason" text NOT NULL,
        "sql_state" text,
        "failures" integer NOT NULL,
        "quarantined_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_fold_quarantine" PRIMARY KEY ("host_id", "id"),
        CHECK (("kind" = 'ENROLLMENT') = ("experiment_id" IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX "fold_quarantine_id_idx" ON "fold_quarantine" ("id")`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "fold_quarantine_enrollment_idx" ON "fold_quarantine" ("experiment_id", "host_id") WHERE "kind" = 'ENROLLMENT'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Quarantined batches go back to the queue, which the older folder retries as before.
    await queryRunner.query(`
      INSERT INTO "fold_queue" ("host_id", "sample_ids", "observed_from", "observed_to", "queued_at")
      SELECT "host_id", "sample_ids", "observed_from", "observed_to", "queued_at"
        FROM "fold_quarantine" WHERE "kind" = 'BATCH'`);
    await queryRunner.query(`DROP TABLE "fold_quarantine"`);
  }
}
