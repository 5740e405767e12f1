// Where the server serves an experiment's reports: /reports/<slug>.<extension>, with
// an optional window of whole UTC days. Formats and extensions are shared's
// (REPORT_FORMAT_DEFINITIONS); the dashboard only names them.
import { REPORT_FORMAT_DEFINITIONS, type ReportFormat } from '@fleetlab/shared/domain';

const NAMES: Record<ReportFormat, { label: string; kind: string }> = {
  MEDIAWIKI: { label: 'Fedora Change proposal', kind: 'MediaWiki' },
  MARKDOWN: { label: 'Discourse post', kind: 'Markdown' },
  CSV: { label: 'Per-host and per-arm data', kind: 'CSV' },
  JSON: { label: 'Reproducibility bundle', kind: 'JSON' },
};

export const REPORT_DOWNLOADS = REPORT_FORMAT_DEFINITIONS.map(({ format, extension }) => ({
  format,
  extension,
  ...NAMES[format],
}));

/** `/reports/rpm-cow.wiki?from=2026-11-22`: a report download for a window (or all of it). */
export function reportHref(
  slug: string,
  extension: string,
  window: { from: string } | null,
): string {
  const path = `/reports/${encodeURIComponent(slug)}.${extension}`;
  return window ? `${path}?from=${window.from.slice(0, 10)}` : path;
}
