import type { MetricUnit } from '@fleetlab/shared';

// How reports write numbers for people: units from the metric catalogue, sizes in
// decimal MB and GB (1 MB = 10^6 bytes), four significant digits, ASCII minus signs
// (so a copied value stays a number) and "—" where there is nothing to show.

export const NONE = '—';

const SIGNIFICANT_DIGITS = 4;

/** 12345.6 -> "12,346"; 842.31 -> "842.3"; 1.23456 -> "1.235". */
export function formatNumber(value: number, maxDecimals = 3): string {
  if (!Number.isFinite(value)) return NONE;
  const magnitude = Math.abs(value) >= 1 ? Math.floor(Math.log10(Math.abs(value))) + 1 : 1;
  const decimals = Math.min(maxDecimals, Math.max(0, SIGNIFICANT_DIGITS - magnitude));
  const fixed = Math.abs(value).toFixed(decimals);
  const [whole, fraction] = fixed.split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = value < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${sign}${grouped}${fraction ? `.${fraction}` : ''}`;
}

const BYTE_UNITS = [
  { unit: 'GB', size: 1e9 },
  { unit: 'MB', size: 1e6 },
  { unit: 'kB', size: 1e3 },
] as const;

/** A value of a metric in its unit: "42,310 ms", "12.35 MB", "1.5 GB", "7". */
export function formatValue(value: number | null, unit: MetricUnit): string {
  if (value === null || !Number.isFinite(value)) return NONE;
  if (unit === 'ms') return `${formatNumber(value)} ms`;
  if (unit === 'bytes') {
    const scale = BYTE_UNITS.find((b) => Math.abs(value) >= b.size);
    return scale ? `${formatNumber(value / scale.size)} ${scale.unit}` : `${formatNumber(value)} B`;
  }
  return formatNumber(value);
}

/** A difference in the metric's unit, always signed: "+1,204 ms", "-3.2 MB". */
export function formatDifference(value: number | null, unit: MetricUnit): string {
  if (value === null || !Number.isFinite(value)) return NONE;
  const text = formatValue(value, unit);
  return value > 0 ? `+${text}` : text;
}

/** A relative difference as a signed percentage: -0.3521 -> "-35.2%", 0.0043 -> "+0.43%". */
export function formatPercent(fraction: number | null): string {
  if (fraction === null || !Number.isFinite(fraction)) return NONE;
  const percent = fraction * 100;
  const decimals = Math.abs(percent) >= 10 ? 1 : 2;
  const fixed = percent.toFixed(decimals);
  if (Number(fixed) === 0) return `${(0).toFixed(decimals)}%`;
  return `${percent > 0 ? '+' : ''}${fixed}%`;
}

/** A 95% interval of a relative difference: "-40.1% to -30.2%". */
export function formatInterval(low: number | null, high: number | null): string {
  if (low === null || high === null || !Number.isFinite(low) || !Number.isFinite(high)) return NONE;
  return `${formatPercent(low)} to ${formatPercent(high)}`;
}

const SMALLEST_P_SHOWN = 0.0001;

/** "< 0.0001", "0.032", "0.54". */
export function formatP(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return NONE;
  if (p < SMALLEST_P_SHOWN) return `< ${SMALLEST_P_SHOWN}`;
  return Number(p.toPrecision(2)).toString();
}

/** A whole count with thousands separators: 12345 -> "12,345". */
export function formatCount(n: number): string {
  return formatNumber(Math.round(n), 0);
}

/** A share as a percentage without sign: 0.254 -> "25.4%". */
export function formatShare(part: number, whole: number): string {
  if (whole === 0) return NONE;
  return `${((100 * part) / whole).toFixed(1)}%`;
}
