import { HOST_MEAN_SCALE } from '@fleetlab/shared';

// What one host adds to the per-arm aggregates, in SQL. The aggregates always equal the
// sum of these contributions over every host, for the host's rollups and the segment
// values its enrollment was last tallied with. The folder keeps that so by taking a
// host's old contribution out and its new one in; a rebuild (rebuild-aggregates.ts)
// sums them from scratch, with set-based forms of the same terms (the ALL_* statements
// below, momentTermsSql and HOST_MEAN_BUCKET_SQL shared with the fold), and the fold
// tests check that a rebuild equals what the folder kept.

/**
 * The segments a host counts in, for a row with `fs` and `arch` columns: all hosts
 * (''), and its root filesystem and arch where it reported them. `which` limits the
 * list to the segments of single facts (a host whose facts changed moves between those).
 */
export function segmentsOf(row: string, which: 'all' | 'facts' = 'all'): string {
  const facts = `(CASE WHEN ${row}.fs <> '' THEN 'ROOT_FS_TYPE=' || ${row}.fs END),
                 (CASE WHEN ${row}.arch <> '' THEN 'ARCH=' || ${row}.arch END)`;
  return `(VALUES ${which === 'all' ? `(''), ${facts}` : facts}) AS seg(segment)`;
}

/**
 * Which hosts' contributions, and the segment values they count under:
 * - `keys`: a relation of experiment_id, host_id, metric (and day, for days) with the
 *   host's fs and arch, as the fold collects them;
 * - `old` / `new`: claimed retally rows (experiment_id, host_id, old_fs, old_arch, fs,
 *   arch), every metric and day of the host, before or after its move;
 * - no relation: every host, with its enrollment's tally columns (a rebuild).
 */
export type SegmentSource = 'keys' | 'old' | 'new';

function segmentColumns(keys: string | null, source: SegmentSource): string {
  if (!keys) return `coalesce(e.tally_root_fs_type, '') AS fs, coalesce(e.tally_arch, '') AS arch`;
  return source === 'old' ? 'k.old_fs AS fs, k.old_arch AS arch' : 'k.fs AS fs, k.arch AS arch';
}

/** Each host's in-experiment and pre-period totals of one metric, with its segment values. */
export function hostTotalsSql(keys: string | null, source: SegmentSource = 'keys'): string {
  const join = keys
    ? `JOIN ${keys} k ON k.experiment_id = r.experiment_id AND k.host_id = r.host_id` +
      (source === 'keys' ? ' AND k.metric = r.metric' : '')
    : 'JOIN enrollment e ON e.experiment_id = r.experiment_id AND e.host_id = r.host_id';
  return `
    SELECT r.experiment_id, r.host_id, r.arm_id, r.metric,
           sum(r.count) FILTER (WHERE r.period = 'IN') AS in_count,
           sum(r.sum) FILTER (WHERE r.period = 'IN') AS in_sum,
           sum(r.count) FILTER (WHERE r.period = 'PRE') AS pre_count,
           sum(r.sum) FILTER (WHERE r.period = 'PRE') AS pre_sum,
           ${segmentColumns(keys, source)}
      FROM host_metric_rollup r
      ${join}
     GROUP BY r.experiment_id, r.host_id, r.arm_id, r.metric, 9, 10`;
}

/** A host's in-experiment mean (m) and pre-period mean (p), of host totals (alias `row`). */
const inMeanSql = (row: string): string => `(${row}.in_sum / ${row}.in_count)::numeric`;
const preMeanSql = (row: string): string =>
  `CASE WHEN ${row}.pre_count > 0 THEN (${row}.pre_sum / ${row}.pre_count)::numeric END`;

/**
 * Host totals (from hostTotalsSql) of hosts with in-experiment samples, with m, the
 * host's in-experiment mean, and p, its pre-period mean (NULL without a pre-period).
 */
function hostMeansSql(totals: string): string {
  return `(SELECT h.*, ${inMeanSql('h')} AS m,
                   ${preMeanSql('h')} AS p
              FROM (${totals}) h WHERE h.in_count > 0)`;
}

