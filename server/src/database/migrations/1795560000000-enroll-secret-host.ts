import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An enroll secret made for one host: it re-enrolls that host's machine (say, after
 * its token was lost) and nothing else. Before, any single-use secret re-enrolled any
 * machine, so whoever held one could take over another host by its machine id.
 */
export class EnrollSecretHost1795560000000 implements MigrationInterface {
  name = 'EnrollSecretHost1795560000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "enroll_secret" ADD "host_id" uuid`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "enroll_secret" DROP COLUMN "host_id"`);
  }
}
