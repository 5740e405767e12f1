import type { DataSource, EntityManager } from 'typeorm';
import type { CupedMoments } from '@fleetlab/shared';
import { SegmentDimension, type SegmentInput } from './dto/segment.input.js';
import type { HistogramRow, HostValue } from './host-values.js';

// Every SQL statement of the analysis, in one place. Two kinds of reads:
// - host-level rollups (one row per host and metric, or per host and day): the exact
//   path, whose cost grows with hosts but never with samples;
// - per-arm aggregates the folder keeps (see the fold-queue migration): a few rows per
//   arm, metric and segment, whatever the number of hosts.
/** Where the per-arm aggregates are read: the pool, or a transaction (a fold pass's). */
export type AggregatesDb = Pick<EntityManager, 'query'>;

/** What a comparison is limited to: a stratum and whole UTC days (YYYY-MM-DD, inclusive). */
export interface RollupFilter {
  segment?: SegmentInput | null;
  fromDay?: string | null;
  toDay?: string | null;
}

/** One arm on one day: how many hosts, and the mean and variance of their day means. */
export interface ArmDay {
  armId: string;
  day: string;
  samples: number;
  hosts: number;
  mean: number;
  variance: number | null;
}

// Reading rollups only: every query's cost grows with hosts, days and buckets, never
// with samples. The totals per host answer the whole experiment; a window needs the
// per-day rows, a transaction size the per-day rows by size.

/** A segment's condition, given its value's placeholder; host facts are alias h. */
const SEGMENT_SQL: Record<SegmentDimension, (value: string, rollup: string) => string> = {
  [SegmentDimension.ROOT_FS_TYPE]: (value) => `h.facts->>'rootFsType' = ${value}`,
  [SegmentDimension.ARCH]: (value) => `h.facts->>'arch' = ${value}`,
  [SegmentDimension.LABEL]: (value) => `jsonb_exists(h.facts->'labels', ${value})`,
  [SegmentDimension.TRANSACTION_SIZE]: (value, rollup) => `${rollup}.size_class = ${value}`,
};

/** Conditions on host_metric_daily (alias d) and host (alias h), with their parameters. */
function dailyConditions(filter: RollupFilter, params: unknown[]): string {
  const add = (value: unknown): string => `$${params.push(value)}`;
  return (
    dayConditions(filter, 'd.day', add) +
    (filter.segment ? ` AND ${segmentCondition(filter.segment, 'd', add)}` : '')
  );
}

/** ` AND <column> >= $n` and `<= $m` for the window's ends, where it has them. */
function dayConditions(
  filter: RollupFilter,
  column: string,
  add: (value: unknown) => string,
): string {
  return (
    (filter.fromDay ? ` AND ${column} >= ${add(filter.fromDay)}::date` : '') +
    (filter.toDay ? ` AND ${column} <= ${add(filter.toDay)}::date` : '')
  );
}

function segmentCondition(
  segment: SegmentInput,
  rollup: string,
  add: (value: unknown) => string,
): string {
  return SEGMENT_SQL[segment.dimension](add(segment.value), rollup);
}

const joinsHost = (filter: RollupFilter): boolean =>
  !!filter.segment && filter.segment.dimension !== SegmentDimension.TRANSACTION_SIZE;

/** The per-day table a filter reads. */
const dailyTable = (filter: RollupFilter): string =>
  filter.segment?.dimension === SegmentDimension.TRANSACTION_SIZE
    ? 'host_metric_daily_by_size'
    : 'host_metric_daily';

/** Whether the per-day rows are needed, or the per-host totals will do. */
export function needsDailyRows(filter: RollupFilter): boolean {
  return (
    !!filter.fromDay ||
    !!filter.toDay ||
    filter.segment?.dimension === SegmentDimension.TRANSACTION_SIZE
  );
}

interface HostValueRow {
  metric: string;
  arm_id: string;
  host_id: string;
  count: number;
  mean: number;
  pre_mean: number | null;
}

