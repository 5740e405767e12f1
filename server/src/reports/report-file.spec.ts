import { describe, expect, it } from '@jest/globals';
import { parseReportFile } from './report-file.js';

describe(parseReportFile.name, () => {
  it.each([
    ['rpm-cow.wiki', 'MEDIAWIKI'],
    ['rpm-cow.md', 'MARKDOWN'],
    ['rpm-cow.csv', 'CSV'],
    ['rpm.cow.json', 'JSON'],
  ])('reads %s', (file, format) => {
    expect(parseReportFile(file)).toEqual({ slug: file.replace(/\.[a-z]+$/, ''), format });
  });

  it('refuses an unknown format, naming it and the known ones', () => {
    expect(() => parseReportFile('rpm-cow.xls')).toThrow(
      'Unknown report format ".xls" in "rpm-cow.xls": use one of .wiki (MEDIAWIKI), .md (MARKDOWN), .csv (CSV), .json (JSON).',
    );
    expect(() => parseReportFile('rpm-cow')).toThrow(/"rpm-cow" names no format/);
  });
});
