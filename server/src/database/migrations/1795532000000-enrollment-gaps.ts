import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The times a host was out of an experiment between two opt-ins: from its opt-out to
 * its next opt-in. A sample observed in a gap counts toward no period of that
 * experiment, even when it arrives after the host has opted in again (from an agent's
 * spool, say). Gaps of earlier re-opt-ins were not kept and cannot be recovered.
 */
export class EnrollmentGaps1795532000000 implements MigrationInterface {
  name = 'EnrollmentGaps1795532000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "enrollment_gap" (
        "experiment_id" uuid NOT NULL,
        "host_id" uuid NOT NULL,
        "opted_out_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "opted_in_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_enrollment_gap" PRIMARY KEY ("experiment_id", "host_id", "opted_out_at"),
        CONSTRAINT "FK_enrollment_gap_enrollment" FOREIGN KEY ("experiment_id", "host_id")
          REFERENCES "enrollment" ("experiment_id", "host_id") ON DELETE CASCADE
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "enrollment_gap"`);
  }
}
