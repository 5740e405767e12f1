import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The hosts per arm an experiment plans to reach: its anytime-valid confidence
 * sequences are tuned to be narrowest there. Optional; experiments without one are
 * tuned for the default (DEFAULT_PLANNED_HOSTS_PER_ARM), so existing rows need none.
 */
export class PlannedHostsPerArm1795583000000 implements MigrationInterface {
  name = 'PlannedHostsPerArm1795583000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "experiment" ADD "planned_hosts_per_arm" integer`);
    await queryRunner.query(
      `ALTER TABLE "experiment" ADD CONSTRAINT "experiment_planned_hosts_per_arm_check" CHECK ("planned_hosts_per_arm" > 0)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "experiment" DROP CONSTRAINT "experiment_planned_hosts_per_arm_check"`,
    );
    await queryRunner.query(`ALTER TABLE "experiment" DROP COLUMN "planned_hosts_per_arm"`);
  }
}
