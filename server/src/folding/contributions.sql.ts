import { HOST_MEAN_SCALE } from '@fleetlab/shared';

// What one host adds to the per-arm aggregates, in SQL. The aggregates always equal the
// sum of these contributions over every host, for the host's rollups and the segment
// values its enrollment was last tallied with. The folder keeps that so by taking a
// host's old contribution out and its new one in; a rebuild sums them from scratch;
// both use the statements built here, so the two cannot drift apart.

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
           ${sign}::bigint AS hosts, ${sign} * t.in_count::bigint AS samples,
           ${sign} * t.m AS sum_mean, ${sign} * t.m * t.m AS sum_mean_sq,
           CASE WHEN t.p IS NULL THEN 0 ELSE ${sign} END::bigint AS cuped_hosts,
           CASE WHEN t.p IS NULL THEN 0 ELSE ${sign} * t.m END AS cuped_sum_y,
           CASE WHEN t.p IS NULL THEN 0 ELSE ${sign} * t.m * t.m END AS cuped_sum_y_sq,
           CASE WHEN t.p IS NULL THEN 0 ELSE ${sign} * t.p END AS cuped_sum_x,
           CASE WHEN t.p IS NULL THEN 0 ELSE ${sign} * t.p * t.p END AS cuped_sum_x_sq,
           CASE WHEN t.p IS NULL THEN 0 ELSE ${sign} * t.m * t.p END AS cuped_sum_xy
      FROM (SELECT h.*, (h.in_sum / h.in_count)::numeric AS m,
                   CASE WHEN h.pre_count > 0 THEN (h.pre_sum / h.pre_count)::numeric END AS p
              FROM (${totals}) h WHERE h.in_count > 0) t
     CROSS JOIN LATERAL ${segmentsOf('t', segments)}
     WHERE seg.segment IS NOT NULL`;
}

/** Host-mean histogram contributions of host totals, times `sign`. */
export function histogramContributionsSql(
  totals: string,
  sign: number,
  segments: 'all' | 'facts' = 'all',
): string {
  return `
    SELECT t.experiment_id, t.metric, seg.segment, t.arm_id,
           ${HOST_MEAN_SCALE.bucketSql('(t.in_sum / t.in_count)')} AS bucket, ${sign}::bigint AS hosts
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

/** Daily moment contributions of host-day rows (`days`, from hostDaysSql), times `sign`. */
export function dailyContributionsSql(
  days: string,
  sign: number,
  segments: 'all' | 'facts' = 'all',
): string {
  return `
    SELECT t.experiment_id, t.metric, seg.segment, t.day, t.arm_id,
           ${sign}::bigint AS hosts, ${sign} * t.count::bigint AS samples,
           ${sign} * t.m AS sum_mean, ${sign} * t.m * t.m AS sum_mean_sq
      FROM (SELECT h.*, (h.sum / h.count)::numeric AS m FROM (${days}) h WHERE h.count > 0) t
     CROSS JOIN LATERAL ${segmentsOf('t', segments)}
     WHERE seg.segment IS NOT NULL`;
}

/**
 * What an enrollment is tallied as, from its status, its host's facts and its arm's
 * stack; alias e (enrollment), h (host), a (its arm).
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

/** The upsert that adds delta rows (grouped by key) into one aggregate table. */
export function addDeltasSql(table: AggregateTable, deltas: string): string {
  const { keys, sums } = AGGREGATES[table];
  const columns = [...keys, ...sums];
  return `
    INSERT INTO ${table} (${columns.join(', ')})
    SELECT ${keys.join(', ')}, ${sums.map((s) => `sum(${s})`).join(', ')}
      FROM (${deltas}) delta
     GROUP BY ${keys.join(', ')}
    HAVING ${sums.map((s) => `sum(${s}) <> 0`).join(' OR ')}
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
