import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alerts (server/src/alerts/, docs/alerts.md):
 * - `webhook`: where alerts go, in which body, for one experiment or all of them, and
 *   for which events. A GENERIC webhook's signing secret is stored as it is, because
 *   the server needs it to sign every delivery; it is shown once, at creation.
 * - `alert_event`: every alert that fired, with the payload receivers get.
 * - `alert_delivery`: the outbox, one row per event and webhook, written in the
 *   transaction that made the event, so a crash loses none; the delivery worker
 *   sends what is due, and retries until it is delivered or a day has passed.
 *   `created_at` is the clock's, not the transaction's: two events of one transaction
 *   keep their order.
 * - `alert_delivery_attempt`: each try of a delivery: when, how long, the answer.
 * - `alert_condition`: per experiment, event type and subject (a metric, a check), the
 *   state alerted last and the state now, so that a flapping state alerts once.
 */
export class Alerts1795590000000 implements MigrationInterface {
  name = 'Alerts1795590000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "webhook" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "url" text NOT NULL,
        "format" text NOT NULL CHECK ("format" IN ('GENERIC', 'SLACK', 'MATRIX')),
        "experiment_id" uuid,
        "events" text[] NOT NULL CHECK (cardinality("events") > 0),
        "active" boolean NOT NULL DEFAULT true,
        "signing_secret" text,
        "created_by" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_webhook" PRIMARY KEY ("id"),
        CONSTRAINT "FK_webhook_experiment" FOREIGN KEY ("experiment_id") REFERENCES "experiment"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_webhook_created_by" FOREIGN KEY ("created_by") REFERENCES "person"("id") ON DELETE SET NULL,
        CONSTRAINT "webhook_signing_secret_check" CHECK (("format" = 'GENERIC') = ("signing_secret" IS NOT NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX "webhook_experiment_id_idx" ON "webhook" ("experiment_id")`,
    );

    await queryRunner.query(`
      CREATE TABLE "alert_event" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "experiment_id" uuid,
        "type" text NOT NULL CHECK ("type" IN ('DECISION_CHANGED', 'GUARDRAIL_WORSE', 'HEALTH_CHECK_FAILED', 'HALTED', 'RESUMED', 'STAGE_ADVANCED', 'CONCLUDED', 'TEST')),
        "payload" jsonb NOT NULL,
        "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_alert_event" PRIMARY KEY ("id"),
        CONSTRAINT "FK_alert_event_experiment" FOREIGN KEY ("experiment_id") REFERENCES "experiment"("id") ON DELETE CASCADE,
        CHECK (("experiment_id" IS NULL) <= ("type" = 'TEST'))
      )`);
    await queryRunner.query(
      `CREATE INDEX "alert_event_experiment_idx" ON "alert_event" ("experiment_id", "created_at")`,
    );

    await queryRunner.query(`
      CREATE TABLE "alert_delivery" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "event_id" uuid NOT NULL,
        "webhook_id" uuid NOT NULL,
        "status" text NOT NULL DEFAULT 'PENDING' CHECK ("status" IN ('PENDING', 'DELIVERED', 'FAILED', 'CANCELLED')),
        "attempts" integer NOT NULL DEFAULT 0,
        "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
        "finished_at" TIMESTAMP WITH TIME ZONE,
        "last_status_code" integer,
        "last_error" text,
        CONSTRAINT "PK_alert_delivery" PRIMARY KEY ("id"),
        CONSTRAINT "alert_delivery_event_webhook_key" UNIQUE ("event_id", "webhook_id"),
        CONSTRAINT "FK_alert_delivery_event" FOREIGN KEY ("event_id") REFERENCES "alert_event"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_alert_delivery_webhook" FOREIGN KEY ("webhook_id") REFERENCES "webhook"("id") ON DELETE CASCADE,
        CHECK (("status" = 'PENDING') = ("finished_at" IS NULL))
      )`);
    // What the worker looks for every interval: a lookup in a small partial index.
    await queryRunner.query(
      `CREATE INDEX "alert_delivery_due_idx" ON "alert_delivery" ("next_attempt_at", "created_at") WHERE "status" = 'PENDING'`,
    );
    await queryRunner.query(
      `CREATE INDEX "alert_delivery_webhook_idx" ON "alert_delivery" ("webhook_id", "created_at")`,
    );

    await queryRunner.query(`
      CREATE TABLE "alert_delivery_attempt" (
        "delivery_id" uuid NOT NULL,
        "attempt" integer NOT NULL,
        "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "duration_ms" integer NOT NULL,
        "status_code" integer,
        "error" text,
        CONSTRAINT "PK_alert_delivery_attempt" PRIMARY KEY ("delivery_id", "attempt"),
        CONSTRAINT "FK_alert_delivery_attempt_delivery" FOREIGN KEY ("delivery_id") REFERENCES "alert_delivery"("id") ON DELETE CASCADE
      )`);

    await queryRunner.query(`
      CREATE TABLE "alert_condition" (
        "experiment_id" uuid NOT NULL,
        "type" text NOT NULL,
        "subject" text NOT NULL,
        "fired_state" text,
        "fired_at" TIMESTAMP WITH TIME ZONE,
        "state" text,
        "state_since" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_alert_condition" PRIMARY KEY ("experiment_id", "type", "subject"),
        CONSTRAINT "FK_alert_condition_experiment" FOREIGN KEY ("experiment_id") REFERENCES "experiment"("id") ON DELETE CASCADE
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "alert_condition"`);
    await queryRunner.query(`DROP TABLE "alert_delivery_attempt"`);
    await queryRunner.query(`DROP TABLE "alert_delivery"`);
    await queryRunner.query(`DROP TABLE "alert_event"`);
    await queryRunner.query(`DROP TABLE "webhook"`);
  }
}
