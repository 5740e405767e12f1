import type { WebhookFormat } from '@fleetlab/shared/domain';

// Every query of the alerts module: webhooks, the outbox of deliveries, the delivery
// worker's claims and records, and the conditions that keep alerts from repeating.
// (An UPDATE whose rows are read is wrapped in WITH ... SELECT: TypeORM answers a bare
// UPDATE with [rows, count].)

/** A webhook row as the service reads it, with its experiment and its owner. */
export interface WebhookRow {
  id: string;
  name: string;
  url: string;
  format: WebhookFormat;
  experiment_id: string | null;
  experiment_slug: string | null;
  experiment_owner_id: string | null;
  experiment_owner: string | null;
  events: string[];
  active: boolean;
  signed: boolean;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

const WEBHOOK_COLUMNS = `
  w.id, w.name, w.url, w.format, w.experiment_id, x.slug AS experiment_slug,
  x.owner_id AS experiment_owner_id, o.name AS experiment_owner, w.events, w.active,
  w.signing_secret IS NOT NULL AS signed, c.name AS created_by, w.created_at, w.updated_at`;

const WEBHOOK_JOINS = `
  LEFT JOIN experiment x ON x.id = w.experiment_id
  LEFT JOIN person o ON o.id = x.owner_id
  LEFT JOIN person c ON c.id = w.created_by`;

export const WEBHOOK_BY_ID_SQL = `SELECT ${WEBHOOK_COLUMNS} FROM webhook w ${WEBHOOK_JOINS} WHERE w.id = $1`;

/** $1: one experiment's id, or null for all; $2: only experiments this person owns, or null. */
export const LIST_WEBHOOKS_SQL = `
  SELECT ${WEBHOOK_COLUMNS} FROM webhook w ${WEBHOOK_JOINS}
   WHERE ($1::uuid IS NULL OR w.experiment_id = $1)
     AND ($2::uuid IS NULL OR x.owner_id = $2)
   ORDER BY w.created_at DESC, w.id`;

export const INSERT_WEBHOOK_SQL = `
  INSERT INTO webhook (name, url, format, experiment_id, events, signing_secret, created_by)
  VALUES ($1, $2, $3, $4, $5, $6, $7)
  RETURNING id`;

/** Null parameters leave a column as it is. */
export const UPDATE_WEBHOOK_SQL = `
  UPDATE webhook SET name = coalesce($2, name), url = coalesce($3, url),
         events = coalesce($4, events), active = coalesce($5, active), updated_at = now()
   WHERE id = $1`;

/** A webhook that is disabled sends nothing more: what waits for it is cancelled. */
export const CANCEL_PENDING_SQL = `
  UPDATE alert_delivery SET status = 'CANCELLED', finished_at = now(),
         last_error = 'not sent: the webhook was disabled'
   WHERE webhook_id = $1 AND status = 'PENDING'`;

export const DELETE_WEBHOOK_SQL = `DELETE FROM webhook WHERE id = $1`;

/** An experiment's owner, for who may manage its webhooks. */
export const EXPERIMENT_OWNER_SQL = `
  SELECT x.id, x.owner_id, p.name AS owner FROM experiment x
    LEFT JOIN person p ON p.id = x.owner_id WHERE x.slug = $1`;

export interface DeliveryRow {
  id: string;
  webhook_id: string;
  status: string;
  attempts: number;
  created_at: Date;
  next_attempt_at: Date;
  finished_at: Date | null;
  last_status_code: number | null;
  last_error: string | null;
  event_id: string;
  type: string;
  payload: Record<string, unknown>;
  occurred_at: Date;
  tries: {
    attempt: number;
    started_at: string;
    duration_ms: number;
    status_code: number | null;
    error: string | null;
  }[];
}

/** The newest deliveries of each of the webhooks $1, at most $2 each, with their tries. */
export const DELIVERIES_OF_WEBHOOKS_SQL = `
  SELECT d.id, d.webhook_id, d.status, d.attempts, d.created_at, d.next_attempt_at,
         d.finished_at, d.last_status_code, d.last_error, e.id AS event_id, e.type,
         e.payload, e.occurred_at,
         coalesce((SELECT json_agg(json_build_object(
                     'attempt', a.attempt, 'started_at', a.started_at, 'duration_ms', a.duration_ms,
                     'status_code', a.status_code, 'error', a.error) ORDER BY a.attempt)
                     FROM alert_delivery_attempt a WHERE a.delivery_id = d.id), '[]') AS tries
    FROM unnest($1::uuid[]) AS h(webhook_id)
    CROSS JOIN LATERAL (
      SELECT * FROM alert_delivery d0 WHERE d0.webhook_id = h.webhook_id
       ORDER BY d0.created_at DESC, d0.id LIMIT $2
    ) d
    JOIN alert_event e ON e.id = d.event_id
   ORDER BY d.webhook_id, d.created_at DESC, d.id`;

export const DELIVERY_BY_ID_SQL = `
  SELECT d.id, d.webhook_id, d.status, d.attempts, d.created_at, d.next_attempt_at,
         d.finished_at, d.last_status_code, d.last_error, e.id AS event_id, e.type,
         e.payload, e.occurred_at, '[]'::json AS tries
    FROM alert_delivery d JOIN alert_event e ON e.id = d.event_id
   WHERE d.id = $1`;

// Emitting, in the transaction of whatever made the event.

export interface ExperimentContextRow {
  id: string;
  slug: string;
  title: string;
  status: string;
  change_slug: string;
  change_title: string;
}

export const EXPERIMENT_CONTEXT_SQL = `
  SELECT x.id, x.slug, x.title, x.status, c.slug AS change_slug, c.title AS change_title
    FROM experiment x JOIN change c ON c.id = x.change_id WHERE x.id = $1`;

/** The fewest opted-in hosts any arm of experiment $1 has (from the folder's tally). */
export const FEWEST_HOSTS_PER_ARM_SQL = `
  SELECT coalesce(min(hosts), 0)::int AS hosts FROM (
    SELECT coalesce(sum(t.hosts) FILTER (WHERE t.status = 'OPTED_IN'), 0) AS hosts
      FROM arm a LEFT JOIN enrollment_tally t ON t.experiment_id = a.experiment_id AND t.arm_id = a.id
     WHERE a.experiment_id = $1
     GROUP BY a.id
  ) arms`;

export interface ConditionRow {
  fired_state: string | null;
  fired_at: Date | null;
  state: string | null;
  state_since: Date;
}

/** Makes sure the condition has a row, then locks it: concurrent reports take turns. */
export const ENSURE_CONDITION_SQL = `
  INSERT INTO alert_condition (experiment_id, type, subject, state_since)
  VALUES ($1, $2, $3, now()) ON CONFLICT DO NOTHING`;

export const LOCK_CONDITION_SQL = `
  SELECT fired_state, fired_at, state, state_since FROM alert_condition
   WHERE experiment_id = $1 AND type = $2 AND subject = $3 FOR UPDATE`;

export const SAVE_CONDITION_SQL = `
  UPDATE alert_condition SET fired_state = $4, fired_at = $5, state = $6, state_since = $7
   WHERE experiment_id = $1 AND type = $2 AND subject = $3`;

export const INSERT_EVENT_SQL = `
  INSERT INTO alert_event (id, experiment_id, type, payload, occurred_at)
  VALUES ($1, $2, $3, $4, $5)`;

/** One delivery per active webhook that covers experiment $2 and subscribes to type $3. */
export const INSERT_DELIVERIES_SQL = `
  INSERT INTO alert_delivery (event_id, webhook_id)
  SELECT $1, w.id FROM webhook w
   WHERE w.active AND (w.experiment_id IS NULL OR w.experiment_id = $2) AND $3 = ANY (w.events)
  RETURNING id`;

export const INSERT_DELIVERY_SQL = `
  INSERT INTO alert_delivery (event_id, webhook_id) VALUES ($1, $2) RETURNING id`;

// The delivery worker.

/** One replica delivers at a time: whoever holds this for the round. */
export const DELIVERY_LOCK_SQL = `SELECT pg_try_advisory_xact_lock(hashtext('fleetlab_alert_delivery')) AS locked`;

export interface ClaimedRow {
  id: string;
  attempts: number;
  webhook_id: string;
  name: string;
  url: string;
  format: WebhookFormat;
  signing_secret: string | null;
  active: boolean;
  type: string;
  payload: Record<string, unknown>;
}

/**
 * Claims the oldest due delivery of each of up to $2 webhooks, leasing it for $1 ms:
 * committed at once, so that if this replica dies before recording how the delivery
 * went, the next round retries it when the lease is over. A webhook's deliveries go
 * one at a time, in the order of their events: a delivery waits while an older one of
 * its webhook is in flight or waiting for a retry, unless the receiver refused that
 * one outright (a 4xx other than 408 and 429: retried on its own, it holds up no
 * other). Rows another transaction holds are skipped, never waited for.
 */
export const CLAIM_DUE_SQL = `
  WITH due AS (
    SELECT d.id, d.webhook_id, d.created_at FROM alert_delivery d
     WHERE d.status = 'PENDING' AND d.next_attempt_at <= now()
       AND NOT EXISTS (
         SELECT 1 FROM alert_delivery older
          WHERE older.webhook_id = d.webhook_id AND older.status = 'PENDING'
            AND (older.created_at, older.id) < (d.created_at, d.id)
            AND older.next_attempt_at > now()
            AND NOT coalesce(older.last_status_code BETWEEN 400 AND 499
                             AND older.last_status_code NOT IN (408, 429), false))
     ORDER BY d.next_attempt_at, d.created_at
     LIMIT 1000
     FOR UPDATE OF d SKIP LOCKED
  ), picked AS (
    SELECT id FROM (
      SELECT DISTINCT ON (webhook_id) id, created_at FROM due
       ORDER BY webhook_id, created_at, id
    ) oldest ORDER BY created_at LIMIT $2
  ), claimed AS (
    UPDATE alert_delivery d SET next_attempt_at = now() + $1 * interval '1 millisecond'
      FROM picked p, webhook w, alert_event e
     WHERE d.id = p.id AND w.id = d.webhook_id AND e.id = d.event_id
    RETURNING d.id, d.attempts, w.id AS webhook_id, w.name, w.url, w.format, w.signing_secret,
              w.active, e.type, e.payload
  )
  SELECT * FROM claimed`;

export const RECORD_ATTEMPT_SQL = `
  INSERT INTO alert_delivery_attempt (delivery_id, attempt, started_at, duration_ms, status_code, error)
  SELECT id, attempts, $2, $3, $4, $5 FROM alert_delivery WHERE id = $1`;

/** A 2xx answer: received. (Also after the webhook was disabled meanwhile: it was.) */
export const DELIVERED_SQL = `
  UPDATE alert_delivery SET attempts = attempts + 1, status = 'DELIVERED', finished_at = now(),
         last_status_code = $2, last_error = NULL
   WHERE id = $1`;

/**
 * A failed try: tried again after $4 ms, but never later than $3 ms after the event,
 * and given up (FAILED) when a try fails that late. A delivery cancelled meanwhile
 * stays cancelled; the try is counted either way.
 */
export const FAILED_TRY_SQL = `
  WITH tried AS (
    UPDATE alert_delivery SET
           attempts = attempts + 1, last_status_code = $2, last_error = $5,
           status = CASE WHEN status <> 'PENDING' THEN status
                         WHEN created_at + $3 * interval '1 millisecond' <= now() THEN 'FAILED'
                         ELSE 'PENDING' END,
           finished_at = CASE WHEN status <> 'PENDING' THEN finished_at
                              WHEN created_at + $3 * interval '1 millisecond' <= now() THEN now() END,
           next_attempt_at = CASE WHEN status <> 'PENDING' THEN next_attempt_at
                                  ELSE least(now() + $4 * interval '1 millisecond',
                                             created_at + $3 * interval '1 millisecond') END
     WHERE id = $1
    RETURNING status
  )
  SELECT * FROM tried`;

export const CANCEL_DELIVERY_SQL = `
  UPDATE alert_delivery SET status = 'CANCELLED', finished_at = now(),
         last_error = 'not sent: the webhook was disabled'
   WHERE id = $1 AND status = 'PENDING'`;
