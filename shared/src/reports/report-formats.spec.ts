import { describe, expect, it } from '@jest/globals';
import {
  REPORT_FORMATS,
  reportFileName,
  reportFormatOfExtension,
  reportPath,
} from './report-formats.js';

describe(reportPath.name, () => {
  it('gives every format its own extension, which reads back', () => {
    for (const format of REPORT_FORMATS) {
      const extension = reportPath('rpm-cow', format).split('.').at(-1)!;
      expect(reportFormatOfExtension(extension)).toBe(format);
    }
    expect(reportFormatOfExtension('xls')).toBeUndefined();
  });

  it('names downloads after the experiment', () => {
    expect(reportPath('rpm-cow', 'MEDIAWIKI')).toBe('/reports/rpm-cow.wiki');
    expect(reportFileName('rpm-cow', 'CSV')).toBe('rpm-cow-fleet-evidence.csv');
  });
});