/** The moment sums one host (alias t, from hostMeansSql) adds, times `sign`. */
function momentTermsSql(sign: number): string {
  return `${sign}::bigint AS hosts, ${sign} * t.in_count::bigint AS samples,
           ${sign} * t.m AS sum_mean, ${sign} * t.m * t.m AS sum_mean_sq,
           CASE WHEN t.p IS NULL THEN 0 ELSE ${sign} END::bigint AS cuped_hosts,
           CASE WHEN t.p IS NULL THEN 0 ELSE ${sign} * t.m END AS cuped_sum_y,
           CASE WHEN t.p IS NULL THEN 0 ELSE ${sign} * t.m * t.m END AS cuped_sum_y_sq,
           CASE WHEN t.p IS NULL THEN 0 ELSE ${sign} * t.p END AS cuped_sum_x,
           CASE WHEN t.p IS NULL THEN 0 ELSE ${sign} * t.p * t.p END AS cuped_sum_x_sq,
           CASE WHEN t.p IS NULL THEN 0 ELSE ${sign} * t.m * t.p END AS cuped_sum_xy`;
}

/**
 * Moment contributions of host totals (`totals`, from hostTotalsSql), times `sign`:
 * one row per segment, in the columns of arm_metric_moments.
 */
export function momentContributionsSql(
  totals: string,
  sign: number,
  segments: 'all' | 'facts' = 'all',
): string {
  return `
    SELECT t.experiment_id, t.metric, seg.segment, t.arm_id,
           ${momentTermsSql(sign)}
      FROM ${hostMeansSql(totals)} t
     CROSS JOIN LATERAL ${segmentsOf('t', segments)}
     WHERE seg.segment IS NOT NULL`;
}

/** The host-mean histogram bucket of host totals (alias t). */
const HOST_MEAN_BUCKET_SQL = HOST_MEAN_SCALE.bucketSql('(t.in_sum / t.in_count)');

/** Host-mean histogram contributions of host totals, times `sign`. */
export function histogramContributionsSql(
  totals: string,
  sign: number,
  segments: 'all' | 'facts' = 'all',
): string {
  return `
    SELECT t.experiment_id, t.metric, seg.segment, t.arm_id,
           ${HOST_MEAN_BUCKET_SQL} AS bucket, ${sign}::bigint AS hosts
      FROM (${totals}) t
     CROSS JOIN LATERAL ${segmentsOf('t', segments)}
     WHERE t.in_count > 0 AND seg.segment IS NOT NULL`;
}

/** Host-day rows of host_metric_daily with the segment values they count under (see hostTotalsSql). */
export function hostDaysSql(keys: string | null, source: SegmentSource = 'keys'): string {
  const join = keys
    ? `JOIN ${keys} k ON k.experiment_id = d.experiment_id AND k.host_id = d.host_id` +
      (source === 'keys' ? ' AND k.metric = d.metric AND k.day = d.day' : '')
    : 'JOIN enrollment e ON e.experiment_id = d.experiment_id AND e.host_id = d.host_id';
  return `
    SELECT d.experiment_id, d.metric, d.day, d.host_id, d.arm_id, d.count, d.sum, ${segmentColumns(keys, source)}
      FROM host_metric_daily d
      ${join}`;
}

/** The mean of a host-day row (alias `row`, with sum and count) as the daily moments sum it. */
const dayMeanSql = (row: string): string => `(${row}.sum / ${row}.count)::numeric`;

/** Host-day rows (from hostDaysSql) that have samples, with m, the host's mean of the day. */
function hostDayMeansSql(days: string): string {
  return `(SELECT h.*, ${dayMeanSql('h')} AS m FROM (${days}) h WHERE h.count > 0)`;
}

/** The daily moment sums one host-day (alias t, from hostDayMeansSql) adds, times `sign`. */
function dailyTermsSql(sign: number): string {
  return `${sign}::bigint AS hosts, ${sign} * t.count::bigint AS samples,
           ${sign} * t.m AS sum_mean, ${sign} * t.m * t.m AS sum_mean_sq`;
}

/** Daily moment contributions of host-day rows (`days`, from hostDaysSql), times `sign`. */
export function dailyContributionsSql(
  days: string,
  sign: number,
  segments: 'all' | 'facts' = 'all',
): string {
  return `
    SELECT t.experiment_id, t.metric, seg.segment, t.day, t.arm_id,
           ${dailyTermsSql(sign)}
      FROM ${hostDayMeansSql(days)} t
     CROSS JOIN LATERAL ${segmentsOf('t', segments)}
     WHERE seg.segment IS NOT NULL`;
}

