// A fleet of any size written straight into PostgreSQL, for bench:fleet: hosts,
// enrollments, samples, and the per-host rollups the folder would make of them. Each
// step is one set-based statement over generate_series, so a million hosts load in
// minutes; random() is seeded (setseed) so that a run can be repeated.
import type pg from 'pg';
import {
  BUCKET_SQL,
  bucketRanges,
  SKETCH_SCALE,
  TRANSACTION_SIZE_CLASS_SQL,
} from '@fleetlab/shared';

export const FLEET_METRICS = ['install_duration_ms', 'download_bytes', 'disk_used_delta_bytes'];

/** In-experiment package transactions per host, over the experiment's days, and pre-period ones. */
export const IN_SAMPLES = 5;
export const PRE_SAMPLES = 2;
/** How long ago the hosts opted in: the experiment's days, as the daily series shows them. */
export const EXPERIMENT_DAYS = 14;

export interface FleetArm {
  id: string;
  key: string;
  weight: number;
  baseline: boolean;
}

/** A standard normal draw from two uniform ones (Box-Muller). */
const NORMAL = `(sqrt(-2 * ln(greatest(random(), 1e-12))) * cos(2 * pi() * random()))`;

/**
 * Adds hosts `from`..`to` (1-based, inclusive) with their facts: root filesystem xfs
 * 50%, btrfs 30%, ext4 20%; aarch64 one in seven; reflinks on btrfs and most xfs.
 */
export async function insertHosts(sql: pg.Client, from: number, to: number): Promise<void> {
  await sql.query(
    `INSERT INTO host (machine_id_hash, hostname, facts, enrolled_at, facts_updated_at, last_seen_at)
     SELECT md5('fleet-' || i) || md5('host-' || i), 'fleet-' || i,
            jsonb_build_object(
              'rootFsType', CASE WHEN i % 10 < 5 THEN 'xfs' WHEN i % 10 < 8 THEN 'btrfs' ELSE 'ext4' END,
              'arch', CASE WHEN i % 7 = 0 THEN 'aarch64' ELSE 'x86_64' END,
              'reflink', i % 10 BETWEEN 1 AND 7,
              'osId', 'centos', 'osVersion', '9', 'region', CASE WHEN i % 2 = 0 THEN 'eu-west' ELSE 'us-east' END),
            now(), now(), now()
       FROM generate_series($1::int, $2::int) AS i`,
    [from, to],
  );
}

/**
 * Enrolls every host not yet in the experiment, in the arm bucketOf gives it, as
 * opted in EXPERIMENT_DAYS ago. `folder`: their samples and tallies are left for the
 * folder (the real path); `bulk`: the bench writes the rollups and rebuilds the
 * aggregates itself. Answers how many were enrolled.
 */
export async function enrollAll(
  sql: pg.Client,
  experiment: { id: string; salt: string; arms: FleetArm[] },
  by: 'folder' | 'bulk',
): Promise<number> {
  const ranges = bucketRanges(experiment.arms);
  const result = await sql.query(
    `INSERT INTO enrollment (experiment_id, host_id, arm_id, bucket, status, opted_in_at, first_opted_in_at,
                             history_folded, tally_pending)
     SELECT $1, a.host_id, r.arm_id, a.bucket, 'OPTED_IN', now() - $7 * interval '1 day', now() - $7 * interval '1 day',
            $6, $8
       FROM (SELECT h.id AS host_id, ${BUCKET_SQL('$2::text', 'h.id')} AS bucket
               FROM host h WHERE NOT EXISTS (SELECT 1 FROM enrollment e WHERE e.experiment_id = $1 AND e.host_id = h.id)) a
       JOIN unnest($3::int[], $4::int[], $5::uuid[]) AS r(bucket_from, bucket_to, arm_id)
         ON a.bucket >= r.bucket_from AND a.bucket < r.bucket_to`,
    [
      experiment.id,
      experiment.salt,
      ranges.map((r) => r.from),
      ranges.map((r) => r.to),
      experiment.arms.map((a) => a.id),
      by === 'bulk',
      EXPERIMENT_DAYS,
      by === 'folder',
    ],
  );
  return result.rowCount ?? 0;
}