/** Every metric's host-level values (mean while opted in) with the pre-period mean. */
export async function readHostValues(
  db: DataSource,
  experimentId: string,
  filter: RollupFilter,
): Promise<HostValue[]> {
  const params: unknown[] = [experimentId];
  let rows: HostValueRow[];
  if (needsDailyRows(filter)) {
    const conditions = dailyConditions(filter, params);
    // Days are added up first, then each host meets its pre-period once.
    rows = await db.query<HostValueRow[]>(
      `SELECT v.metric, v.arm_id, v.host_id, v.count, v.mean, pre.sum / pre.count AS pre_mean
         FROM (SELECT d.metric, d.arm_id, d.host_id, sum(d.count)::float8 AS count,
                      sum(d.sum) / sum(d.count) AS mean
                 FROM ${dailyTable(filter)} d
                 ${joinsHost(filter) ? 'JOIN host h ON h.id = d.host_id' : ''}
                WHERE d.experiment_id = $1${conditions}
                GROUP BY d.metric, d.arm_id, d.host_id) v
         LEFT JOIN host_metric_rollup pre
           ON pre.experiment_id = $1 AND pre.host_id = v.host_id
          AND pre.metric = v.metric AND pre.period = 'PRE'`,
      params,
    );
  } else {
    const add = (value: unknown): string => `$${params.push(value)}`;
    const segment = filter.segment ? ` AND ${segmentCondition(filter.segment, 'r', add)}` : '';
    rows = await db.query<HostValueRow[]>(
      `SELECT r.metric, r.arm_id, r.host_id, r.count::float8 AS count, r.sum / r.count AS mean,
              pre.sum / pre.count AS pre_mean
         FROM host_metric_rollup r
         ${joinsHost(filter) ? 'JOIN host h ON h.id = r.host_id' : ''}
         LEFT JOIN host_metric_rollup pre
           ON pre.experiment_id = r.experiment_id AND pre.host_id = r.host_id
          AND pre.metric = r.metric AND pre.period = 'PRE'
        WHERE r.experiment_id = $1 AND r.period = 'IN'${segment}`,
      params,
    );
  }
  return rows.map((r) => ({
    metric: r.metric,
    armId: r.arm_id,
    hostId: r.host_id,
    count: r.count,
    mean: r.mean,
    preMean: r.pre_mean,
  }));
}

/** Per arm and day, the host-level means of one metric: what the time series plots. */
export async function readArmDays(
  db: DataSource,
  experimentId: string,
  metric: string,
  filter: RollupFilter,
): Promise<ArmDay[]> {
  const params: unknown[] = [experimentId, metric];
  const conditions = dailyConditions(filter, params);
  // One row per host and day, but by size several (one per size class) to add up.
  const perHost =
    dailyTable(filter) === 'host_metric_daily'
      ? 'd.count, d.sum / d.count AS mean'
      : 'sum(d.count) AS count, sum(d.sum) / sum(d.count) AS mean';
  const rows = await db.query<
    {
      arm_id: string;
      day: string;
      samples: number;
      hosts: number;
      mean: number;
      variance: number | null;
    }[]
  >(
    `SELECT arm_id, to_char(day, 'YYYY-MM-DD') AS day, sum(count)::float8 AS samples,
            count(*)::int AS hosts, avg(mean) AS mean, var_samp(mean) AS variance
       FROM (SELECT d.arm_id, d.day, d.host_id, ${perHost}
               FROM ${dailyTable(filter)} d
               ${joinsHost(filter) ? 'JOIN host h ON h.id = d.host_id' : ''}
              WHERE d.experiment_id = $1 AND d.metric = $2${conditions}
              ${dailyTable(filter) === 'host_metric_daily' ? '' : 'GROUP BY d.arm_id, d.day, d.host_id'}) per_host
      GROUP BY arm_id, day`,
    params,
  );
  return rows.map((r) => ({
    armId: r.arm_id,
    day: r.day,
    samples: r.samples,
    hosts: r.hosts,
    mean: r.mean,
    variance: r.variance,
  }));
}

/** The per-arm histogram buckets of one metric over the window's days, shards merged. */
export async function readHistogramRows(
  db: DataSource,
  experimentId: string,
  metric: string,
  filter: RollupFilter,
): Promise<HistogramRow[]> {
  const params: unknown[] = [experimentId, metric];
  const add = (value: unknown): string => `$${params.push(value)}`;
  const days = dayConditions(filter, 'day', add);
  const rows = await db.query<{ arm_id: string; bucket: number; count: number }[]>(
    `SELECT arm_id, bucket, sum(count)::float8 AS count FROM arm_metric_histogram
      WHERE experiment_id = $1 AND metric = $2${days} GROUP BY arm_id, bucket`,
    params,
  );
  return rows.map((r) => ({ armId: r.arm_id, bucket: r.bucket, count: r.count }));
}

