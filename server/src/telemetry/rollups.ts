import { sketchBucketOf, transactionSizeClass, type ValidSample } from '@fleetlab/shared';
import { dayOf, periodOf, type ActiveEnrollment } from './sample-period.js';

export { dayOf, periodOf, PRE_PERIOD_MS, type ActiveEnrollment } from './sample-period.js';

export interface HostRollupRow {
  experimentId: string;
  armId: string;
  metric: string;
  period: 'PRE' | 'IN';
  count: number;
  sum: number;
  sumSq: number;
  min: number;
  max: number;
}

/** In-experiment samples of one host, metric and day; `sizeClass` '' for all sizes. */
export interface DailyRow {
  experimentId: string;
  armId: string;
  metric: string;
  day: string;
  sizeClass: string;
  count: number;
  sum: number;
  sumSq: number;
}

export interface HistogramRow {
  experimentId: string;
  armId: string;
  metric: string;
  day: string;
  bucket: number;
  count: number;
}

/** What a batch of samples adds to each rollup table. */
export interface FoldedRollups {
  hostRows: HostRollupRow[];
  dailyRows: DailyRow[];
  sizeRows: DailyRow[];
  histogramRows: HistogramRow[];
}

/** How an upsert into host_metric_rollup adds an increment to what is there. */
export const ADD_TO_HOST_ROLLUP = `count = host_metric_rollup.count + EXCLUDED.count,
  sum = host_metric_rollup.sum + EXCLUDED.sum,
  sum_sq = host_metric_rollup.sum_sq + EXCLUDED.sum_sq,
  min = least(host_metric_rollup.min, EXCLUDED.min),
  max = greatest(host_metric_rollup.max, EXCLUDED.max)`;

/** How an upsert into `table` (host_metric_daily or _by_size) adds an increment to what is there. */
export const addToDaily = (table: string): string => `count = ${table}.count + EXCLUDED.count,
  sum = ${table}.sum + EXCLUDED.sum,
  sum_sq = ${table}.sum_sq + EXCLUDED.sum_sq`;

/** Histogram series are spread over this many shards, by host, so hosts do not queue on row locks. */
export const HISTOGRAM_SHARDS = 16;

/** The shard of a host's histogram rows: host ids are random UUIDs, so any of their digits will do. */
export function histogramShard(hostId: string): number {
  return parseInt(hostId.slice(0, 2), 16) % HISTOGRAM_SHARDS;
}

/**
 * Folds one host's new samples into rollup increments: per experiment, metric and
 * period a count/sum/sum of squares/min/max; while opted in, the same per day and
 * transaction size class, and per arm, day and bucket a count. Rows come sorted by
 * key (experiment first) so that concurrent upserts lock rows in one order.
 */
export function foldSamples(
  samples: readonly ValidSample[],
  enrollments: readonly ActiveEnrollment[],
): FoldedRollups {
  const folded: FoldedRollups = { hostRows: [], dailyRows: [], sizeRows: [], histogramRows: [] };
  const byExperiment = [...enrollments].sort((a, b) => compareText(a.experimentId, b.experimentId));
  for (const enrollment of byExperiment) {
    // Keys within one experiment; its rows go out after those of the experiments before it.
    const host = new Map<string, HostRollupRow>();
    const daily = new Map<string, DailyRow>();
    const bySize = new Map<string, DailyRow>();
    const histogram = new Map<string, HistogramRow>();
    for (const sample of samples) {
      const period = periodOf(enrollment, sample.observedAt);
      if (!period) continue;
      const inExperiment = period === 'IN';
      const day = inExperiment ? dayOf(sample.observedAt) : '';
      const sizeClass = inExperiment ? transactionSizeClass(sample.context.packages) : null;
      for (const metric in sample.values) {
        const value = sample.values[metric]!;
        const key = `${metric}|${period}`;
        const row = host.get(key);
        if (row) {
          row.count += 1;
          row.sum += value;
          row.sumSq += value * value;
          if (value < row.min) row.min = value;
          if (value > row.max) row.max = value;
        } else {
          host.set(key, {
            experimentId: enrollment.experimentId,
            armId: enrollment.armId,
            metric,
            period,
            count: 1,
            sum: value,
            sumSq: value * value,
            min: value,
            max: value,
          });
        }
        if (!inExperiment) continue;
        addToDay(daily, enrollment, metric, day, '', value);
        if (sizeClass) addToDay(bySize, enrollment, metric, day, sizeClass, value);
        const bucket = sketchBucketOf(value);
        const binKey = `${metric}|${day}|${bucket}`;
        const bin = histogram.get(binKey);
        if (bin) bin.count += 1;
        else
          histogram.set(binKey, {
            experimentId: enrollment.experimentId,
            armId: enrollment.armId,
            metric,
            day,
            bucket,
            count: 1,
          });
      }
    }
    folded.hostRows.push(...sorted(host));
    folded.dailyRows.push(...sorted(daily));
    folded.sizeRows.push(...sorted(bySize));
    folded.histogramRows.push(...sorted(histogram));
  }
  return folded;
}

/** Orders text by code unit, the same in every process (no locale). */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function sorted<T>(rows: Map<string, T>): T[] {
  return [...rows.entries()].sort(([a], [b]) => compareText(a, b)).map(([, row]) => row);
}

function addToDay(
  rows: Map<string, DailyRow>,
  enrollment: ActiveEnrollment,
  metric: string,
  day: string,
  sizeClass: string,
  value: number,
): void {
  const key = `${metric}|${day}|${sizeClass}`;
  const row = rows.get(key);
  if (row) {
    row.count += 1;
    row.sum += value;
    row.sumSq += value * value;
  } else {
    rows.set(key, {
      experimentId: enrollment.experimentId,
      armId: enrollment.armId,
      metric,
      day,
      sizeClass,
      count: 1,
      sum: value,
      sumSq: value * value,
    });
  }
}
