import {
  ALL_DAILY_CONTRIBUTIONS_SQL,
  ALL_HOST_TOTALS_SQL,
  allHistogramContributionsSql,
  allMomentContributionsSql,
  insertSumsSql,
  perSegmentSql,
  sumsBySegmentValuesSql,
  TALLY_FACTS,
  TALLY_KEY_SQL,
  type AggregateTable,
} from './contributions.sql.js';
import type { Query } from './fold-pass.js';

/**
 * The host facts TALLY_KEY_SQL reads, of host alias `h`, as plain columns: for each,
 * whether the host has it (has_i) and its value (fact_i, JSON null when it has not).
 * Enrollments alike in these and in their experiment, arm and status are tallied alike.
 */
const FACT_COLUMNS = TALLY_FACTS.map(
  (fact, i) => `h.facts ? '${fact}' AS has_${i}, coalesce(h.facts->'${fact}', 'null') AS fact_${i}`,
).join(', ');
/** FACT_COLUMNS' names, of alias `row`. */
const factNames = (row: string): string[] =>
  TALLY_FACTS.flatMap((_, i) => [`${row}.has_${i}`, `${row}.fact_${i}`]);
/** Those facts of a row with FACT_COLUMNS (alias `row`) as a facts object again. */
const factsOf = (row: string): string =>
  `(${TALLY_FACTS.map(
    (fact, i) =>
      `CASE WHEN ${row}.has_${i} THEN jsonb_build_object('${fact}', ${row}.fact_${i}) ELSE '{}'::jsonb END`,
  ).join(' || ')})`;

/**
 * Every enrollment tallied as it is now; answers how many changed. What an enrollment is
 * tallied as depends on its experiment, arm and status and on a few of its host's facts,
 * which most hosts share: the key (TALLY_KEY_SQL, with its package comparisons) is worked
 * out once per distinct combination (kind) rather than once per enrollment, then joined
 * back. Only enrollments whose tally changes are written, in key order, so that the pages
 * of the enrollment indexes are written once each rather than once per row.
 */
const RETALLY_ALL_SQL = `
  WITH enrolled AS MATERIALIZED (
    SELECT e.experiment_id, e.host_id, e.arm_id, e.status, ${factNames('h').join(', ')},
           e.tally_pending, e.tally_status, e.tally_root_fs_type, e.tally_arch, e.tally_exposure,
           e.tally_contaminated
      FROM enrollment e
      -- The facts taken out as the host table is read (OFFSET 0), not after the join.
      JOIN (SELECT h.id, ${FACT_COLUMNS} FROM host h OFFSET 0) h ON h.id = e.host_id
  ), keys AS MATERIALIZED (
    SELECT e.experiment_id, e.arm_id, e.status AS enrollment_status, ${factNames('e').join(', ')},
           ${TALLY_KEY_SQL}
      FROM (SELECT DISTINCT n.experiment_id, n.arm_id, n.status, ${factNames('n').join(', ')} FROM enrolled n) e
      JOIN arm a ON a.id = e.arm_id
     CROSS JOIN LATERAL (SELECT ${factsOf('e')} AS facts) h
  ), changed AS (
    SELECT n.experiment_id, n.host_id, k.status, k.fs, k.arch, k.exposure, k.contaminated
      FROM enrolled n
      JOIN keys k ON k.experiment_id = n.experiment_id AND k.arm_id = n.arm_id
                 AND k.enrollment_status = n.status
                 AND ${TALLY_FACTS.map((_, i) => `k.has_${i} = n.has_${i} AND k.fact_${i} = n.fact_${i}`).join(' AND ')}
     WHERE (n.tally_pending, n.tally_status, n.tally_root_fs_type, n.tally_arch, n.tally_exposure, n.tally_contaminated)
           IS DISTINCT FROM (false, k.status, k.fs, k.arch, k.exposure, k.contaminated)
     ORDER BY n.experiment_id, n.host_id
  ), updated AS (
    UPDATE enrollment e
       SET tally_pending = false, tally_status = c.status, tally_root_fs_type = c.fs,
           tally_arch = c.arch, tally_exposure = c.exposure, tally_contaminated = c.contaminated
      FROM changed c
     WHERE e.experiment_id = c.experiment_id AND e.host_id = c.host_id
    RETURNING 1
  )
  SELECT count(*)::int AS n FROM updated`;

/**
 * Sums `rows` (contributions to `table` with fs and arch, see sumsBySegmentValuesSql)
 * into `table`, counted in each segment. The sums go through a temporary table: the
 * statement that reads every host's rows may then run in parallel, which an INSERT may
 * not; the table it makes is small (a row per arm and segment values, and day or bucket).
 */
async function insertAll(query: Query, table: AggregateTable, rows: string): Promise<void> {
  const sums = `rebuild_${table}`;
  await query(`CREATE TEMP TABLE ${sums} ON COMMIT DROP AS ${sumsBySegmentValuesSql(table, rows)}`);
  await query(insertSumsSql(table, perSegmentSql(table, sums)));
  await query(`DROP TABLE ${sums}`);
}

/**
 * Every aggregate from scratch: each enrollment tallied as it is now, and the sums of
 * every host's contributions. For data from before the folder existed, after a
 * quarantine, a restore or a bulk load, and to check the folder (the test suite and
 * bench:fleet compare the two). Set-based: the aggregates are emptied, and each is
 * filled from one pass over the per-host rollups it is made of.
 */
export async function rebuildAggregates(query: Query): Promise<void> {
  // Room for hash joins with every enrollment and every host's IN row; the setting is
  // put back at the end (a fold pass may follow in the transaction).
  const [{ work_mem: workMem } = { work_mem: '' }] = await query<{ work_mem: string }>(
    `SELECT current_setting('work_mem') AS work_mem`,
  );
  await query(`SET LOCAL work_mem = '256MB'`);

  const [retallied] = await query<{ n: number }>(RETALLY_ALL_SQL);
  // What follows groups by the tallied fs and arch: the planner needs their new
  // statistics to size its hash tables (without them it sorts millions of rows).
  if (retallied!.n > 0) await query('ANALYZE enrollment');

  await query(
    'TRUNCATE enrollment_tally, arm_metric_moments, arm_host_mean_histogram, arm_metric_daily_moments, experiment_size_class',
  );
  await query(
    `CREATE TEMP TABLE rebuild_size_class ON COMMIT DROP AS
     SELECT DISTINCT experiment_id, size_class FROM host_metric_daily_by_size`,
  );
  await query('INSERT INTO experiment_size_class SELECT * FROM rebuild_size_class');
  await query('DROP TABLE rebuild_size_class');
  await query(
    insertSumsSql(
      'enrollment_tally',
      `SELECT experiment_id, arm_id, tally_status AS status, tally_root_fs_type AS root_fs_type,
              tally_arch AS arch, tally_exposure AS exposure, tally_contaminated AS contaminated, 1::bigint AS hosts
         FROM enrollment e`,
    ),
  );
  await insertAll(query, 'arm_metric_moments', allMomentContributionsSql(ALL_HOST_TOTALS_SQL));
  await insertAll(
    query,
    'arm_host_mean_histogram',
    allHistogramContributionsSql(ALL_HOST_TOTALS_SQL),
  );
  await insertAll(query, 'arm_metric_daily_moments', ALL_DAILY_CONTRIBUTIONS_SQL);

  if (workMem) await query(`SELECT set_config('work_mem', $1, true)`, [workMem]);
}