// ---------------------------------------------------------------- per-arm aggregates
// Reading the per-arm aggregates the folder keeps (see the fold-queue migration): a few
// rows per arm, metric and segment, whatever the number of hosts.

/** The dimensions whose segments have aggregates of their own: single host facts. */
export const AGGREGATED_DIMENSIONS: ReadonlySet<SegmentDimension> = new Set([
  SegmentDimension.ROOT_FS_TYPE,
  SegmentDimension.ARCH,
]);

/** The aggregates' key of a segment: '' for all hosts, else e.g. 'ROOT_FS_TYPE=xfs'. */
export const segmentKey = (segment?: SegmentInput | null): string =>
  segment ? `${segment.dimension}=${segment.value}` : '';

/** One arm's host-level values of one metric, as sums: what Welch and CUPED need. */
export interface ArmMetricMoments {
  metric: string;
  armId: string;
  hosts: number;
  samples: number;
  mean: number;
  /** Sample variance of the host means; null below 2 hosts. */
  variance: number | null;
  /** The hosts with a pre-period value, for CUPED. */
  cuped: CupedMoments;
}

/** Every metric's moments per arm in one segment. Centred sums are formed in exact numeric. */
export async function readMoments(
  db: AggregatesDb,
  experimentId: string,
  segment: string,
): Promise<ArmMetricMoments[]> {
  const rows = await db.query<
    {
      metric: string;
      arm_id: string;
      hosts: number;
      samples: number;
      mean: number;
      variance: number | null;
      cuped_hosts: number;
      mean_y: number | null;
      mean_x: number | null;
      syy: number | null;
      sxx: number | null;
      sxy: number | null;
    }[]
  >(
    `SELECT metric, arm_id, hosts::float8 AS hosts, samples::float8 AS samples,
            (sum_mean / hosts)::float8 AS mean,
            CASE WHEN hosts > 1 THEN ((sum_mean_sq - sum_mean * sum_mean / hosts) / (hosts - 1))::float8 END AS variance,
            cuped_hosts::float8 AS cuped_hosts,
            CASE WHEN cuped_hosts > 0 THEN (cuped_sum_y / cuped_hosts)::float8 END AS mean_y,
            CASE WHEN cuped_hosts > 0 THEN (cuped_sum_x / cuped_hosts)::float8 END AS mean_x,
            CASE WHEN cuped_hosts > 0 THEN (cuped_sum_y_sq - cuped_sum_y * cuped_sum_y / cuped_hosts)::float8 END AS syy,
            CASE WHEN cuped_hosts > 0 THEN (cuped_sum_x_sq - cuped_sum_x * cuped_sum_x / cuped_hosts)::float8 END AS sxx,
            CASE WHEN cuped_hosts > 0 THEN (cuped_sum_xy - cuped_sum_x * cuped_sum_y / cuped_hosts)::float8 END AS sxy
       FROM arm_metric_moments
      WHERE experiment_id = $1 AND segment = $2 AND hosts > 0`,
    [experimentId, segment],
  );
  return rows.map((r) => ({
    metric: r.metric,
    armId: r.arm_id,
    hosts: r.hosts,
    samples: r.samples,
    mean: r.mean,
    variance: r.variance,
    cuped: {
      n: r.cuped_hosts,
      meanY: r.mean_y ?? NaN,
      meanX: r.mean_x ?? NaN,
      syy: r.syy ?? NaN,
      sxx: r.sxx ?? NaN,
      sxy: r.sxy ?? NaN,
    },
  }));
}

/**
 * Per arm, how many host means of one metric fall in each bucket of HOST_MEAN_SCALE: an
 * array each (tens of thousands of buckets at fleet scale read faster so than as rows).
 */
export async function readHostMeanBuckets(
  db: DataSource,
  experimentId: string,
  metric: string,
  segment: string,
): Promise<Map<string, { bucket: number; hosts: number }[]>> {
  const rows = await db.query<{ arm_id: string; buckets: number[]; hosts: number[] }[]>(
    `SELECT arm_id, array_agg(bucket) AS buckets, array_agg(hosts::float8) AS hosts
       FROM arm_host_mean_histogram
      WHERE experiment_id = $1 AND metric = $2 AND segment = $3 AND hosts > 0
      GROUP BY arm_id`,
    [experimentId, metric, segment],
  );
  return new Map(
    rows.map((r) => [r.arm_id, r.buckets.map((bucket, i) => ({ bucket, hosts: r.hosts[i]! }))]),
  );
}

