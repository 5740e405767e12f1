import type { DataSource } from 'typeorm';
import type { CupedMoments } from '@fleetlab/shared';
import { SegmentDimension, type SegmentInput } from './dto/segment.input.js';
import type { ArmDay } from './rollup-queries.js';

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
  db: DataSource,
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

/** Per arm, how many host means of one metric fall in each bucket of HOST_MEAN_SCALE. */
export async function readHostMeanBuckets(
  db: DataSource,
  experimentId: string,
  metric: string,
  segment: string,
): Promise<{ armId: string; bucket: number; hosts: number }[]> {
  const rows = await db.query<{ arm_id: string; bucket: number; hosts: number }[]>(
    `SELECT arm_id, bucket, hosts::float8 AS hosts FROM arm_host_mean_histogram
      WHERE experiment_id = $1 AND metric = $2 AND segment = $3 AND hosts > 0`,
    [experimentId, metric, segment],
  );
  return rows.map((r) => ({ armId: r.arm_id, bucket: r.bucket, hosts: r.hosts }));
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
  db: DataSource,
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
