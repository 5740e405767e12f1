import { SKETCH_SCALE, TRANSACTION_SIZE_CLASS_SQL } from '@fleetlab/shared';
import { PRE_PERIOD_MS } from '../telemetry/sample-period.js';
import {
  addDeltasSql,
  dailyContributionsSql,
  histogramContributionsSql,
  hostDaysSql,
  hostTotalsSql,
  momentContributionsSql,
  TALLY_KEY_SQL,
} from './contributions.sql.js';
import { NOT_QUARANTINED } from './folding.queries.js';

/** One folder at a time across every replica: a pass holds this advisory lock. */
export const FOLD_LOCK_SQL = `SELECT pg_try_advisory_xact_lock(hashtext('fleetlab_fold')) AS locked`;

/** Runs one statement on the folder's connection (inside its transaction). */
export type Query = <T = unknown>(sql: string, params?: unknown[]) => Promise<T[]>;

/** How much one pass takes on, so that a transaction stays short whatever the backlog. */
export interface PassLimits {
  /** Queued ingest batches. */
  batches: number;
  /** Enrollments whose earlier samples are folded in (first opt-ins). */
  histories: number;
  /** Enrollments tallied again (opt-ins, opt-outs, changed facts). */
  tallies: number;
}

/**
 * Narrows a pass to named work, for the folder's search of what a failed pass failed
 * on: queued batches by their `seq`, or enrollments (their history and their tally).
 */
export type PassFocus =
  | { kind: 'BATCH'; seqs: readonly string[] }
  | { kind: 'ENROLLMENT'; enrollments: readonly EnrollmentKey[] };

export interface EnrollmentKey {
  experimentId: string;
  hostId: string;
}

export interface PassResult {
  batches: number;
  samples: number;
  histories: number;
  tallies: number;
  experimentIds: string[];
}

// Scratch tables of the folder's own connection, emptied at every commit.
const SCRATCH_TABLES = `
  CREATE TEMP TABLE IF NOT EXISTS fold_batch (
    host_id uuid, sample_ids text[], observed_from timestamptz, observed_to timestamptz
  ) ON COMMIT DELETE ROWS;
  CREATE TEMP TABLE IF NOT EXISTS fold_new (
    experiment_id uuid, host_id uuid, PRIMARY KEY (experiment_id, host_id)
  ) ON COMMIT DELETE ROWS;
  CREATE TEMP TABLE IF NOT EXISTS fold_retally (
    experiment_id uuid, host_id uuid, arm_id uuid, tallied boolean,
    old_status text, old_fs text, old_arch text, old_exposure text, old_contaminated boolean,
    status text, fs text, arch text, exposure text, contaminated boolean
  ) ON COMMIT DELETE ROWS;
  CREATE TEMP TABLE IF NOT EXISTS fold_value (
    experiment_id uuid, host_id uuid, arm_id uuid, period text, day date, size_class text,
    metric text, value float8
  ) ON COMMIT DELETE ROWS;
  CREATE TEMP TABLE IF NOT EXISTS fold_host_metric (
    experiment_id uuid, host_id uuid, metric text, fs text, arch text
  ) ON COMMIT DELETE ROWS;
  CREATE TEMP TABLE IF NOT EXISTS fold_host_day (
    experiment_id uuid, host_id uuid, metric text, day date, fs text, arch text
  ) ON COMMIT DELETE ROWS;
  CREATE TEMP TABLE IF NOT EXISTS fold_delta_moments (LIKE arm_metric_moments) ON COMMIT DELETE ROWS;
  CREATE TEMP TABLE IF NOT EXISTS fold_delta_histogram (LIKE arm_host_mean_histogram) ON COMMIT DELETE ROWS;
  CREATE TEMP TABLE IF NOT EXISTS fold_delta_daily (LIKE arm_metric_daily_moments) ON COMMIT DELETE ROWS`;

