import { describe, expect, it } from '@jest/globals';
import { readTimestamp } from './timestamp.js';

const at = (value: unknown): string | undefined => {
  const reading = readTimestamp(value);
  return 'at' in reading ? reading.at.toISOString() : undefined;
};
const problem = (value: unknown): string | undefined => {
  const reading = readTimestamp(value);
  return 'problem' in reading ? reading.problem : undefined;
};

describe(readTimestamp.name, () => {
  it.each([
    ['2026-11-20T10:00:00Z', '2026-11-20T10:00:00.000Z'],
    ['2026-11-20T10:00:00.123456Z', '2026-11-20T10:00:00.123Z'],
    ['2026-11-20T10:00:00.5z', '2026-11-20T10:00:00.500Z'],
    ['2026-11-20T12:00:00+02:00', '2026-11-20T10:00:00.000Z'],
    ['2026-11-20T05:30-0430', '2026-11-20T10:00:00.000Z'],
    ['2026-11-20 10:00:00Z', '2026-11-20T10:00:00.000Z'],
    ['2026-11-20T10:00:00', '2026-11-20T10:00:00.000Z'],
    ['2026-11-20', '2026-11-20T00:00:00.000Z'],
    ['2024-02-29T23:59:59Z', '2024-02-29T23:59:59.000Z'],
    ['2000-02-29', '2000-02-29T00:00:00.000Z'],
    ['0050-06-01', '0050-06-01T00:00:00.000Z'],
    ['+099999-01-01T00:00:00Z', '+099999-01-01T00:00:00.000Z'],
    ['-000001-01-01', '-000001-01-01T00:00:00.000Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(at(text)).toBe(iso);
  });

  it.each([
    ['2026-02-30T00:00:00Z', 'names a day that does not exist: February 2026 has 28 days'],
    ['2026-02-29', 'February 2026 has 28 days'],
    ['1900-02-29', 'February 1900 has 28 days'],
    ['2026-04-31', 'April 2026 has 30 days'],
    ['2026-01-00', 'names a day that does not exist'],
    ['2026-13-01', 'names a month that does not exist'],
    ['2026-00-10', 'names a month that does not exist'],
    ['2026-01-10T24:00:00Z', 'names a time that does not exist'],
    ['2026-01-10T23:60:00Z', 'names a time that does not exist'],
    ['2026-01-10T23:59:60Z', 'names a time that does not exist'],
    ['2026-01-10T10:00:00+24:00', 'offset that does not exist'],
    ['-000000-01-01', 'year -0'],
    ['+275761-01-01', 'further from today than any date can be'],
    ['Feb 30 2026', 'is not ISO 8601 text'],
    ['2026/02/03', 'is not ISO 8601 text'],
    ['99999-01-01', 'is not ISO 8601 text'],
    ['2026-1-1', 'is not ISO 8601 text'],
    ['yesterday', 'is not ISO 8601 text'],
    ['', 'is not ISO 8601 text'],
    [1_732_000_000_000, 'is not text'],
    [null, 'is not text'],
  ])('refuses %s: %s', (value, reason) => {
    expect(problem(value)).toContain(reason);
  });

  it('shows the value it refuses, cut short', () => {
    expect(problem('2026-02-30')).toMatch(/^"2026-02-30" names a day/);
    expect(problem('x'.repeat(500))!.length).toBeLessThan(200);
  });
});