/** Every host reports the packages of its arm's stack (what exposure checks). */
export async function reportStacks(
  sql: pg.Client,
  experimentId: string,
  packagesOf: ReadonlyMap<string, Record<string, string>>,
): Promise<void> {
  for (const [armId, packages] of packagesOf) {
    await sql.query(
      `UPDATE host h SET facts = h.facts || jsonb_build_object('packages', $3::jsonb)
         FROM enrollment e WHERE e.experiment_id = $1 AND e.arm_id = $2 AND e.host_id = h.id
          AND NOT (h.facts ? 'packages')`,
      [experimentId, armId, JSON.stringify(packages)],
    );
  }
}

/**
 * Samples of the newly enrolled hosts (those whose seq is above `afterSeq`): PRE_SAMPLES
 * package transactions in the four weeks before the opt-in and IN_SAMPLES after it.
 * Treatment hosts that can reflink install 35% faster; disk use grows 10% on every
 * treatment host; downloads are the same. Hosts differ by a speed factor of ±20%.
 */
export async function insertSamples(
  sql: pg.Client,
  experimentId: string,
  afterSeq: string,
  seed: number,
): Promise<number> {
  await sql.query('SELECT setseed($1)', [(seed % 1000) / 1000]);
  const result = await sql.query(
    `INSERT INTO sample (host_id, sample_id, kind, observed_at, metric_values, context)
     SELECT t.host_id, 'tx-' || t.k, 'package_transaction', t.observed_at,
            jsonb_build_object(
              'install_duration_ms', round((800 + 60 * t.n) * t.speed * exp(0.3 * ${NORMAL})
                                            * CASE WHEN t.cow AND t.reflink AND t.k > 0 THEN 0.65 ELSE 1 END),
              'download_bytes', round(t.n * 250000 * exp(0.8 * ${NORMAL})),
              'disk_used_delta_bytes', round(t.n * 700000 * exp(0.5 * ${NORMAL})
                                              * CASE WHEN t.cow AND t.k > 0 THEN 1.1 ELSE 1 END)),
            jsonb_build_object('action', 'upgrade', 'packages', t.n, 'tool', 'dnf4')
       FROM (SELECT e.host_id, k, NOT a.baseline AS cow, coalesce((h.facts->>'reflink')::boolean, false) AS reflink,
                    exp(0.2 * ((('x' || substr(md5(h.id::text), 1, 8))::bit(32)::int)::float8 / 2147483648.0)) AS speed,
                    1 + floor(power(random(), 3) * 200)::int AS n,
                    CASE WHEN k > 0
                         THEN e.first_opted_in_at + (k * ${EXPERIMENT_DAYS} / (${IN_SAMPLES} + 1.0)) * interval '1 day' + random() * interval '20 hours'
                         ELSE e.first_opted_in_at - (1 - k) * interval '6 days' - random() * interval '20 hours' END AS observed_at
               FROM enrollment e
               JOIN host h ON h.id = e.host_id
               JOIN arm a ON a.id = e.arm_id
              CROSS JOIN generate_series(${1 - PRE_SAMPLES}, ${IN_SAMPLES}) AS k
              WHERE e.experiment_id = $1 AND h.seq > $2) t`,
    [experimentId, afterSeq],
  );
  return result.rowCount ?? 0;
}

/**
 * The rollups of the samples of hosts whose seq is above `afterSeq`, written as the
 * folder writes them: per host and period, per host and day (and size class), and
 * per arm and day the sample histogram. No opt-outs or gaps here, so a sample is PRE
 * before the first opt-in (within four weeks) and IN after it.
 */
