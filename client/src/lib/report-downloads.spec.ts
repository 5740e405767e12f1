import { describe, expect, it } from '@jest/globals';
import { REPORT_FORMAT_DEFINITIONS } from '@fleetlab/shared';
import { REPORT_DOWNLOADS, reportHref } from './report-downloads.js';

describe('report downloads', () => {
  it('use the formats and extensions the server serves', () => {
    expect(REPORT_DOWNLOADS.map((d) => [d.format, d.extension])).toEqual(
      REPORT_FORMAT_DEFINITIONS.map((d) => [d.format, d.extension]),
    );
  });

  it('carry the window as whole days', () => {
    expect(reportHref('rpm-cow', 'wiki', null)).toBe('/reports/rpm-cow.wiki');
    expect(reportHref('rpm-cow', 'csv', { from: '2026-11-22T12:00:00.000Z' })).toBe(
      '/reports/rpm-cow.csv?from=2026-11-22',
    );
  });
});
