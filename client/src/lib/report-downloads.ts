// Where the server serves an experiment's reports: /reports/<slug>.<extension>, with
// an optional window of whole UTC days. The mapping mirrors REPORT_FORMAT_DEFINITIONS
// in shared/src/reports (test/api/report-downloads.test.ts holds the two together); it is
// copied rather than imported so the dashboard's bundle stays free of the statistics.

export const REPORT_DOWNLOADS = [
  { format: 'MEDIAWIKI', extension: 'wiki', label: 'Fedora Change proposal', kind: 'MediaWiki' },
  { format: 'MARKDOWN', extension: 'md', label: 'Discourse post', kind: 'Markdown' },
  { format: 'CSV', extension: 'csv', label: 'Per-host and per-arm data', kind: 'CSV' },
  { format: 'JSON', extension: 'json', label: 'Reproducibility bundle', kind: 'JSON' },
] as const;

/** `/reports/rpm-cow.wiki?from=2026-11-22`: a report download for a window (or all of it). */
export function reportHref(
  slug: string,
  extension: string,
  window: { from: string } | null,
): string {
  const path = `/reports/${encodeURIComponent(slug)}.${extension}`;
  return window ? `${path}?from=${window.from.slice(0, 10)}` : path;
}
