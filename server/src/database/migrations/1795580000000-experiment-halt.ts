import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * HALTED: an experiment stopped because of harm, by its owner or on its own when it
 * is set to (`auto_halt`): a guardrail worse beyond its margin or a failed critical
 * health check, found by the folder in the pass that made it so. The halt keeps when
 * and why (`halt_reason`, and the figures that caused it in `halt_figures`); starting
 * the experiment again lifts it.
 */
export class ExperimentHalt1795580000000 implements MigrationInterface {
  name = 'ExperimentHalt1795580000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "experiment" DROP CONSTRAINT "experiment_status_check"`);
    await queryRunner.query(
      `ALTER TABLE "experiment" ADD CONSTRAINT "experiment_status_check" CHECK ("status" IN ('DRAFT', 'RUNNING', 'PAUSED', 'HALTED', 'CONCLUDED'))`,
    );
    await queryRunner.query(`
      ALTER TABLE "experiment"
        ADD "auto_halt" boolean NOT NULL DEFAULT false,
        ADD "halted_at" TIMESTAMP WITH TIME ZONE,
        ADD "halt_reason" text,
        ADD "halt_figures" jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // A halted experiment was stopped: PAUSED is the nearest the older schema has.
    await queryRunner.query(
      `UPDATE "experiment" SET "status" = 'PAUSED' WHERE "status" = 'HALTED'`,
    );
    await queryRunner.query(`
      ALTER TABLE "experiment"
        DROP COLUMN "auto_halt", DROP COLUMN "halted_at", DROP COLUMN "halt_reason", DROP COLUMN "halt_figures"`);
    await queryRunner.query(`ALTER TABLE "experiment" DROP CONSTRAINT "experiment_status_check"`);
    await queryRunner.query(
      `ALTER TABLE "experiment" ADD CONSTRAINT "experiment_status_check" CHECK ("status" IN ('DRAFT', 'RUNNING', 'PAUSED', 'CONCLUDED'))`,
    );
  }
}
