import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People and their API tokens (hashed), the owner of each experiment, host
 * revocation (which also blocks re-enrolment of the machine), and the audit log.
 */
export class PeopleAndAudit1795530000000 implements MigrationInterface {
  name = 'PeopleAndAudit1795530000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "person" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "role" text NOT NULL,
        "oidc_subject" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "UQ_person_name" UNIQUE ("name"),
        CONSTRAINT "UQ_person_oidc_subject" UNIQUE ("oidc_subject"),
        CONSTRAINT "person_role_check" CHECK ("role" IN ('VIEWER', 'OWNER', 'ADMIN')),
        CONSTRAINT "PK_person" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "api_token" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "person_id" uuid NOT NULL,
        "name" text NOT NULL,
        "kind" text NOT NULL DEFAULT 'API',
        "token_hash" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "expires_at" TIMESTAMP WITH TIME ZONE,
        "last_used_at" TIMESTAMP WITH TIME ZONE,
        "revoked_at" TIMESTAMP WITH TIME ZONE,
        "source_token_id" uuid,
        CONSTRAINT "UQ_api_token_token_hash" UNIQUE ("token_hash"),
        CONSTRAINT "api_token_kind_check" CHECK ("kind" IN ('API', 'SESSION')),
        CONSTRAINT "PK_api_token" PRIMARY KEY ("id"),
        CONSTRAINT "FK_e2d4e4aec6ea48547b08e409f9b" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX "api_token_person_id_idx" ON "api_token" ("person_id")`);
    await queryRunner.query(`ALTER TABLE "experiment" ADD "owner_id" uuid`);
    await queryRunner.query(`CREATE INDEX "experiment_owner_id_idx" ON "experiment" ("owner_id")`);
    await queryRunner.query(
      `ALTER TABLE "experiment" ADD CONSTRAINT "FK_b357b1b264272c8459b4e3991d0" FOREIGN KEY ("owner_id") REFERENCES "person"("id") ON DELETE SET NULL`,
    );
    await queryRunner.query(`ALTER TABLE "host" ADD "revoked_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "host" ADD "revoked_reason" text`);
    await queryRunner.query(`
      CREATE TABLE "audit_event" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "actor_kind" text NOT NULL,
        "actor_id" uuid,
        "actor_name" text,
        "action" text NOT NULL,
        "target" text,
        "outcome" text NOT NULL,
        "error_code" text,
        "detail" jsonb,
        "remote_address" text,
        "user_agent" text,
        CONSTRAINT "audit_event_outcome_check" CHECK ("outcome" IN ('OK', 'DENIED', 'FAILED')),
        CONSTRAINT "PK_audit_event" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "audit_event_at_idx" ON "audit_event" ("at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_event"`);
    await queryRunner.query(`ALTER TABLE "host" DROP COLUMN "revoked_reason"`);
    await queryRunner.query(`ALTER TABLE "host" DROP COLUMN "revoked_at"`);
    await queryRunner.query(
      `ALTER TABLE "experiment" DROP CONSTRAINT "FK_b357b1b264272c8459b4e3991d0"`,
    );
    await queryRunner.query(`DROP INDEX "experiment_owner_id_idx"`);
    await queryRunner.query(`ALTER TABLE "experiment" DROP COLUMN "owner_id"`);
    await queryRunner.query(`DROP TABLE "api_token"`);
    await queryRunner.query(`DROP TABLE "person"`);
  }
}
