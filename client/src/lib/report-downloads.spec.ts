import { describe, expect, it } from '@jest/globals';
import { reportHref } from './report-downloads.js';

describe('report downloads', () => {
  it('carry the window as whole days', () => {
    expect(reportHref('rpm-cow', 'wiki', null)).toBe('/reports/rpm-cow.wiki');
    expect(reportHref('rpm-cow', 'csv', { from: '2026-11-22T12:00:00.000Z' })).toBe(
      '/reports/rpm-cow.csv?from=2026-11-22',
    );
  });
});
