import { stringify } from 'csv-stringify/sync';
import type { ArmComparison, ArmSummary } from '../analysis/comparison.model.js';
import type { ReportData, ReportMetric, ReportResult } from './report-data.js';

// One CSV for spreadsheets: a header row, then one row per arm (section "arm"), per
// arm within each segment (section "segment") and per host (section "host"), each
// for one metric. Filter on the first column to get one kind of row. Numbers are raw,
// in the metric's unit (see the unit column); relative differences are fractions
// (-0.35 is 35% lower); empty cells have no value. `inference` says how ci_low, ci_high,
// p, adjusted_p, the CUPED interval and verdict were computed (SEQUENTIAL: anytime-valid);
// welch_p, mann_whitney_p and the Hodges-Lehmann figures are fixed-horizon.

export const CSV_COLUMNS = [
  'section',
  'segment',
  'metric',
  'unit',
  'arm',
  'baseline',
  'host_id',
  'root_fs_type',
  'arch',
  'hosts',
  'samples',
  'mean',
  'pre_mean',
  'median',
  'p90',
  'p99',
  'absolute_diff',
  'relative_diff',
  'ci_low',
  'ci_high',
  'welch_p',
  'adjusted_p',
  'mann_whitney_p',
  'hodges_lehmann',
  'hl_ci_low',
  'hl_ci_high',
  'cuped_relative_diff',
  'verdict',
  'hosts_needed',
  'inference',
  'p',
  'cuped_ci_low',
  'cuped_ci_high',
] as const;

type Column = (typeof CSV_COLUMNS)[number];
type Cell = string | number | boolean | null;
type Row = Partial<Record<Column, Cell>>;

// Spreadsheets skip leading spaces (no-break and zero-width ones too) before they
// look for a formula, and some take the fullwidth signs (＝ ＋ － ＠) for the plain ones.
const FORMULA_START = /^[\s\u200b]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r\n]/;

/**
 * Text a spreadsheet would run as a formula (=, +, -, @, or their fullwidth forms,
 * after any spaces; or tab or a line break first) gets a leading single quote.
 * Numbers are never text here, so -0.35 stays a number.
 */
export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function armRows(
  section: 'arm' | 'segment',
  segment: string | null,
  metric: ReportMetric,
  comparison: ReportResult,
): Row[] {
  return comparison.arms.map((arm: ArmSummary) => {
    const c: ArmComparison | undefined = comparison.comparisons.find(
      (x) => x.armKey === arm.armKey,
    );
    return {
      section,
      segment,
      metric: metric.key,
      unit: metric.unit,
      arm: arm.armKey,
      baseline: arm.baseline,
      hosts: arm.hosts,
      samples: arm.samples,
      mean: arm.mean,
      median: arm.median,
      p90: arm.p90,
      p99: arm.p99,
      ...(c && {
        absolute_diff: c.absoluteDiff,
        relative_diff: c.relativeDiff,
        ci_low: c.ciLow,
        ci_high: c.ciHigh,
        welch_p: c.welchP,
        adjusted_p: c.adjustedP,
        mann_whitney_p: c.mannWhitneyP,
        hodges_lehmann: c.hodgesLehmann,
        hl_ci_low: c.hlCiLow,
        hl_ci_high: c.hlCiHigh,
        cuped_relative_diff: c.cupedRelativeDiff,
        verdict: c.verdict,
        hosts_needed: c.hostsNeeded,
        inference: c.inference,
        p: c.p,
        cuped_ci_low: c.cupedCiLow,
        cuped_ci_high: c.cupedCiHigh,
      }),
    };
  });
}

function csvRows(data: ReportData): Row[] {
  const metric = (key: string): ReportMetric => data.metrics.find((m) => m.key === key)!;
  const baseline = new Set(data.experiment.arms.filter((a) => a.baseline).map((a) => a.key));
  return [
    ...data.metrics.flatMap((m) => armRows('arm', null, m, m.comparison)),
    ...data.segments.flatMap((s) =>
      s.comparisons.flatMap((c) =>
        armRows(
          'segment',
          `${s.dimension.toLowerCase()}=${s.value}`,
          metric(c.metric),
          c.comparison,
        ),
      ),
    ),
    ...data.hostAggregates.map((h): Row => ({
      section: 'host',
      metric: h.metric,
      unit: metric(h.metric).unit,
      arm: h.arm,
      baseline: baseline.has(h.arm),
      host_id: h.hostId,
      root_fs_type: h.rootFsType,
      arch: h.arch,
      samples: h.count,
      mean: h.mean,
      pre_mean: h.preMean,
    })),
  ];
}

export function renderCsv(data: ReportData): string {
  return stringify(csvRows(data), {
    header: true,
    columns: [...CSV_COLUMNS],
    record_delimiter: 'unix',
    cast: {
      string: escapeFormula,
      boolean: (value) => (value ? 'true' : 'false'),
      number: (value) => (Number.isFinite(value) ? String(value) : ''),
    },
  });
}
