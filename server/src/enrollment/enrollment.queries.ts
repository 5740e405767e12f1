import { BUCKET_SQL } from '@fleetlab/shared';
import { whereClause } from '../hosts/hosts.service.js';

// Every SQL statement of enrollment, in one place. The callers number the parameters
// ($n); selector and targeting conditions are SQL over `host h` whose values are in the
// same parameter list.

/** Holds an experiment's state and weights still until the transaction ends. */
export const LOCK_EXPERIMENT_SQL = 'SELECT 1 FROM experiment WHERE slug = $1 FOR SHARE';

/**
 * Opts hosts in ($1 experiment, $2 host ids, $3 arm ids, $4 buckets). The arm is
 * written only by the first opt-in: ON CONFLICT leaves it alone. A host that opted out
 * comes back: the time it was out is kept as a gap, whose samples count toward nothing
 * (both parts see the enrollment as it was before). A new enrollment's earlier samples
 * (its pre-period) are folded in by the folder, which also tallies every enrollment
 * whose status changed (tally_pending).
 */
export const OPT_IN_SQL = `WITH gap AS (
           INSERT INTO enrollment_gap (experiment_id, host_id, opted_out_at, opted_in_at)
           SELECT experiment_id, host_id, opted_out_at, now() FROM enrollment
            WHERE experiment_id = $1 AND host_id = ANY($2::uuid[]) AND status = 'OPTED_OUT'
              AND opted_out_at IS NOT NULL
         )
         INSERT INTO enrollment (experiment_id, host_id, arm_id, bucket, status, opted_in_at, first_opted_in_at)
         SELECT $1, host_id, arm_id, bucket, 'OPTED_IN', now(), now()
           FROM unnest($2::uuid[], $3::uuid[], $4::int[]) AS t(host_id, arm_id, bucket)
         ON CONFLICT (experiment_id, host_id) DO UPDATE
           SET status = 'OPTED_IN',
               opted_in_at = CASE WHEN enrollment.status = 'OPTED_OUT' THEN now() ELSE enrollment.opted_in_at END,
               opted_out_at = NULL,
               opt_out_reason = NULL,
               tally_pending = enrollment.tally_pending OR enrollment.status = 'OPTED_OUT'
         RETURNING host_id`;

/** Opts hosts out ($1 experiment, $2 host ids, $3 reason). */
export const OPT_OUT_SQL = `UPDATE enrollment SET status = 'OPTED_OUT', opted_out_at = now(), opt_out_reason = $3, tally_pending = true
          WHERE experiment_id = $1 AND host_id = ANY($2::uuid[]) AND status = 'OPTED_IN'`;

/**
 * Opts in every host `conditions` select that `targeted` admits, in the arm its bucket
 * falls in (computed in SQL as bucketOf does): counts matched, not targeted, changed.
 */
export function optInMatchingSql(
  conditions: string[],
  targeted: string[],
  p: { experimentId: string; salt: string; bucketFrom: string; bucketTo: string; armIds: string },
): string {
  return `WITH matched AS (
           SELECT h.id, ${targeted.length ? targeted.join(' AND ') : 'true'} AS targeted
             FROM host h ${whereClause(conditions)}
         ), assigned AS (
           SELECT m.id AS host_id, ${BUCKET_SQL(`${p.salt}::text`, 'm.id')} AS bucket
             FROM matched m WHERE m.targeted
         ), gap AS (
           INSERT INTO enrollment_gap (experiment_id, host_id, opted_out_at, opted_in_at)
           SELECT e.experiment_id, e.host_id, e.opted_out_at, now()
             FROM enrollment e JOIN assigned a ON a.host_id = e.host_id
            WHERE e.experiment_id = ${p.experimentId} AND e.status = 'OPTED_OUT' AND e.opted_out_at IS NOT NULL
         ), written AS (
           INSERT INTO enrollment (experiment_id, host_id, arm_id, bucket, status, opted_in_at, first_opted_in_at)
           SELECT ${p.experimentId}, a.host_id, r.arm_id, a.bucket, 'OPTED_IN', now(), now()
             FROM assigned a
             JOIN unnest(${p.bucketFrom}::int[], ${p.bucketTo}::int[],
                         ${p.armIds}::uuid[]) AS r(bucket_from, bucket_to, arm_id)
               ON a.bucket >= r.bucket_from AND a.bucket < r.bucket_to
           ON CONFLICT (experiment_id, host_id) DO UPDATE
             SET status = 'OPTED_IN', opted_in_at = now(), opted_out_at = NULL, opt_out_reason = NULL,
                 tally_pending = true
             WHERE enrollment.status = 'OPTED_OUT'
           RETURNING 1
         )
         SELECT (SELECT count(*)::int FROM matched) AS matched,
                (SELECT count(*)::int FROM matched WHERE NOT targeted) AS not_targeted,
                (SELECT count(*)::int FROM written) AS changed`;
}

/** Opts out every enrolled host `conditions` select: counts matched and changed. */
export function optOutMatchingSql(
  conditions: string[],
  p: { reason: string; experimentId: string },
): string {
  return `WITH matched AS (SELECT h.id FROM host h ${whereClause(conditions)}),
         changed AS (
           UPDATE enrollment e
              SET status = 'OPTED_OUT', opted_out_at = now(), opt_out_reason = ${p.reason}::text,
                  tally_pending = true
             FROM matched m
            WHERE e.experiment_id = ${p.experimentId} AND e.host_id = m.id AND e.status = 'OPTED_IN'
            RETURNING 1
         )
         SELECT (SELECT count(*)::int FROM matched) AS matched, (SELECT count(*)::int FROM changed) AS changed`;
}
