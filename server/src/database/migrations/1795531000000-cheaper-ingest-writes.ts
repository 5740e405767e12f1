import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables whose rows ingest adds to in place, batch after batch. */
const ROLLUP_TABLES = [
  'host_metric_rollup',
  'host_metric_daily',
  'host_metric_daily_by_size',
  'arm_metric_histogram',
];

/**
 * Cheaper writes for ingest, which adds a receipt per sample and to rollup rows in
 * place:
 * - The receipts' observed_at index, read only by the retention's prune, becomes a
 *   BRIN index: a few pages per million rows instead of a B-tree entry per receipt.
 *   Receipts arrive roughly in time order, which is what BRIN needs.
 * - Rollup tables leave room in their pages (fillfactor 70), so that adding to a row
 *   writes its new version on the same page without touching the index (a HOT update).
 *   It applies to pages written from now on.
 */
export class CheaperIngestWrites1795531000000 implements MigrationInterface {
  name = 'CheaperIngestWrites1795531000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "sample_receipt_observed_idx"`);
    await queryRunner.query(
      `CREATE INDEX "sample_receipt_observed_brin" ON "sample_receipt" USING brin ("observed_at")`,
    );
    for (const table of ROLLUP_TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" SET (fillfactor = 70)`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ROLLUP_TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" RESET (fillfactor)`);
    }
    await queryRunner.query(`DROP INDEX "sample_receipt_observed_brin"`);
    await queryRunner.query(
      `CREATE INDEX "sample_receipt_observed_idx" ON "sample_receipt" ("observed_at")`,
    );
  }
}