export async function createScratchTables(query: Query): Promise<void> {
  await query(SCRATCH_TABLES);
}

/** Which period of its enrollment (alias e) a sample (alias s) counts in; as periodOf. */
const PERIOD_SQL = `
  CASE
    WHEN s.observed_at < e.first_opted_in_at THEN
      CASE WHEN s.observed_at >= e.first_opted_in_at - ${PRE_PERIOD_MS} * interval '1 millisecond' THEN 'PRE' END
    WHEN EXISTS (SELECT 1 FROM enrollment_gap g
                  WHERE g.experiment_id = e.experiment_id AND g.host_id = e.host_id
                    AND s.observed_at >= g.opted_out_at AND s.observed_at < g.opted_in_at) THEN NULL
    WHEN e.status = 'OPTED_IN' THEN 'IN'
    WHEN s.observed_at < e.opted_out_at THEN 'IN'
  END`;

/** One row per metric value of the samples `from` joins (as s, with e), that `where` keeps. */
function foldValuesSql(from: string, where: string): string {
  return `
    INSERT INTO fold_value (experiment_id, host_id, arm_id, period, day, size_class, metric, value)
    SELECT e.experiment_id, e.host_id, e.arm_id, p.period,
           (s.observed_at AT TIME ZONE 'UTC')::date,
           ${TRANSACTION_SIZE_CLASS_SQL('s.context')}, v.key, v.value::float8
      ${from}
     CROSS JOIN LATERAL (SELECT ${PERIOD_SQL} AS period) p
     CROSS JOIN LATERAL jsonb_each_text(s.metric_values) v
     WHERE p.period IS NOT NULL AND ${where}`;
}

/**
 * One pass of the folder, inside the transaction of the caller, which holds the fold
 * lock. Every aggregate equals the sum of its hosts' contributions before and after.
 *
 * Which samples count toward which enrollment, once: a queued batch counts toward the
 * enrollments whose history was folded before this pass; an enrollment whose history
 * is folded in this pass takes every sample of its host that is not still queued,
 * including the batches this pass took off the queue. So a sample and an opt-in that
 * race each other meet exactly once, whichever commits first.
 */
