// The folder's SQL outside a fold pass: how current the rollups are, what waits, and
// the quarantine of work that could not be folded (fold-pass.ts holds the pass itself).
import { PRE_PERIOD_MS } from '../telemetry/sample-period.js';

/** An enrollment the folder set aside (fold_quarantine) is passed over until retried. */
export const NOT_QUARANTINED = (alias: string): string => `NOT EXISTS (
  SELECT 1 FROM fold_quarantine q
   WHERE q.kind = 'ENROLLMENT' AND q.host_id = ${alias}.host_id AND q.experiment_id = ${alias}.experiment_id)`;

/** Whether anything waits to be folded or tallied (cheap: partial indexes and tiny tables). */
export const WORK_PENDING_SQL = `
  SELECT EXISTS (SELECT 1 FROM fold_queue)
      OR EXISTS (SELECT 1 FROM enrollment e WHERE NOT history_folded AND ${NOT_QUARANTINED('e')})
      OR EXISTS (SELECT 1 FROM enrollment e WHERE tally_pending AND ${NOT_QUARANTINED('e')})
      OR (SELECT rebuild_pending FROM fold_state WHERE id = 1) AS pending`;

export const FOLD_STATUS_SQL = `
  SELECT (SELECT queued_at FROM fold_queue ORDER BY seq LIMIT 1) AS oldest,
         (SELECT count(*)::int FROM fold_queue) AS pending,
         (SELECT folded_at FROM fold_state WHERE id = 1) AS folded_at, now() AS now`;

/** The moment before which every acknowledged sample is folded (one index lookup). */
export const AS_OF_SQL = `SELECT coalesce((SELECT queued_at FROM fold_queue ORDER BY seq LIMIT 1), now()) AS as_of`;

/** The oldest queued batches ($1 of them), in the order a pass takes them. */
export const NEXT_BATCHES_SQL = `SELECT seq::text AS seq FROM fold_queue ORDER BY seq LIMIT $1`;

/** Enrollments whose history or tally waits ($1 of them), not set aside. */
export const NEXT_ENROLLMENTS_SQL = `
  SELECT experiment_id AS "experimentId", host_id AS "hostId" FROM enrollment e
   WHERE (NOT history_folded OR tally_pending) AND ${NOT_QUARANTINED('e')}
   ORDER BY experiment_id, host_id LIMIT $1`;

/** Moves queued batch $1 to the quarantine, with reason $2, SQLSTATE $3 and failures $4. */
export const QUARANTINE_BATCH_SQL = `
  WITH moved AS (DELETE FROM fold_queue WHERE seq = $1::bigint RETURNING *)
  INSERT INTO fold_quarantine
    (kind, host_id, sample_ids, observed_from, observed_to, queued_at, samples, reason, sql_state, failures)
  SELECT 'BATCH', host_id, sample_ids, observed_from, observed_to, queued_at, cardinality(sample_ids), $2, $3, $4
    FROM moved
  RETURNING host_id`;

/**
 * Sets enrollment ($1 experiment, $2 host) aside, with reason $3, SQLSTATE $4 and
 * failures $5. Its samples count as held back while its history is not folded (but
 * those a quarantined batch holds already).
 */
export const QUARANTINE_ENROLLMENT_SQL = `
  INSERT INTO fold_quarantine (kind, host_id, experiment_id, samples, reason, sql_state, failures)
  SELECT 'ENROLLMENT', e.host_id, e.experiment_id,
         CASE WHEN e.history_folded THEN 0 ELSE (
           SELECT count(*) FROM sample s
            WHERE s.host_id = e.host_id
              AND s.observed_at >= e.first_opted_in_at - ${PRE_PERIOD_MS} * interval '1 millisecond'
              AND NOT EXISTS (SELECT 1 FROM fold_quarantine q
                               WHERE q.host_id = s.host_id AND s.sample_id = ANY(q.sample_ids))) END,
         $3, $4, $5
    FROM enrollment e
   WHERE e.experiment_id = $1 AND e.host_id = $2 AND (NOT e.history_folded OR e.tally_pending)
  ON CONFLICT DO NOTHING
  RETURNING host_id`;

/** The experiments host $1 is enrolled in. */
export const HOST_EXPERIMENTS_SQL = `SELECT experiment_id AS id FROM enrollment WHERE host_id = $1`;

/**
 * Quarantined work by reason, most samples first: all of it ($1 null), or what touches
 * experiment $1 (its enrollments, and batches of hosts enrolled in it).
 */
export const QUARANTINE_SUMMARY_SQL = `
  SELECT reason, count(*)::int AS items, coalesce(sum(samples), 0)::int AS samples
    FROM fold_quarantine q
   WHERE $1::uuid IS NULL OR q.experiment_id = $1
      OR (q.kind = 'BATCH' AND EXISTS (
            SELECT 1 FROM enrollment e WHERE e.experiment_id = $1 AND e.host_id = q.host_id))
   GROUP BY reason ORDER BY samples DESC, items DESC, reason`;

/** The quarantine, newest first ($1 rows). */
export const QUARANTINE_LIST_SQL = `
  SELECT q.id::text AS id, q.kind, q.host_id AS "hostId", h.hostname, x.slug AS "experimentSlug",
         q.samples, q.observed_from AS "observedFrom", q.observed_to AS "observedTo",
         q.queued_at AS "queuedAt", q.reason, q.sql_state AS "sqlState", q.failures,
         q.quarantined_at AS "quarantinedAt"
    FROM fold_quarantine q
    LEFT JOIN host h ON h.id = q.host_id
    LEFT JOIN experiment x ON x.id = q.experiment_id
   ORDER BY q.id DESC LIMIT $1`;

/** The kinds of quarantined items $1 (ids as text), locked for a retry or a drop. */
export const LOCK_QUARANTINED_SQL = `
  SELECT id::text AS id, kind FROM fold_quarantine WHERE id = ANY($1::bigint[]) FOR UPDATE`;

/** Items $1 leave the quarantine; batches go back to the queue as they were queued. */
export const RETRY_QUARANTINED_SQL = `
  WITH gone AS (DELETE FROM fold_quarantine WHERE id = ANY($1::bigint[]) RETURNING *)
  INSERT INTO fold_queue (host_id, sample_ids, observed_from, observed_to, queued_at)
  SELECT host_id, sample_ids, observed_from, observed_to, queued_at FROM gone WHERE kind = 'BATCH'`;

/** Batches $1 leave the quarantine and their samples are deleted for good. */
export const DROP_QUARANTINED_SQL = `
  WITH gone AS (
    DELETE FROM fold_quarantine WHERE id = ANY($1::bigint[]) AND kind = 'BATCH'
    RETURNING host_id, sample_ids, observed_from, observed_to
  ), deleted AS (
    DELETE FROM sample s USING gone g
     WHERE s.host_id = g.host_id AND s.observed_at BETWEEN g.observed_from AND g.observed_to
       AND s.sample_id = ANY(g.sample_ids)
    RETURNING 1
  ) SELECT count(*)::int AS samples FROM deleted`;
