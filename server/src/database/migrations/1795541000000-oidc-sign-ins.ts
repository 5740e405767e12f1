import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * OIDC sign-ins under way, kept in the database so that a sign-in started on one
 * replica finishes on any other. Only the state's SHA-256 is kept (the browser holds
 * the state itself in a cookie); a row is used once and lives ten minutes.
 */
export class OidcSignIns1795541000000 implements MigrationInterface {
  name = 'OidcSignIns1795541000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "oidc_sign_in" (
        "state_hash" bytea NOT NULL,
        "verifier" text NOT NULL,
        "nonce" text NOT NULL,
        "redirect_uri" text NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_oidc_sign_in" PRIMARY KEY ("state_hash")
      )`);
    await queryRunner.query(
      `CREATE INDEX "oidc_sign_in_expires_idx" ON "oidc_sign_in" ("expires_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "oidc_sign_in"`);
  }
}