export async function foldPass(
  query: Query,
  limits: PassLimits,
  focus?: PassFocus,
): Promise<PassResult> {
  // Room for the pass's aggregations in memory (the default 4 MB spills to disk).
  await query(`SET LOCAL work_mem = '64MB'`);
  const batchFocus = focus?.kind === 'BATCH' ? focus.seqs : null;
  const [claimed] = await query<{ batches: number; samples: number }>(
    `WITH taken AS (
       DELETE FROM fold_queue
        WHERE seq IN (SELECT seq FROM fold_queue ${batchFocus ? 'WHERE seq = ANY($2::bigint[])' : ''}
                       ORDER BY seq LIMIT $1)
        RETURNING host_id, sample_ids, observed_from, observed_to
     ), kept AS (
       INSERT INTO fold_batch SELECT * FROM taken RETURNING cardinality(sample_ids) AS n
     )
     SELECT count(*)::int AS batches, coalesce(sum(n), 0)::int AS samples FROM kept`,
    batchFocus ? [limits.batches, batchFocus] : [limits.batches],
  );
  const enrollmentFocus = focus?.kind === 'ENROLLMENT' ? focus.enrollments : null;
  const focused = enrollmentFocus
    ? `AND (experiment_id, host_id) IN (SELECT * FROM unnest($2::uuid[], $3::uuid[]))`
    : '';
  const focusParams = enrollmentFocus
    ? [enrollmentFocus.map((e) => e.experimentId), enrollmentFocus.map((e) => e.hostId)]
    : [];
  const [histories] = await query<{ n: number }>(
    `WITH marked AS (
       UPDATE enrollment e SET history_folded = true
         FROM (SELECT experiment_id, host_id FROM enrollment pending
                WHERE NOT history_folded ${focused} AND ${NOT_QUARANTINED('pending')}
                LIMIT $1 FOR UPDATE SKIP LOCKED) p
        WHERE e.experiment_id = p.experiment_id AND e.host_id = p.host_id
        RETURNING e.experiment_id, e.host_id
     ), kept AS (INSERT INTO fold_new SELECT * FROM marked RETURNING 1)
     SELECT count(*)::int AS n FROM kept`,
    [limits.histories, ...focusParams],
  );

  // Temporary tables are never analyzed by autovacuum: without statistics the planner
  // guesses their sizes and picks nested loops over thousands of rows.
  await query('ANALYZE fold_batch, fold_new');
  const tallies = await retally(
    query,
    `SELECT experiment_id, host_id FROM fold_new
     UNION (SELECT experiment_id, host_id FROM enrollment pending
             WHERE tally_pending ${focused} AND ${NOT_QUARANTINED('pending')} LIMIT $1)`,
    [limits.tallies, ...focusParams],
  );

  await query(
    foldValuesSql(
      `
      FROM fold_batch b
      JOIN sample s ON s.host_id = b.host_id
                   AND s.observed_at BETWEEN b.observed_from AND b.observed_to
                   AND s.sample_id = ANY(b.sample_ids)
      JOIN enrollment e ON e.host_id = b.host_id AND e.history_folded
      JOIN experiment x ON x.id = e.experiment_id AND x.status = 'RUNNING'`,
      `NOT EXISTS (SELECT 1 FROM fold_new n
                    WHERE n.experiment_id = e.experiment_id AND n.host_id = e.host_id)`,
    ),
  );
  await query(
    foldValuesSql(
      `
      FROM fold_new n
      JOIN enrollment e ON e.experiment_id = n.experiment_id AND e.host_id = n.host_id
      JOIN sample s ON s.host_id = e.host_id
                   AND s.observed_at >= e.first_opted_in_at - ${PRE_PERIOD_MS} * interval '1 millisecond'`,
      // Queued samples fold with their batch; quarantined ones count nowhere.
      `NOT EXISTS (SELECT 1 FROM fold_queue q
                    WHERE q.host_id = s.host_id AND s.sample_id = ANY(q.sample_ids))
       AND NOT EXISTS (SELECT 1 FROM fold_quarantine q
                        WHERE q.host_id = s.host_id AND s.sample_id = ANY(q.sample_ids))`,
    ),
  );
  await addValues(query);

  const experiments = await query<{ experiment_id: string }>(
    `SELECT DISTINCT experiment_id FROM fold_value
     UNION SELECT DISTINCT experiment_id FROM fold_retally`,
  );
  return {
    batches: claimed!.batches,
    samples: claimed!.samples,
    histories: histories!.n,
    tallies,
    experimentIds: experiments.map((e) => e.experiment_id),
  };
}

/**
 * Tallies the enrollments `which` selects again, from their status and their host's
 * facts now: the tally moves them between keys, and a host whose root filesystem or
 * arch changed moves its metric contributions between segments.
 */
