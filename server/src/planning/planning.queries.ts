import type { DataSource } from 'typeorm';
import { whereClause } from '../hosts/hosts.service.js';

// Every SQL statement of planning, in one place. Targeting conditions are SQL over
// `host h` (factRuleSql) whose values are in the same parameter list; both reads use
// the host table's indexes and the sample table's (host_id, observed_at) index, so
// their cost is bounded by the hosts read, not by the fleet or its samples.

/** How many of the targeted hosts' samples history reads: a random sample of hosts... */
export const HISTORY_MAX_HOSTS = 5000;
/** ...their latest samples of each kind a metric comes from... */
export const HISTORY_SAMPLES_PER_KIND = 50;
/** ...over these last days. */
export const HISTORY_DAYS = 28;
/**
 * Where the run of host ids read starts. Host ids are random UUIDs, so the hosts after
 * any fixed point are a random sample whatever their facts; a fixed one reads the same
 * sample from one edit of the form to the next, so the plan does not jitter as margins
 * are typed, and its reads stay cached.
 */
export const HISTORY_START_ID = '80000000-0000-4000-8000-000000000000';

/** Hosts the targeting matches now: those not revoked. */
export async function countTargetedHosts(
  db: DataSource,
  conditions: string[],
  params: unknown[],
): Promise<number> {
  const [row] = await db.query<{ hosts: number }[]>(
    `SELECT count(*)::int AS hosts FROM host h ${whereClause(['h.revoked_at IS NULL', ...conditions])}`,
    params,
  );
  return row!.hosts;
}

export interface MetricHistoryRow {
  metric: string;
  /** Hosts read, whether or not they reported the metric. */
  hostsRead: number;
  hosts: number;
  samples: number;
  mean: number | null;
  variance: number | null;
  fromDay: string | null;
  toDay: string | null;
}

/**
 * Per metric, the spread of the targeted hosts' own recent means: hosts picked at
 * random (the run of host ids from HISTORY_START_ID, wrapping round), leaving out
 * hosts opted in to a treatment arm (their samples are not the stock stack's), then
 * each host's latest samples of the metrics' kinds in the last days, its mean per
 * metric, and over hosts the mean and variance of those means.
 */
export async function readMetricHistory(
  db: DataSource,
  conditions: string[],
  params: unknown[],
  request: { metrics: string[]; kinds: string[]; startId?: string },
): Promise<MetricHistoryRow[]> {
  const add = (value: unknown): string => `$${params.push(value)}`;
  const start = add(request.startId ?? HISTORY_START_ID);
  const limit = add(HISTORY_MAX_HOSTS);
  const picked = (side: '>=' | '<') =>
    `(SELECT h.id FROM host h
       ${whereClause([
         'h.revoked_at IS NULL',
         `h.id ${side} ${start}::uuid`,
         ...conditions,
         // The range again on the enrollments, so that the anti-join PostgreSQL makes of
         // this reads them from the start, in step with the hosts, not from the first.
         `NOT EXISTS (SELECT 1 FROM enrollment e JOIN arm a ON a.id = e.arm_id
                       WHERE e.host_id = h.id AND e.host_id ${side} ${start}::uuid
                         AND e.status = 'OPTED_IN' AND NOT a.baseline)`,
       ])}
      ORDER BY h.id LIMIT ${limit})`;
  const metrics = add(request.metrics);
  const rows = await db.query<
    {
      metric: string;
      hosts_read: number;
      hosts: number;
      samples: number;
      mean: number | null;
      variance: number | null;
      from_day: string | null;
      to_day: string | null;
    }[]
  >(
    `WITH picked AS (${picked('>=')} UNION ALL ${picked('<')} LIMIT ${limit}),
     per_host AS (
       SELECT p.id, v.key AS metric, count(*) AS samples, avg(v.value::float8) AS mean,
              min(s.observed_at) AS first_at, max(s.observed_at) AS last_at
         FROM picked p
         CROSS JOIN unnest(${add(request.kinds)}::text[]) k(kind)
         CROSS JOIN LATERAL (
           SELECT s.metric_values, s.observed_at FROM sample s
            WHERE s.host_id = p.id AND s.kind = k.kind
              AND s.observed_at >= now() - make_interval(days => ${add(HISTORY_DAYS)})
            ORDER BY s.observed_at DESC LIMIT ${add(HISTORY_SAMPLES_PER_KIND)}) s
         CROSS JOIN LATERAL jsonb_each_text(s.metric_values) v
        WHERE v.key = ANY(${metrics}::text[]) AND v.value IS NOT NULL
        GROUP BY p.id, v.key)
     SELECT m.metric, (SELECT count(*) FROM picked)::int AS hosts_read,
            count(ph.id)::int AS hosts, coalesce(sum(ph.samples), 0)::float8 AS samples,
            avg(ph.mean) AS mean, var_samp(ph.mean) AS variance,
            to_char(min(ph.first_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS from_day,
            to_char(max(ph.last_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS to_day
       FROM unnest(${metrics}::text[]) m(metric)
       LEFT JOIN per_host ph ON ph.metric = m.metric
      GROUP BY m.metric`,
    params,
  );
  return rows.map((r) => ({
    metric: r.metric,
    hostsRead: r.hosts_read,
    hosts: r.hosts,
    samples: r.samples,
    mean: r.mean,
    variance: r.variance,
    fromDay: r.from_day,
    toDay: r.to_day,
  }));
}
