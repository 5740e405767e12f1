import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables whose rows ingest adds to in place, batch after batch. */
const ROLLUP_TABLES = [
  'host_metric_rollup',
  'host_metric_daily',
  'host_metric_daily_by_size',
  'arm_metric_histogram',
];

/**
 * Cheaper writes for ingest, which adds to rollup rows in place: the rollup tables
 * leave room in their pages (fillfactor 70), so that adding to a row writes its new
 * version on the same page without touching the index (a HOT update). It applies to
 * pages written from now on.
 *
 * (The receipts' observed_at index stays a B-tree: a BRIN index would be cheaper to
 * write, but receipts are pruned and their space reused, which mixes old and new times
 * in the same pages and would turn the prune into a scan of the whole table.)
 */
export class CheaperIngestWrites1795531000000 implements MigrationInterface {
  name = 'CheaperIngestWrites1795531000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ROLLUP_TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" SET (fillfactor = 70)`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ROLLUP_TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" RESET (fillfactor)`);
    }
  }
}
