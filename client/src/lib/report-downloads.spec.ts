import { describe, expect, it } from '@jest/globals';
import { reportHref } from './report-downloads.js';

// That the formats match the server's is checked in test/api/report-downloads.test.ts,
// which can import shared/ (this workspace's type check cannot).
describe('report downloads', () => {
  it('carry the window as whole days', () => {
    expect(reportHref('rpm-cow', 'wiki', null)).toBe('/reports/rpm-cow.wiki');
    expect(reportHref('rpm-cow', 'csv', { from: '2026-11-22T12:00:00.000Z' })).toBe(
      '/reports/rpm-cow.csv?from=2026-11-22',
    );
  });
});
