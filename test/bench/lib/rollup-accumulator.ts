// The rollups of a bulk load, computed in the benchmark while it generates the samples
// and added up over the whole load, as the ingest's upserts would add them up in
// PostgreSQL. Memory is bounded by the rollups' own size, not by the samples: per
// host, metric and period five numbers in typed arrays; per series (arm, metric, day,
// shard) a Map of sketch bucket to count.
//
// The rules are the folder's (periodOf, which mirrors its SQL, and sketchBucketOf),
// applied value by value, fast enough for 10M samples; histogram rows go to shard 0,
// as the folder writes them. bench:fleet checks the folder itself against bulk SQL.
import {
  sketchBucketOf,
  TRANSACTION_SIZE_CLASSES,
  transactionSizeClass,
  type ValidSample,
} from '@fleetlab/shared';
import { periodOf, type ActiveEnrollment } from '../../../server/src/telemetry/sample-period.js';

/** The folder writes every histogram row to shard 0. */
const HISTOGRAM_SHARDS = 1;

export interface EnrolledHost {
  id: string;
  armId: string;
  firstOptedInAt: Date;
}

const MAX_DAYS = 512;
const PERIODS = ['PRE', 'IN'] as const;
/** Size classes: none ('', the key of host_metric_daily) first, then the transaction sizes. */
const SIZE_CLASSES = ['', ...TRANSACTION_SIZE_CLASSES] as const;
const SIZE_INDEX = new Map<string, number>(SIZE_CLASSES.map((c, i) => [c, i]));

/** count, sum and sum of squares per cell (host, metric, day, size class), added up. */
class DailyCells {
  readonly slot = new Map<number, number>();
  readonly cell: number[] = [];
  readonly count: number[] = [];
  readonly sum: number[] = [];
  readonly sumSq: number[] = [];

  add(cell: number, count: number, sum: number, sumSq: number): void {
    const slot = this.slot.get(cell);
    if (slot === undefined) {
      this.slot.set(cell, this.cell.length);
      this.cell.push(cell);
      this.count.push(count);
      this.sum.push(sum);
      this.sumSq.push(sumSq);
    } else {
      this.count[slot]! += count;
      this.sum[slot]! += sum;
      this.sumSq[slot]! += sumSq;
    }
  }
}
const DAY_MS = 86_400_000;

/** host_metric_daily(_by_size) rows of an accumulator: key columns -> [count, sum, sum of squares]. */
function dailyRows(acc: RollupAccumulator, bySize: boolean): Map<string, number[]> {
  const rows = new Map<string, number[]>();
  for (const line of acc.dailyLines(bySize)) {
    const columns = line.split('\t');
    const numbers = columns.splice(-3).map(Number);
    rows.set(columns.join('\t'), numbers);
  }
  return rows;
}

export class RollupAccumulator {
  private readonly hostIndex = new Map<string, number>();
  private readonly armIndex: Map<string, number>;
  private readonly metricIndex: Map<string, number>;
  private readonly enrollments: ActiveEnrollment[];
  // host rollups: index (host * metrics + metric) * 2 + period
  private readonly count: Float64Array;
  private readonly sum: Float64Array;
  private readonly sumSq: Float64Array;
  private readonly min: Float64Array;
  private readonly max: Float64Array;
  /** Index (((arm * metrics + metric) * MAX_DAYS + day) * HISTOGRAM_SHARDS + shard). */
  private readonly histogram: (Map<number, number> | undefined)[] = [];
  private readonly days: string[] = [];
  private readonly dayIndex = new Map<string, number>();
  /** Days since 1970 (UTC) -> index into `days`. */
  private readonly epochDayIndex = new Map<number, number>();
  /** Per-day rows, cell ((host * metrics + metric) * MAX_DAYS + day) * sizes + size: all sizes, and by size. */
  private readonly daily = new DailyCells();
  private readonly bySize = new DailyCells();
  /** Values folded in, by period. */
  readonly values = { PRE: 0, IN: 0 };

  constructor(
    private readonly experimentId: string,
    private readonly arms: readonly string[],
    private readonly metrics: readonly string[],
    private readonly hosts: readonly EnrolledHost[],
  ) {
    this.armIndex = new Map(arms.map((id, i) => [id, i]));
    this.metricIndex = new Map(metrics.map((m, i) => [m, i]));
    hosts.forEach((h, i) => this.hostIndex.set(h.id, i));
    this.enrollments = hosts.map((h) => ({
      experimentId,
      armId: h.armId,
      firstOptedInAt: h.firstOptedInAt,
      optedOutAt: null,
      optedIn: true,
      gaps: [],
    }));
    const cells = hosts.length * metrics.length * PERIODS.length;
    this.count = new Float64Array(cells);
    this.sum = new Float64Array(cells);
    this.sumSq = new Float64Array(cells);
    this.min = new Float64Array(cells).fill(Infinity);
    this.max = new Float64Array(cells).fill(-Infinity);
  }