export async function insertRollups(
  sql: pg.Client,
  experimentId: string,
  afterSeq: string,
): Promise<void> {
  await sql.query(`DROP TABLE IF EXISTS fleet_value`);
  await sql.query(
    `CREATE TEMP TABLE fleet_value AS
     SELECT e.experiment_id, e.host_id, e.arm_id,
            CASE WHEN s.observed_at < e.first_opted_in_at THEN 'PRE' ELSE 'IN' END AS period,
            (s.observed_at AT TIME ZONE 'UTC')::date AS day, ${TRANSACTION_SIZE_CLASS_SQL('s.context')} AS size_class,
            v.key AS metric, v.value::float8 AS value
       FROM enrollment e
       JOIN host h ON h.id = e.host_id AND h.seq > $2
       JOIN sample s ON s.host_id = e.host_id AND s.observed_at >= e.first_opted_in_at - interval '28 days'
      CROSS JOIN LATERAL jsonb_each_text(s.metric_values) v
      WHERE e.experiment_id = $1`,
    [experimentId, afterSeq],
  );
  await sql.query(`
    INSERT INTO host_metric_rollup (experiment_id, host_id, arm_id, metric, period, count, sum, sum_sq, min, max)
    SELECT experiment_id, host_id, arm_id, metric, period, count(*), sum(value), sum(value * value), min(value), max(value)
      FROM fleet_value GROUP BY experiment_id, host_id, arm_id, metric, period`);
  await sql.query(`
    INSERT INTO host_metric_daily (experiment_id, metric, day, host_id, arm_id, count, sum, sum_sq)
    SELECT experiment_id, metric, day, host_id, arm_id, count(*), sum(value), sum(value * value)
      FROM fleet_value WHERE period = 'IN' GROUP BY experiment_id, metric, day, host_id, arm_id`);
  await sql.query(`
    INSERT INTO host_metric_daily_by_size (experiment_id, metric, day, host_id, size_class, arm_id, count, sum, sum_sq)
    SELECT experiment_id, metric, day, host_id, size_class, arm_id, count(*), sum(value), sum(value * value)
      FROM fleet_value WHERE period = 'IN' AND size_class <> ''
     GROUP BY experiment_id, metric, day, host_id, size_class, arm_id`);
  await sql.query(`
    INSERT INTO arm_metric_histogram (experiment_id, arm_id, metric, day, bucket, shard, count)
    SELECT experiment_id, arm_id, metric, day, ${SKETCH_SCALE.bucketSql('value')}, 0, count(*)
      FROM fleet_value WHERE period = 'IN' GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (experiment_id, metric, arm_id, day, bucket, shard) DO UPDATE
      SET count = arm_metric_histogram.count + EXCLUDED.count`);
  await sql.query(`DROP TABLE fleet_value`);
}

/** The rollup tables' rows of one experiment, for comparing two ways of making them. */
export async function rollupSnapshot(sql: pg.Client, experimentId: string): Promise<string[]> {
  // Values are whole numbers, so sums are exact whatever order they were added in.
  const tables: Record<string, string[]> = {
    host_metric_rollup: ['host_id', 'metric', 'period', 'count', 'sum', 'min', 'max'],
    host_metric_daily: ['host_id', 'metric', 'day', 'count', 'sum'],
    host_metric_daily_by_size: ['host_id', 'metric', 'day', 'size_class', 'count', 'sum'],
    arm_metric_histogram: ['arm_id', 'metric', 'day', 'bucket', 'count'],
  };
  const rows: string[] = [];
  for (const [table, columns] of Object.entries(tables)) {
    const result = await sql.query<{ row: string }>(
      `SELECT concat_ws(' ', '${table}', ${columns.map((c) => `${c}::text`).join(', ')}) AS row
         FROM ${table} WHERE experiment_id = $1 ORDER BY 1`,
      [experimentId],
    );
    for (const r of result.rows) rows.push(r.row);
  }
  return rows;
}
