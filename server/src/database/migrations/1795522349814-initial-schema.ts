import type { MigrationInterface, QueryRunner } from 'typeorm';

const RPMVERCMP = `
CREATE FUNCTION fleetlab_rpmvercmp(a text, b text) RETURNS integer
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  i int := 1; j int := 1; la int := length(a); lb int := length(b);
  ca text; cb text; sa text; sb text; num boolean;
BEGIN
  IF a = b THEN RETURN 0; END IF;
  WHILE i <= la OR j <= lb LOOP
    WHILE i <= la AND substr(a, i, 1) !~ '[0-9A-Za-z~^]' LOOP i := i + 1; END LOOP;
    WHILE j <= lb AND substr(b, j, 1) !~ '[0-9A-Za-z~^]' LOOP j := j + 1; END LOOP;
    ca := CASE WHEN i <= la THEN substr(a, i, 1) END;
    cb := CASE WHEN j <= lb THEN substr(b, j, 1) END;
    IF ca = '~' OR cb = '~' THEN
      IF ca IS DISTINCT FROM '~' THEN RETURN 1; END IF;
      IF cb IS DISTINCT FROM '~' THEN RETURN -1; END IF;
      i := i + 1; j := j + 1; CONTINUE;
    END IF;
    IF ca = '^' OR cb = '^' THEN
      IF ca IS NULL THEN RETURN -1; END IF;
      IF cb IS NULL THEN RETURN 1; END IF;
      IF ca <> '^' THEN RETURN 1; END IF;
      IF cb <> '^' THEN RETURN -1; END IF;
      i := i + 1; j := j + 1; CONTINUE;
    END IF;
    IF ca IS NULL OR cb IS NULL THEN EXIT; END IF;
    num := ca ~ '[0-9]';
    IF num THEN
      sa := substring(substr(a, i) FROM '^[0-9]+');
      sb := substring(substr(b, j) FROM '^[0-9]+');
    ELSE
      sa := substring(substr(a, i) FROM '^[A-Za-z]+');
      sb := substring(substr(b, j) FROM '^[A-Za-z]+');
    END IF;
    IF sb IS NULL THEN RETURN CASE WHEN num THEN 1 ELSE -1 END; END IF;
    i := i + length(sa); j := j + length(sb);
    IF num THEN
      sa := ltrim(sa, '0'); sb := ltrim(sb, '0');
      IF length(sa) <> length(sb) THEN RETURN CASE WHEN length(sa) > length(sb) THEN 1 ELSE -1 END; END IF;
    END IF;
    IF sa <> sb THEN RETURN CASE WHEN sa COLLATE "C" < sb COLLATE "C" THEN -1 ELSE 1 END; END IF;
  END LOOP;
  IF i > la AND j > lb THEN RETURN 0; END IF;
  RETURN CASE WHEN i > la THEN -1 ELSE 1 END;
END $$`;

const EVRCMP = `
CREATE FUNCTION fleetlab_evrcmp(a text, b text) RETURNS integer
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  ea text := coalesce(substring(a FROM '^([0-9]+):'), '0');
  eb text := coalesce(substring(b FROM '^([0-9]+):'), '0');
  ra text := regexp_replace(a, '^[0-9]+:', '');
  rb text := regexp_replace(b, '^[0-9]+:', '');
  va text; vb text; rela text; relb text; c int;
BEGIN
  c := fleetlab_rpmvercmp(ea, eb);
  IF c <> 0 THEN RETURN c; END IF;
  va := CASE WHEN position('-' IN ra) > 0 THEN substring(ra FROM '^(.*)-[^-]*$') ELSE ra END;
  vb := CASE WHEN position('-' IN rb) > 0 THEN substring(rb FROM '^(.*)-[^-]*$') ELSE rb END;
  rela := CASE WHEN position('-' IN ra) > 0 THEN substring(ra FROM '-([^-]*)$') END;
  relb := CASE WHEN position('-' IN rb) > 0 THEN substring(rb FROM '-([^-]*)$') END;
  c := fleetlab_rpmvercmp(va, vb);
  IF c <> 0 OR rela IS NULL OR relb IS NULL THEN RETURN c; END IF;
  RETURN fleetlab_rpmvercmp(rela, relb);
END $$`;