async function retally(query: Query, which: string, params: unknown[]): Promise<number> {
  // FOR UPDATE: a facts report that marks the enrollment again waits for this pass to
  // commit, so its mark is never overwritten by a tally of the older facts. SKIP
  // LOCKED: the folder never waits for rows others hold (an opt-out of half the fleet,
  // say), so it takes no part in a deadlock; it tallies those rows in a later pass.
  await query(
    `INSERT INTO fold_retally
     SELECT e.experiment_id, e.host_id, e.arm_id, e.tally_status IS NOT NULL,
            e.tally_status, e.tally_root_fs_type, e.tally_arch, e.tally_exposure, e.tally_contaminated,
            ${TALLY_KEY_SQL}
       FROM enrollment e
       JOIN host h ON h.id = e.host_id
       JOIN arm a ON a.id = e.arm_id
      WHERE e.tally_pending AND (e.experiment_id, e.host_id) IN (${which})
      FOR UPDATE OF e SKIP LOCKED`,
    params,
  );
  await query('ANALYZE fold_retally');
  await query(
    addDeltasSql(
      'enrollment_tally',
      `SELECT experiment_id, arm_id, old_status AS status, old_fs AS root_fs_type, old_arch AS arch,
              old_exposure AS exposure, old_contaminated AS contaminated, -1::bigint AS hosts
         FROM fold_retally WHERE tallied
       UNION ALL
       SELECT experiment_id, arm_id, status, fs, arch, exposure, contaminated, 1
         FROM fold_retally`,
    ),
  );

  const moved = `(SELECT * FROM fold_retally WHERE tallied AND (old_fs, old_arch) IS DISTINCT FROM (fs, arch))`;
  await query(
    addDeltasSql(
      'arm_metric_moments',
      `${momentContributionsSql(hostTotalsSql(moved, 'old'), -1, 'facts')}
       UNION ALL ${momentContributionsSql(hostTotalsSql(moved, 'new'), 1, 'facts')}`,
    ),
  );
  await query(
    addDeltasSql(
      'arm_host_mean_histogram',
      `${histogramContributionsSql(hostTotalsSql(moved, 'old'), -1, 'facts')}
       UNION ALL ${histogramContributionsSql(hostTotalsSql(moved, 'new'), 1, 'facts')}`,
    ),
  );
  await query(
    addDeltasSql(
      'arm_metric_daily_moments',
      `${dailyContributionsSql(hostDaysSql(moved, 'old'), -1, 'facts')}
       UNION ALL ${dailyContributionsSql(hostDaysSql(moved, 'new'), 1, 'facts')}`,
    ),
  );

  const [updated] = await query<{ n: number }>(
    `WITH done AS (
       UPDATE enrollment e
          SET tally_pending = false, tally_status = r.status, tally_root_fs_type = r.fs,
              tally_arch = r.arch, tally_exposure = r.exposure, tally_contaminated = r.contaminated
         FROM fold_retally r
        WHERE e.experiment_id = r.experiment_id AND e.host_id = r.host_id
        RETURNING 1
     ) SELECT count(*)::int AS n FROM done`,
  );
  return updated!.n;
}

/**
 * Adds the values in fold_value to the per-host rollups and the per-arm sample
 * histograms, and moves the per-arm aggregates from the touched hosts' old
 * contributions to their new ones.
 */