// A rebuild sums every host's contributions at once: the same contributions (the same
// terms, sign 1) as the folder's, over every host, but not yet counted in segments. They
// are summed per arm and segment values (fs, arch) first (sumsBySegmentValuesSql), then
// counted in each segment those values make (perSegmentSql), so that the work per host
// is done once rather than once per segment. The sums are exact (numeric and bigint):
// the order they are added in changes nothing.

/**
 * Every host's totals per metric, as hostTotalsSql(null) gives them for the hosts with
 * in-experiment samples, without its GROUP BY: host_metric_rollup holds at most one row
 * per host, metric and period (its primary key), so a host's totals are its IN row and
 * the PRE row of the same arm, if any. The counts are numeric, as sum() makes them.
 */
export const ALL_HOST_TOTALS_SQL = `
  SELECT r.experiment_id, r.host_id, r.arm_id, r.metric,
         r.count::numeric AS in_count, r.sum AS in_sum, p.count::numeric AS pre_count, p.sum AS pre_sum,
         coalesce(e.tally_root_fs_type, '') AS fs, coalesce(e.tally_arch, '') AS arch
    FROM host_metric_rollup r
    JOIN enrollment e ON e.experiment_id = r.experiment_id AND e.host_id = r.host_id
    LEFT JOIN host_metric_rollup p
           ON p.experiment_id = r.experiment_id AND p.host_id = r.host_id AND p.metric = r.metric
          AND p.arm_id = r.arm_id AND p.period = 'PRE'
   WHERE r.period = 'IN'`;

/**
 * Every host's moment terms (host totals from ALL_HOST_TOTALS_SQL), with fs and arch. The
 * host's means are worked out once, by a function in FROM (unnest): as columns of a
 * subquery the planner would copy their conversions to numeric into each of the terms,
 * and a subquery kept apart (OFFSET 0) would keep the statement from running in parallel.
 */
export function allMomentContributionsSql(totals: string): string {
  return `
    SELECT t.experiment_id, t.metric, t.arm_id, t.fs, t.arch, ${momentTermsSql(1)}
      FROM (SELECT h.experiment_id, h.metric, h.arm_id, h.fs, h.arch, h.in_count, mean.m, mean.p
              FROM (${totals}) h
             CROSS JOIN LATERAL unnest(ARRAY[${inMeanSql('h')}], ARRAY[${preMeanSql('h')}]) AS mean(m, p)
             WHERE h.in_count > 0) t`;
}

/** Every host's host-mean histogram count (host totals from ALL_HOST_TOTALS_SQL), with fs and arch. */
export function allHistogramContributionsSql(totals: string): string {
  return `
    SELECT t.experiment_id, t.metric, t.arm_id, t.fs, t.arch, ${HOST_MEAN_BUCKET_SQL} AS bucket, 1::bigint AS hosts
      FROM (${totals}) t WHERE t.in_count > 0`;
}

/**
 * A float8 as numeric, the very value `::numeric` makes of it (rounded to 15 significant
 * digits, printed and read back, which is slow), by way of bigint when it is a whole
 * number of at most 15 digits: metric values mostly are (milliseconds, bytes), and so is
 * the mean of a single sample.
 */
const wholeFastNumericSql = (value: string): string =>
  `CASE WHEN ${value} = trunc(${value}) AND abs(${value}) < 1e15 THEN (${value})::bigint::numeric ELSE (${value})::numeric END`;

/**
 * Every host-day's daily moment terms, with fs and arch: those of hostDaysSql(null). A
 * host-day's mean is most often that of one sample, a whole number, whose conversion is
 * cheap (wholeFastNumericSql): its expression is repeated in the terms rather than
 * worked out apart.
 */
export const ALL_DAILY_CONTRIBUTIONS_SQL = `
  SELECT t.experiment_id, t.metric, t.day, t.arm_id, t.fs, t.arch, ${dailyTermsSql(1)}
    FROM (SELECT d.experiment_id, d.metric, d.day, d.arm_id, d.count,
                 ${wholeFastNumericSql('(d.sum / d.count)')} AS m,
                 coalesce(e.tally_root_fs_type, '') AS fs, coalesce(e.tally_arch, '') AS arch
            FROM host_metric_daily d
            JOIN enrollment e ON e.experiment_id = d.experiment_id AND e.host_id = d.host_id
           WHERE d.count > 0) t`;