  /** Folds samples of the host at `host` (its index) in, value by value. */
  add(host: number, samples: readonly ValidSample[]): void {
    const enrollment = this.enrollments[host]!;
    const shard = 0;
    const arm = this.armIndex.get(enrollment.armId)!;
    const metricCount = this.metrics.length;
    for (const sample of samples) {
      const period = periodOf(enrollment, sample.observedAt);
      if (!period) continue;
      const p = period === 'IN' ? 1 : 0;
      const at = sample.observedAt.getTime();
      const day = period === 'IN' ? this.epochDayOf(Math.floor(at / DAY_MS), sample.observedAt) : 0;
      const size = SIZE_INDEX.get(transactionSizeClass(sample.context.packages))!;
      for (const metric in sample.values) {
        const value = sample.values[metric]!;
        const m = this.metricOf(metric);
        const cell = (host * metricCount + m) * 2 + p;
        this.count[cell]! += 1;
        this.sum[cell]! += value;
        this.sumSq[cell]! += value * value;
        if (value < this.min[cell]!) this.min[cell] = value;
        if (value > this.max[cell]!) this.max[cell] = value;
        this.values[period] += 1;
        if (p === 0) continue;
        this.addDaily(host, m, day, 0, 1, value, value * value);
        if (size !== 0) this.addDaily(host, m, day, size, 1, value, value * value);
        const series = this.series(arm, m, day, shard);
        const bucket = sketchBucketOf(value);
        series.set(bucket, (series.get(bucket) ?? 0) + 1);
      }
    }
  }

  /**
   * Whether `other` holds the same rollups: the same rows, counts, minima, maxima and
   * histogram; sums equal but for the rounding of adding in another order.
   */
  sameAs(other: RollupAccumulator): boolean {
    const close = (a: number, b: number): boolean =>
      a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
    for (let cell = 0; cell < this.count.length; cell++) {
      if (
        this.count[cell] !== other.count[cell] ||
        this.min[cell] !== other.min[cell] ||
        this.max[cell] !== other.max[cell] ||
        !close(this.sum[cell]!, other.sum[cell]!) ||
        !close(this.sumSq[cell]!, other.sumSq[cell]!)
      )
        return false;
    }
    if (this.values.PRE !== other.values.PRE || this.values.IN !== other.values.IN) return false;
    // Day indexes depend on the order days were first seen: compare rows by their keys.
    for (const bySize of [false, true]) {
      const mine = dailyRows(this, bySize);
      const theirs = dailyRows(other, bySize);
      if (mine.size !== theirs.size) return false;
      for (const [key, [count, sum, sumSq]] of mine) {
        const other = theirs.get(key);
        if (!other || other[0] !== count || !close(other[1]!, sum!) || !close(other[2]!, sumSq!))
          return false;
      }
    }
    const lines = (acc: RollupAccumulator): Set<string> => new Set(acc.histogramLines());
    const mine = lines(this);
    const theirs = lines(other);
    return mine.size === theirs.size && [...mine].every((line) => theirs.has(line));
  }

  /** Rows of host_metric_daily (bySize false) or host_metric_daily_by_size, as COPY text lines. */
  *dailyLines(bySize: boolean): Generator<string> {
    const cells = bySize ? this.bySize : this.daily;
    const sizes = SIZE_CLASSES.length;
    for (let slot = 0; slot < cells.cell.length; slot++) {
      let rest = cells.cell[slot]!;
      const size = rest % sizes;
      rest = Math.floor(rest / sizes);
      const day = rest % MAX_DAYS;
      rest = Math.floor(rest / MAX_DAYS);
      const metric = rest % this.metrics.length;
      const host = this.hosts[Math.floor(rest / this.metrics.length)]!;
      yield [
        this.experimentId,
        this.metrics[metric]!,
        this.days[day]!,
        host.id,
        ...(bySize ? [SIZE_CLASSES[size]!] : []),
        host.armId,
        cells.count[slot]!,
        cells.sum[slot]!,
        cells.sumSq[slot]!,
      ].join('\t');
    }
  }