export class InitialSchema1795522349814 implements MigrationInterface {
  name = 'InitialSchema1795522349814';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "change" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" text NOT NULL, "title" text NOT NULL, "description" text, "upstream_url" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_8c77f79263dfe34b09ace573dfa" UNIQUE ("slug"), CONSTRAINT "PK_38168d337b66a2d98e059fe5820" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "enroll_secret" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "secret_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE, "single_use" boolean NOT NULL DEFAULT false, "used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_6a7ccf639f1713ebf2d4824c8f4" UNIQUE ("secret_hash"), CONSTRAINT "PK_f7b615796465652a2fba09b497c" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "experiment_metric" ("experiment_id" uuid NOT NULL, "metric" text NOT NULL, "role" text NOT NULL, "margin" double precision, "position" integer NOT NULL, CONSTRAINT "experiment_metric_role_check" CHECK ("role" IN (\'PRIMARY\', \'GUARDRAIL\')), CONSTRAINT "PK_b4760efd4425cad23ecdf37f7a5" PRIMARY KEY ("experiment_id", "metric"))',
    );
    await queryRunner.query(
      'CREATE TABLE "experiment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "change_id" uuid NOT NULL, "slug" text NOT NULL, "title" text NOT NULL, "hypothesis" text, "status" text NOT NULL DEFAULT \'DRAFT\', "salt" text NOT NULL, "targeting" jsonb NOT NULL DEFAULT \'[]\'::jsonb, "started_at" TIMESTAMP WITH TIME ZONE, "paused_at" TIMESTAMP WITH TIME ZONE, "concluded_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_6fc20fe4716c722e36b537216bd" UNIQUE ("slug"), CONSTRAINT "experiment_status_check" CHECK ("status" IN (\'DRAFT\', \'RUNNING\', \'PAUSED\', \'CONCLUDED\')), CONSTRAINT "PK_4f6eec215c62eec1e0fde987caf" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "experiment_change_id_idx" ON "experiment"  ("change_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "arm" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "experiment_id" uuid NOT NULL, "key" text NOT NULL, "name" text, "weight" integer NOT NULL, "baseline" boolean NOT NULL, "packages" text array NOT NULL DEFAULT \'{}\', "repos" text array NOT NULL DEFAULT \'{}\', "position" integer NOT NULL, CONSTRAINT "arm_weight_check" CHECK ("weight" > 0), CONSTRAINT "PK_711e2a749a8c4baeccf8365290c" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "arm_one_baseline_uq" ON "arm"  ("experiment_id") WHERE "baseline"',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "arm_experiment_key_uq" ON "arm"  ("experiment_id", "key") ',
    );
    await queryRunner.query(
      'CREATE TABLE "host" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seq" BIGSERIAL NOT NULL, "machine_id_hash" text NOT NULL, "hostname" text, "facts" jsonb NOT NULL DEFAULT \'{}\'::jsonb, "enroll_secret_id" uuid, "enrolled_at" TIMESTAMP WITH TIME ZONE NOT NULL, "facts_updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_8c3c32dfe8a1cdcefe4c3f771fc" UNIQUE ("seq"), CONSTRAINT "UQ_4c122ec236814868e9b94d953fe" UNIQUE ("machine_id_hash"), CONSTRAINT "PK_44424c24c2f9b1d7bbf8721f4c4" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "enrollment" ("experiment_id" uuid NOT NULL, "host_id" uuid NOT NULL, "arm_id" uuid NOT NULL, "bucket" integer NOT NULL, "status" text NOT NULL, "opted_in_at" TIMESTAMP WITH TIME ZONE NOT NULL, "opted_out_at" TIMESTAMP WITH TIME ZONE, "opt_out_reason" text, CONSTRAINT "enrollment_status_check" CHECK ("status" IN (\'OPTED_IN\', \'OPTED_OUT\')), CONSTRAINT "PK_2d89ddd16ebbdf182d6ad1ffa1a" PRIMARY KEY ("experiment_id", "host_id"))',
    );
    await queryRunner.query('CREATE INDEX "enrollment_arm_id_idx" ON "enrollment"  ("arm_id") ');
    await queryRunner.query('CREATE INDEX "enrollment_host_id_idx" ON "enrollment"  ("host_id") ');
    await queryRunner.query(
      'CREATE TABLE "host_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "host_id" uuid NOT NULL, "token_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_65c99dac78ea3998feb6e20b708" UNIQUE ("token_hash"), CONSTRAINT "PK_c09aa06522389d94455a3c82adb" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "host_token_host_id_idx" ON "host_token"  ("host_id") ');
    await queryRunner.query(
      'ALTER TABLE "experiment_metric" ADD CONSTRAINT "FK_35cda07c3e7cf3f088840df0895" FOREIGN KEY ("experiment_id") REFERENCES "experiment"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "experiment" ADD CONSTRAINT "FK_4b2b55fb8935da3fbe7fc667243" FOREIGN KEY ("change_id") REFERENCES "change"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "arm" ADD CONSTRAINT "FK_109978f7fbff46374007c3e351d" FOREIGN KEY ("experiment_id") REFERENCES "experiment"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "enrollment" ADD CONSTRAINT "FK_bf8488b1b3efaa4d6bbdee84af8" FOREIGN KEY ("experiment_id") REFERENCES "experiment"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "enrollment" ADD CONSTRAINT "FK_e5cfba769e8fbc3d4ccf9767aa8" FOREIGN KEY ("host_id") REFERENCES "host"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "enrollment" ADD CONSTRAINT "FK_7d22ff34ca21c13a60c6df85928" FOREIGN KEY ("arm_id") REFERENCES "arm"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "host_token" ADD CONSTRAINT "FK_71c8786f1f1b96a20df8fd3ce47" FOREIGN KEY ("host_id") REFERENCES "host"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    // Facts filters (hosts page, opt-in selectors) look inside this column.
    await queryRunner.query(
      'CREATE INDEX "host_facts_gin_idx" ON "host" USING gin ("facts" jsonb_path_ops)',
    );
    // rpm's version order in SQL, step for step as compareVersions/compareEvr in
    // @fleetlab/shared, so that host filters agree with targeting (test/api/hosts.test.ts).
    await queryRunner.query(RPMVERCMP);
    await queryRunner.query(EVRCMP);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION fleetlab_evrcmp(text, text)');
    await queryRunner.query('DROP FUNCTION fleetlab_rpmvercmp(text, text)');
    await queryRunner.query('DROP INDEX "host_facts_gin_idx"');
    await queryRunner.query(
      'ALTER TABLE "host_token" DROP CONSTRAINT "FK_71c8786f1f1b96a20df8fd3ce47"',
    );
    await queryRunner.query(
      'ALTER TABLE "enrollment" DROP CONSTRAINT "FK_7d22ff34ca21c13a60c6df85928"',
    );
    await queryRunner.query(
      'ALTER TABLE "enrollment" DROP CONSTRAINT "FK_e5cfba769e8fbc3d4ccf9767aa8"',
    );
    await queryRunner.query(
      'ALTER TABLE "enrollment" DROP CONSTRAINT "FK_bf8488b1b3efaa4d6bbdee84af8"',
    );
    await queryRunner.query('ALTER TABLE "arm" DROP CONSTRAINT "FK_109978f7fbff46374007c3e351d"');
    await queryRunner.query(
      'ALTER TABLE "experiment" DROP CONSTRAINT "FK_4b2b55fb8935da3fbe7fc667243"',
    );
    await queryRunner.query(
      'ALTER TABLE "experiment_metric" DROP CONSTRAINT "FK_35cda07c3e7cf3f088840df0895"',
    );
    await queryRunner.query('DROP INDEX "public"."host_token_host_id_idx"');
    await queryRunner.query('DROP TABLE "host_token"');
    await queryRunner.query('DROP INDEX "public"."enrollment_host_id_idx"');
    await queryRunner.query('DROP INDEX "public"."enrollment_arm_id_idx"');
    await queryRunner.query('DROP TABLE "enrollment"');
    await queryRunner.query('DROP TABLE "host"');
    await queryRunner.query('DROP INDEX "public"."arm_experiment_key_uq"');
    await queryRunner.query('DROP INDEX "public"."arm_one_baseline_uq"');
    await queryRunner.query('DROP TABLE "arm"');
    await queryRunner.query('DROP INDEX "public"."experiment_change_id_idx"');
    await queryRunner.query('DROP TABLE "experiment"');
    await queryRunner.query('DROP TABLE "experiment_metric"');
    await queryRunner.query('DROP TABLE "enroll_secret"');
    await queryRunner.query('DROP TABLE "change"');
  }
}
