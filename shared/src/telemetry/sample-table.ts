import { describeValue, isPlainObject } from '../describe-value.js';
import type { SampleInputShape } from './validate-sample.js';

/**
 * A batch of samples as a table, the compact form of ingestSampleTable: the metrics
 * named once, then one row per sample,
 *
 *   { "metrics": ["install_duration_ms", "download_bytes"],
 *     "samples": [["tx-41", "package_transaction", "2026-11-20T10:00:00Z", 5310, 48200000, {"packages": 3}]] }
 *
 * a row being id, kind, observedAt, one value per metric (null where the sample has
 * none) and, optionally, the context. About half the bytes of ingestSamples' objects,
 * and no GraphQL coercion of a thousand of them: the table is one JSON value.
 */
export interface SampleTable {
  metrics: string[];
  samples: unknown[][];
}

/** Samples as a table: the metrics any of them has, in order of appearance, then a row each. */
export function sampleTableOf(
  samples: readonly {
    id: string;
    kind: string;
    observedAt: string;
    values: readonly { metric: string; value: number }[];
    context?: unknown;
  }[],
): SampleTable {
  const column = new Map<string, number>();
  for (const sample of samples)
    for (const { metric } of sample.values)
      if (!column.has(metric)) column.set(metric, column.size);
  return {
    metrics: [...column.keys()],
    samples: samples.map((sample) => {
      const values: (number | null)[] = new Array<number | null>(column.size).fill(null);
      for (const { metric, value } of sample.values) values[column.get(metric)!] = value;
      const row: unknown[] = [sample.id, sample.kind, sample.observedAt, ...values];
      if (sample.context !== undefined) row.push(sample.context);
      return row;
    }),
  };
}

/** A row that is not a sample at all: rejected with INVALID_ROW, naming what a row holds. */
export interface MalformedRow {
  id: string;
  code: 'INVALID_ROW';
  reason: string;
}

/**
 * The table's rows as the samples ingestSamples takes (validation then checks each as
 * it checks any sample), rows of the wrong shape, or what is wrong with the table as a
 * whole.
 */
export function samplesOfTable(
  table: unknown,
  maxSamples: number,
): { samples: SampleInputShape[]; malformed: MalformedRow[] } | { problem: string } {
  if (!isPlainObject(table))
    return { problem: `table must be an object, got ${describeValue(table)}` };
  const { metrics, samples } = table as Partial<{ metrics: unknown[]; samples: unknown[] }>;
  if (!Array.isArray(metrics) || metrics.some((m) => typeof m !== 'string'))
    return { problem: 'table.metrics must be a list of metric names' };
  if (new Set(metrics).size !== metrics.length)
    return { problem: 'table.metrics names a metric twice' };
  if (!Array.isArray(samples)) return { problem: 'table.samples must be a list of rows' };
  if (samples.length > maxSamples)
    return {
      problem: `A batch holds at most ${maxSamples} samples, got ${samples.length}; split it.`,
    };
  const names = metrics as string[];
  const width = 3 + names.length;
  const parsed: SampleInputShape[] = [];
  const malformed: MalformedRow[] = [];
  samples.forEach((row, i) => {
    if (!Array.isArray(row) || (row.length !== width && row.length !== width + 1)) {
      malformed.push({
        id: Array.isArray(row) && typeof row[0] === 'string' ? row[0].slice(0, 128) : `row ${i}`,
        code: 'INVALID_ROW',
        reason: `row ${i} must be [id, kind, observedAt, ${names.length} value(s) or null, context?], got ${describeValue(row)}`,
      });
      return;
    }
    const values: { metric: string; value: number }[] = [];
    for (let m = 0; m < names.length; m++) {
      const value: unknown = row[3 + m];
      if (value !== null) values.push({ metric: names[m]!, value: value as number });
    }
    parsed.push({
      id: row[0] as string,
      kind: row[1] as string,
      observedAt: row[2] as string,
      values,
      context: row[width],
    });
  });
  return { samples: parsed, malformed };
}