/** Contribution rows of `table` with fs and arch instead of a segment, summed per key and segment values. */
export function sumsBySegmentValuesSql(table: AggregateTable, rows: string): string {
  const { keys, sums } = AGGREGATES[table];
  const grouped = [...keys.filter((k) => k !== 'segment'), 'fs', 'arch'];
  return `
    SELECT ${grouped.join(', ')}, ${sums.map((s) => `sum(${s}) AS ${s}`).join(', ')}
      FROM (${rows}) r
     GROUP BY ${grouped.join(', ')}`;
}

/** Rows of sumsBySegmentValuesSql (relation `sums`) counted in each segment of their values. */
export function perSegmentSql(table: AggregateTable, sums: string): string {
  const { keys, sums: columns } = AGGREGATES[table];
  return `
    SELECT ${keys.map((k) => (k === 'segment' ? 'seg.segment' : `g.${k}`)).join(', ')},
           ${columns.map((s) => `g.${s}`).join(', ')}
      FROM ${sums} g
     CROSS JOIN LATERAL ${segmentsOf('g')}
     WHERE seg.segment IS NOT NULL`;
}

/**
 * What an enrollment is tallied as, from its status, its host's facts and its arm's
 * stack; alias e (enrollment), h (host), a (its arm). It reads the facts in TALLY_FACTS
 * and no others.
 */
export const TALLY_KEY_SQL = `
  e.status AS status,
  coalesce(h.facts->>'rootFsType', '') AS fs,
  coalesce(h.facts->>'arch', '') AS arch,
  CASE fleetlab_stack_matches(a.packages, h.facts->'packages')
    WHEN true THEN 'EXPOSED' WHEN false THEN 'UNEXPOSED' ELSE 'UNKNOWN' END AS exposure,
  a.baseline AND EXISTS (
    SELECT 1 FROM arm t
     WHERE t.experiment_id = e.experiment_id AND NOT t.baseline AND cardinality(t.packages) > 0
       AND fleetlab_stack_matches(t.packages, h.facts->'packages') IS TRUE) AS contaminated`;

/** The host facts TALLY_KEY_SQL reads (a rebuild tallies hosts alike when these are alike). */
export const TALLY_FACTS = ['rootFsType', 'arch', 'packages'];

/**
 * Rows summed by key into one aggregate table, keys whose sums are all 0 left out; the
 * table must hold none of those keys (a rebuild's, after TRUNCATE).
 */
export function insertSumsSql(table: AggregateTable, rows: string): string {
  const { keys, sums } = AGGREGATES[table];
  return `
    INSERT INTO ${table} (${[...keys, ...sums].join(', ')})
    SELECT ${keys.join(', ')}, ${sums.map((s) => `sum(${s})`).join(', ')}
      FROM (${rows}) delta
     GROUP BY ${keys.join(', ')}
    HAVING ${sums.map((s) => `sum(${s}) <> 0`).join(' OR ')}`;
}

/** The upsert that adds delta rows (grouped by key) into one aggregate table. */
export function addDeltasSql(table: AggregateTable, deltas: string): string {
  const { keys, sums } = AGGREGATES[table];
  return `${insertSumsSql(table, deltas)}
    ON CONFLICT (${keys.join(', ')}) DO UPDATE SET
      ${sums.map((s) => `${s} = ${table}.${s} + EXCLUDED.${s}`).join(',\n      ')}`;
}

export type AggregateTable =
  | 'arm_metric_moments'
  | 'arm_host_mean_histogram'
  | 'arm_metric_daily_moments'
  | 'enrollment_tally';

export const AGGREGATES: Record<AggregateTable, { keys: string[]; sums: string[] }> = {
  arm_metric_moments: {
    keys: ['experiment_id', 'metric', 'segment', 'arm_id'],
    sums: [
      'hosts',
      'samples',
      'sum_mean',
      'sum_mean_sq',
      'cuped_hosts',
      'cuped_sum_y',
      'cuped_sum_y_sq',
      'cuped_sum_x',
      'cuped_sum_x_sq',
      'cuped_sum_xy',
    ],
  },
  arm_host_mean_histogram: {
    keys: ['experiment_id', 'metric', 'segment', 'arm_id', 'bucket'],
    sums: ['hosts'],
  },
  arm_metric_daily_moments: {
    keys: ['experiment_id', 'metric', 'segment', 'day', 'arm_id'],
    sums: ['hosts', 'samples', 'sum_mean', 'sum_mean_sq'],
  },
  enrollment_tally: {
    keys: ['experiment_id', 'arm_id', 'status', 'root_fs_type', 'arch', 'exposure', 'contaminated'],
    sums: ['hosts'],
  },
};
