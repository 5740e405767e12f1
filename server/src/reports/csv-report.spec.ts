import { describe, expect, it } from '@jest/globals';
import { CSV_COLUMNS, escapeFormula, renderCsv } from './csv-report.js';
import { reportDataFixture } from './report-data.fixture.js';

describe(escapeFormula.name, () => {
  it.each([
    '=1+2',
    '+1',
    '-1',
    '@SUM(A1)',
    '\tx',
    '\rx',
    '\nx',
    '=HYPERLINK("http://x")',
    ' =1+2',
    '\u00a0=1+2',
    '\u200b\u3000=1',
    '\uff1dSUM(A1)',
    '\uff0b1',
    '\uff20A1',
  ])('puts a quote before %j', (text) => {
    expect(escapeFormula(text)).toBe(`'${text}`);
  });

  it.each(['btrfs', 'a=b', '1-2', '', ' btrfs', 'x ＝ y'])('leaves %j alone', (text) => {
    expect(escapeFormula(text)).toBe(text);
  });
});

describe(renderCsv.name, () => {
  const lines = renderCsv(reportDataFixture()).trimEnd().split('\n');
  const rows = lines.map((line) => line.split(','));
  const column = (name: (typeof CSV_COLUMNS)[number]): number => CSV_COLUMNS.indexOf(name);

  it('has one header row, then arm, segment and host rows', () => {
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(rows.slice(1).map((r) => r[0])).toEqual([
      ...Array<string>(4).fill('arm'),
      ...Array<string>(4).fill('segment'),
      ...Array<string>(8).fill('host'),
    ]);
  });

  it('puts the comparison on the treatment row and nothing on the baseline row', () => {
    const [baseline, cow] = [rows[1]!, rows[2]!];
    expect(baseline[column('relative_diff')]).toBe('');
    expect(cow[column('relative_diff')]).toBe('-0.3521');
    expect(cow[column('verdict')]).toBe('BETTER');
    expect(rows[5]![column('segment')]).toBe('root_fs_type=btrfs');
  });

  it('escapes text a spreadsheet would run, and keeps negative numbers numbers', () => {
    const hosts = rows.filter((r) => r[0] === 'host');
    expect(hosts[1]![column('root_fs_type')]).toBe("'=cmd|x");
    expect(hosts[4]![column('mean')]).toBe('-5000000');
    expect(lines.some((line) => /(^|,)[=+@]/.test(line))).toBe(false);
  });
});
