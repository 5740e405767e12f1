export const REPORT_FORMATS = ['MEDIAWIKI', 'MARKDOWN', 'CSV', 'JSON'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportFormatDefinition {
  format: ReportFormat;
  /** The file extension of the download, which also names the format in its URL. */
  extension: string;
  contentType: string;
}

// The server serves /reports/<slug>.<extension>; the agent and the dashboard build
// the same paths, so the mapping lives here.
export const REPORT_FORMAT_DEFINITIONS: readonly ReportFormatDefinition[] = [
  { format: 'MEDIAWIKI', extension: 'wiki', contentType: 'text/x-wiki; charset=utf-8' },
  { format: 'MARKDOWN', extension: 'md', contentType: 'text/markdown; charset=utf-8' },
  { format: 'CSV', extension: 'csv', contentType: 'text/csv; charset=utf-8' },
  { format: 'JSON', extension: 'json', contentType: 'application/json; charset=utf-8' },
];
