import {
  REPORT_FORMAT_DEFINITIONS,
  reportFormatOfExtension,
  type ReportFormat,
} from '@fleetlab/shared';
import { badInput } from '../common/graphql-errors.js';

const KNOWN = REPORT_FORMAT_DEFINITIONS.map((d) => `.${d.extension} (${d.format})`).join(', ');

/** `rpm-cow.wiki` -> the slug and the format; anything else is refused, naming what is wrong. */
export function parseReportFile(file: string): { slug: string; format: ReportFormat } {
  const dot = file.lastIndexOf('.');
  if (dot < 0) {
    throw badInput(
      `"${file}" names no format: ask for /reports/<experiment>.<format>, with format one of ${KNOWN}.`,
      { field: 'format' },
    );
  }
  const extension = file.slice(dot + 1);
  const format = reportFormatOfExtension(extension);
  if (!format) {
    throw badInput(`Unknown report format ".${extension}" in "${file}": use one of ${KNOWN}.`, {
      field: 'format',
    });
  }
  return { slug: file.slice(0, dot), format };
}
