import {
  reportFileName,
  reportFormatDefinition,
  reportPath,
  type ReportFormat,
} from '@fleetlab/shared';
import { renderChangeProposal } from './change-proposal.js';
import { renderCsv } from './csv-report.js';
import { renderDiscoursePost } from './discourse-post.js';
import { figurePath, reportFigures, type FigureRef } from './figures.js';
import { renderBundle } from './json-bundle.js';
import type { ReportData } from './report-data.js';
import { windowQuery } from './report-text.js';

export interface RenderedReport {
  format: ReportFormat;
  fileName: string;
  contentType: string;
  content: string;
  downloadPath: string;
  figures: (Pick<FigureRef, 'fileName' | 'caption'> & { downloadPath: string })[];
}

const RENDERERS: Record<ReportFormat, (data: ReportData) => string> = {
  MEDIAWIKI: renderChangeProposal,
  MARKDOWN: renderDiscoursePost,
  CSV: renderCsv,
  JSON: renderBundle,
};

/** One report of the data in one format, with what a download needs to name and type it. */
export function renderReport(data: ReportData, format: ReportFormat): RenderedReport {
  const withFigures = format === 'MEDIAWIKI' || format === 'MARKDOWN';
  return {
    format,
    fileName: reportFileName(data.experiment.slug, format),
    contentType: reportFormatDefinition(format).contentType,
    content: RENDERERS[format](data),
    downloadPath: `${reportPath(data.experiment.slug, format)}${windowQuery(data.window)}`,
    figures: withFigures
      ? reportFigures(data).map((f) => ({
          fileName: f.fileName,
          caption: f.caption,
          downloadPath: figurePath(f.fileName, data.window),
        }))
      : [],
  };
}
