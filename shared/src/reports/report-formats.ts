import {
  REPORT_FORMAT_DEFINITIONS,
  type ReportFormat,
  type ReportFormatDefinition,
} from '../domain/reports.js';

export {
  REPORT_FORMATS,
  REPORT_FORMAT_DEFINITIONS,
  type ReportFormat,
  type ReportFormatDefinition,
} from '../domain/reports.js';

export function reportFormatDefinition(format: ReportFormat): ReportFormatDefinition {
  return REPORT_FORMAT_DEFINITIONS.find((d) => d.format === format)!;
}

export function reportFormatOfExtension(extension: string): ReportFormat | undefined {
  return REPORT_FORMAT_DEFINITIONS.find((d) => d.extension === extension)?.format;
}

/** `rpm-cow-hyperscale-fleet-evidence.wiki`: the name a download is saved under. */
export function reportFileName(slug: string, format: ReportFormat): string {
  return `${slug}-fleet-evidence.${reportFormatDefinition(format).extension}`;
}

/** `/reports/rpm-cow-hyperscale.wiki`: where the server serves a report. */
export function reportPath(slug: string, format: ReportFormat): string {
  return `/reports/${encodeURIComponent(slug)}.${reportFormatDefinition(format).extension}`;
}