async function addValues(query: Query): Promise<void> {
  // The touched hosts' keys, each with the segment values its enrollment is tallied with.
  await query(
    `INSERT INTO fold_host_metric
     SELECT v.experiment_id, v.host_id, v.metric, coalesce(e.tally_root_fs_type, ''), coalesce(e.tally_arch, '')
       FROM (SELECT DISTINCT experiment_id, host_id, metric FROM fold_value) v
       JOIN enrollment e ON e.experiment_id = v.experiment_id AND e.host_id = v.host_id`,
  );
  await query(
    `INSERT INTO fold_host_day
     SELECT v.experiment_id, v.host_id, v.metric, v.day, k.fs, k.arch
       FROM (SELECT DISTINCT experiment_id, host_id, metric, day FROM fold_value WHERE period = 'IN') v
       JOIN fold_host_metric k ON k.experiment_id = v.experiment_id AND k.host_id = v.host_id AND k.metric = v.metric`,
  );
  await query('ANALYZE fold_value, fold_host_metric, fold_host_day');
  await collectContributions(query, -1);

  await query(`
    INSERT INTO host_metric_rollup (experiment_id, host_id, arm_id, metric, period, count, sum, sum_sq, min, max)
    SELECT experiment_id, host_id, arm_id, metric, period, count(*), sum(value), sum(value * value), min(value), max(value)
      FROM fold_value GROUP BY experiment_id, host_id, arm_id, metric, period
     ORDER BY experiment_id, host_id, metric, period
    ON CONFLICT (experiment_id, host_id, metric, period) DO UPDATE SET
      count = host_metric_rollup.count + EXCLUDED.count,
      sum = host_metric_rollup.sum + EXCLUDED.sum,
      sum_sq = host_metric_rollup.sum_sq + EXCLUDED.sum_sq,
      min = least(host_metric_rollup.min, EXCLUDED.min),
      max = greatest(host_metric_rollup.max, EXCLUDED.max)`);
  await query(`
    INSERT INTO host_metric_daily (experiment_id, metric, day, host_id, arm_id, count, sum, sum_sq)
    SELECT experiment_id, metric, day, host_id, arm_id, count(*), sum(value), sum(value * value)
      FROM fold_value WHERE period = 'IN' GROUP BY experiment_id, metric, day, host_id, arm_id
     ORDER BY experiment_id, metric, day, host_id
    ON CONFLICT (experiment_id, metric, day, host_id) DO UPDATE SET
      count = host_metric_daily.count + EXCLUDED.count,
      sum = host_metric_daily.sum + EXCLUDED.sum,
      sum_sq = host_metric_daily.sum_sq + EXCLUDED.sum_sq`);
  await query(`
    INSERT INTO host_metric_daily_by_size (experiment_id, metric, day, host_id, size_class, arm_id, count, sum, sum_sq)
    SELECT experiment_id, metric, day, host_id, size_class, arm_id, count(*), sum(value), sum(value * value)
      FROM fold_value WHERE period = 'IN' AND size_class <> ''
     GROUP BY experiment_id, metric, day, host_id, size_class, arm_id
     ORDER BY experiment_id, metric, day, host_id, size_class
    ON CONFLICT (experiment_id, metric, day, host_id, size_class) DO UPDATE SET
      count = host_metric_daily_by_size.count + EXCLUDED.count,
      sum = host_metric_daily_by_size.sum + EXCLUDED.sum,
      sum_sq = host_metric_daily_by_size.sum_sq + EXCLUDED.sum_sq`);
  // One folder writes at a time, so every row goes to shard 0 (the ingest once spread
  // its writes over shards); compaction merges a day's shards either way.
  await query(`
    INSERT INTO arm_metric_histogram (experiment_id, arm_id, metric, day, bucket, shard, count)
    SELECT experiment_id, arm_id, metric, day, ${SKETCH_SCALE.bucketSql('value')}, 0, count(*)
      FROM fold_value WHERE period = 'IN' GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (experiment_id, metric, arm_id, day, bucket, shard) DO UPDATE
      SET count = arm_metric_histogram.count + EXCLUDED.count`);

  await query(`
    INSERT INTO experiment_size_class (experiment_id, size_class)
    SELECT DISTINCT experiment_id, size_class FROM fold_value WHERE period = 'IN' AND size_class <> ''
    ON CONFLICT DO NOTHING`);

  await collectContributions(query, 1);
  await query(addDeltasSql('arm_metric_moments', 'SELECT * FROM fold_delta_moments'));
  await query(addDeltasSql('arm_host_mean_histogram', 'SELECT * FROM fold_delta_histogram'));
  await query(addDeltasSql('arm_metric_daily_moments', 'SELECT * FROM fold_delta_daily'));
}

/** The touched hosts' contributions as they stand, times `sign`, into the delta tables. */
async function collectContributions(query: Query, sign: number): Promise<void> {
  const totals = hostTotalsSql('fold_host_metric');
  await query(`INSERT INTO fold_delta_moments ${momentContributionsSql(totals, sign)}`);
  await query(`INSERT INTO fold_delta_histogram ${histogramContributionsSql(totals, sign)}`);
  await query(
    `INSERT INTO fold_delta_daily ${dailyContributionsSql(hostDaysSql('fold_host_day'), sign)}`,
  );
}