/** The enrollment's tallied fact each segment the aggregates keep is counted by. */
const TALLIED_SEGMENT_COLUMN: Partial<Record<SegmentDimension, string>> = {
  [SegmentDimension.ROOT_FS_TYPE]: 'e.tally_root_fs_type',
  [SegmentDimension.ARCH]: 'e.tally_arch',
};

/**
 * Per arm, every host's mean of one metric while opted in, for all hosts or a segment
 * as the aggregates count it (AGGREGATED_DIMENSIONS: by the enrollment's tallied facts).
 */
export async function readExactHostMeans(
  db: DataSource,
  experimentId: string,
  metric: string,
  segment?: SegmentInput | null,
): Promise<Map<string, number[]>> {
  const column = segment && TALLIED_SEGMENT_COLUMN[segment.dimension];
  if (segment && !column) throw new Error(`no tallied fact for segment ${segment.dimension}`);
  const rows = await db.query<{ arm_id: string; means: number[] }[]>(
    `SELECT r.arm_id, array_agg(r.sum / r.count) AS means
       FROM host_metric_rollup r
       ${column ? 'JOIN enrollment e ON e.experiment_id = r.experiment_id AND e.host_id = r.host_id' : ''}
      WHERE r.experiment_id = $1 AND r.metric = $2 AND r.period = 'IN' AND r.count > 0
        ${column ? `AND ${column} = $3` : ''}
      GROUP BY r.arm_id`,
    column ? [experimentId, metric, segment.value] : [experimentId, metric],
  );
  return new Map(rows.map((r) => [r.arm_id, r.means]));
}

/** Per arm and day, the hosts' day means of one metric as sums, for the time series. */
export async function readDailyMoments(
  db: DataSource,
  experimentId: string,
  metric: string,
  segment: string,
): Promise<ArmDay[]> {
  const rows = await db.query<
    {
      arm_id: string;
      day: string;
      samples: number;
      hosts: number;
      mean: number;
      variance: number | null;
    }[]
  >(
    `SELECT arm_id, to_char(day, 'YYYY-MM-DD') AS day, samples::float8 AS samples, hosts::int AS hosts,
            (sum_mean / hosts)::float8 AS mean,
            CASE WHEN hosts > 1 THEN ((sum_mean_sq - sum_mean * sum_mean / hosts) / (hosts - 1))::float8 END AS variance
       FROM arm_metric_daily_moments
      WHERE experiment_id = $1 AND metric = $2 AND segment = $3 AND hosts > 0`,
    [experimentId, metric, segment],
  );
  return rows.map((r) => ({
    armId: r.arm_id,
    day: r.day,
    samples: r.samples,
    hosts: r.hosts,
    mean: r.mean,
    variance: r.variance,
  }));
}

/** Enrolled hosts by arm, status, root filesystem, arch and exposure (folded). */
export interface TallyRow {
  armId: string;
  status: 'OPTED_IN' | 'OPTED_OUT';
  rootFsType: string;
  arch: string;
  exposure: 'EXPOSED' | 'UNEXPOSED' | 'UNKNOWN';
  contaminated: boolean;
  hosts: number;
}

export async function readTally(
  db: AggregatesDb,
  experimentIds: readonly string[],
): Promise<(TallyRow & { experimentId: string })[]> {
  const rows = await db.query<
    {
      experiment_id: string;
      arm_id: string;
      status: TallyRow['status'];
      root_fs_type: string;
      arch: string;
      exposure: TallyRow['exposure'];
      contaminated: boolean;
      hosts: number;
    }[]
  >(
    `SELECT experiment_id, arm_id, status, root_fs_type, arch, exposure, contaminated, hosts::float8 AS hosts
       FROM enrollment_tally WHERE experiment_id = ANY($1::uuid[]) AND hosts > 0`,
    [experimentIds],
  );
  return rows.map((r) => ({
    experimentId: r.experiment_id,
    armId: r.arm_id,
    status: r.status,
    rootFsType: r.root_fs_type,
    arch: r.arch,
    exposure: r.exposure,
    contaminated: r.contaminated,
    hosts: r.hosts,
  }));
}
