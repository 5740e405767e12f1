import { REPORT_FORMATS, type ReportFormat as Format } from '@fleetlab/shared/domain';
import { graphqlEnum } from '../common/graphql-enum.js';

export const ReportFormat = graphqlEnum(REPORT_FORMATS, {
  name: 'ReportFormat',
  description:
    'MEDIAWIKI: a Fedora Change proposal page with the fleet evidence filled in. MARKDOWN: the same evidence as a Discourse post. ' +
    'CSV: per-arm summaries and per-host aggregates for spreadsheets. JSON: a reproducibility bundle (definition, window, engine version, per-host data with its sha256, results).',
});
export type ReportFormat = Format;
