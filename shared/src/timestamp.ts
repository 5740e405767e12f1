import { describeValue } from './describe-value.js';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

// ISO 8601 / RFC 3339 as JavaScript writes it (toISOString, with ±YYYYYY years), a
// day alone, and a time without an offset (taken as UTC, as the API documents).
const ISO =
  /^([+-]\d{6}|\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** Largest distance from 1970 a JavaScript Date can hold, in ms. */
const MAX_TIME = 8.64e15;

export type TimestampReading = { at: Date } | { problem: string };

/**
 * Reads a moment written as ISO 8601 text: 2026-11-20T10:00:00Z, with an offset
 * (+02:00) or none (UTC), or a day alone (its midnight UTC). `Date` would take
 * February 30 as March 2 and many other forms besides; here a day or time that does
 * not exist is a problem, named in words for the caller's message. Pure.
 */
export function readTimestamp(value: unknown): TimestampReading {
  if (typeof value !== 'string') return { problem: `${describeValue(value)} is not text` };
  const match = ISO.exec(value);
  if (!match)
    return {
      problem: `${describeValue(value)} is not ISO 8601 text such as 2026-11-20T10:00:00Z (or 2026-11-20 for its midnight UTC)`,
    };
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone = 'Z'] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const shown = describeValue(value);
  if (y === '-000000') return { problem: `${shown} names year -0, which does not exist` };
  if (month < 1 || month > 12)
    return { problem: `${shown} names a month that does not exist: months go from 01 to 12` };
  const days = daysInMonth(year, month);
  if (day < 1 || day > days)
    return {
      problem: `${shown} names a day that does not exist: ${MONTHS[month - 1]} ${year} has ${days} days`,
    };
  const [hours, minutes, seconds] = [Number(h), Number(mi), Number(s)];
  if (hours > 23 || minutes > 59 || seconds > 59)
    return {
      problem: `${shown} names a time that does not exist: hours go from 00 to 23, minutes and seconds from 00 to 59`,
    };
  const offsetMinutes = offsetOf(zone);
  if (offsetMinutes === null)
    return { problem: `${shown} has an offset that does not exist (at most ±23:59)` };
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day);
  at.setUTCHours(hours, minutes, seconds, Number(fraction.padEnd(3, '0').slice(0, 3)));
  const time = at.getTime() - offsetMinutes * 60_000;
  if (!Number.isFinite(time) || Math.abs(time) > MAX_TIME)
    return { problem: `${shown} is further from today than any date can be` };
  return { at: new Date(time) };
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return [4, 6, 9, 11].includes(month) ? 30 : 31;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return leap ? 29 : 28;
}

/** Minutes east of UTC, or null when the offset names no real one. */
function offsetOf(zone: string): number | null {
  if (zone === 'Z' || zone === 'z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  if (hours > 23 || minutes > 59) return null;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}