  private addDaily(
    host: number,
    metric: number,
    day: number,
    size: number,
    count: number,
    sum: number,
    sumSq: number,
  ): void {
    const cell = ((host * this.metrics.length + metric) * MAX_DAYS + day) * SIZE_CLASSES.length;
    if (size === 0) this.daily.add(cell, count, sum, sumSq);
    else this.bySize.add(cell + size, count, sum, sumSq);
  }

  /** Rows of host_metric_rollup, as COPY text lines. */
  *hostRollupLines(): Generator<string> {
    for (let host = 0; host < this.hosts.length; host++) {
      const { id, armId } = this.hosts[host]!;
      for (let m = 0; m < this.metrics.length; m++) {
        for (let p = 0; p < PERIODS.length; p++) {
          const cell = (host * this.metrics.length + m) * 2 + p;
          if (this.count[cell] === 0) continue;
          yield [
            this.experimentId,
            id,
            this.metrics[m]!,
            PERIODS[p]!,
            armId,
            this.count[cell]!,
            this.sum[cell]!,
            this.sumSq[cell]!,
            this.min[cell]!,
            this.max[cell]!,
          ].join('\t');
        }
      }
    }
  }

  /** Rows of arm_metric_histogram, as COPY text lines. */
  *histogramLines(): Generator<string> {
    for (const [index, series] of this.histogram.entries()) {
      if (!series) continue;
      const { arm, metric, day, shard } = this.seriesOf(index);
      const prefix = [
        this.experimentId,
        this.arms[arm]!,
        this.metrics[metric]!,
        this.days[day]!,
      ].join('\t');
      for (const [bucket, count] of series) yield `${prefix}\t${bucket}\t${shard}\t${count}`;
    }
  }

  /** How many rows each rollup table gets, and the histogram rows of each metric. */
  rowCounts(): {
    hostRows: number;
    dailyRows: number;
    sizeRows: number;
    histogramRows: number;
    histogramRowsOf: Map<string, number>;
  } {
    let hostRows = 0;
    for (const c of this.count) if (c > 0) hostRows++;
    const histogramRowsOf = new Map(this.metrics.map((m) => [m, 0]));
    let histogramRows = 0;
    for (const [index, series] of this.histogram.entries()) {
      if (!series) continue;
      const metric = this.metrics[this.seriesOf(index).metric]!;
      histogramRowsOf.set(metric, histogramRowsOf.get(metric)! + series.size);
      histogramRows += series.size;
    }
    return {
      hostRows,
      dailyRows: this.daily.cell.length,
      sizeRows: this.bySize.cell.length,
      histogramRows,
      histogramRowsOf,
    };
  }

  private series(arm: number, metric: number, day: number, shard: number): Map<number, number> {
    const index =
      ((arm * this.metrics.length + metric) * MAX_DAYS + day) * HISTOGRAM_SHARDS + shard;
    let series = this.histogram[index];
    if (!series) {
      series = new Map();
      // Fill any gap first: a dense array stays fast.
      while (this.histogram.length < index) this.histogram.push(undefined);
      this.histogram[index] = series;
    }
    return series;
  }

  private seriesOf(index: number): { arm: number; metric: number; day: number; shard: number } {
    const shard = index % HISTOGRAM_SHARDS;
    let rest = Math.floor(index / HISTOGRAM_SHARDS);
    const day = rest % MAX_DAYS;
    rest = Math.floor(rest / MAX_DAYS);
    return {
      arm: Math.floor(rest / this.metrics.length),
      metric: rest % this.metrics.length,
      day,
      shard,
    };
  }

  private metricOf(metric: string): number {
    const index = this.metricIndex.get(metric);
    if (index === undefined) throw new Error(`unexpected metric ${metric}`);
    return index;
  }

  /** The day index of a day since 1970; the same UTC date the folder takes. */
  private epochDayOf(epochDay: number, at: Date): number {
    let index = this.epochDayIndex.get(epochDay);
    if (index === undefined) {
      index = this.dayOf(at.toISOString().slice(0, 10));
      this.epochDayIndex.set(epochDay, index);
    }
    return index;
  }

  private dayOf(day: string): number {
    let index = this.dayIndex.get(day);
    if (index === undefined) {
      index = this.days.length;
      if (index >= MAX_DAYS) throw new Error(`more than ${MAX_DAYS} days of samples`);
      this.days.push(day);
      this.dayIndex.set(day, index);
    }
    return index;
  }
}
