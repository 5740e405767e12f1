// Numbers as people read them: units from the metric catalogue, differences with a
// sign, p-values without false precision. Pure, so that tables, charts and their
// text summaries say the same thing.

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** A value in its metric's unit: "1.24 s", "312 ms", "1.5 GB", "42". */
export function formatValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  if (unit === 'ms') {
    if (Math.abs(value) >= 10_000) return `${trim(value / 1000, 1)} s`;
    if (Math.abs(value) >= 1000) return `${trim(value / 1000, 2)} s`;
    return `${trim(value, Math.abs(value) < 10 ? 1 : 0)} ms`;
  }
  if (unit === 'bytes') {
    let scaled = value;
    let i = 0;
    while (Math.abs(scaled) >= 1000 && i < BYTE_UNITS.length - 1) {
      scaled /= 1000;
      i++;
    }
    return `${trim(scaled, Math.abs(scaled) < 10 && i > 0 ? 2 : i > 0 ? 1 : 0)} ${BYTE_UNITS[i]}`;
  }
  return trim(value, Math.abs(value) < 10 ? 2 : 0);
}

/** A relative difference: "−38.2%", "+1.4%". */
export function formatPercent(ratio: number | null | undefined, digits = 1): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '–';
  const text = `${Math.abs(ratio * 100).toFixed(digits)}%`;
  if (Number(text.slice(0, -1)) === 0) return `0${digits ? `.${'0'.repeat(digits)}` : ''}%`;
  return `${ratio < 0 ? '−' : '+'}${text}`;
}

/** An interval of relative differences: "−41.0% to −35.3%". */
export function formatInterval(
  low: number | null | undefined,
  high: number | null | undefined,
): string {
  if (low === null || low === undefined || high === null || high === undefined) return '–';
  return `${formatPercent(low)} to ${formatPercent(high)}`;
}

/** A p-value: "< 0.001", "0.023", "0.41". */
export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '–';
  if (p < 0.001) return '< 0.001';
  // Near the usual thresholds a third digit matters; above them it is noise.
  return p < 0.1 ? p.toFixed(3) : p.toFixed(2);
}

export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined ? '–' : n.toLocaleString('en-US');
}

function trim(value: number, digits: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}
