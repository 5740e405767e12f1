import { expect } from '@jest/globals';

// Reads back the numbers a report writes for people ("12,345 ms", "45.60 MB",
// "-35.2%", "< 0.0001", "—") and checks them against exact values, allowing exactly
// the rounding of the digits shown.

const SCALE: Record<string, number> = { '': 1, ms: 1, B: 1, kB: 1e3, MB: 1e6, GB: 1e9, '%': 0.01 };
const NUMBER = /^([+-]?)([\d,]+)(?:\.(\d+))?\s?(ms|B|kB|MB|GB|%)?$/;

export type Reading = { value: number; tolerance: number } | { below: number } | null;

export function readFormatted(text: string): Reading {
  if (text === '—') return null;
  const below = /^< ([\d.]+)$/.exec(text);
  if (below) return { below: Number(below[1]) };
  const match = NUMBER.exec(text);
  if (!match) throw new Error(`Not a formatted number: ${JSON.stringify(text)}`);
  const [, sign, whole, fraction = '', unit = ''] = match;
  const scale = SCALE[unit]!;
  const value = Number(`${sign}${whole!.replace(/,/g, '')}.${fraction}0`) * scale;
  return { value, tolerance: 0.5 * 10 ** -fraction.length * scale };
}

/** The text shows `actual` as rounded to its digits (or "—" for null). */
export function expectShows(text: string, actual: number | null): void {
  const reading = readFormatted(text);
  if (actual === null || reading === null) {
    expect({ text, actual }).toEqual({ text: '—', actual: null });
    return;
  }
  if ('below' in reading) {
    expect(actual).toBeLessThan(reading.below);
    return;
  }
  const off = Math.abs(actual - reading.value);
  if (off > reading.tolerance * (1 + 1e-6) + 1e-12) {
    throw new Error(`${JSON.stringify(text)} does not show ${actual} (off by ${off})`);
  }
}

/** "-40.1% to -30.2%" shows the interval [low, high]. */
export function expectShowsInterval(text: string, low: number | null, high: number | null): void {
  if (low === null || high === null) {
    expect(text).toBe('—');
    return;
  }
  const [a, b] = text.split(' to ');
  expectShows(a!, low);
  expectShows(b!, high);
}
