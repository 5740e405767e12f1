import { registerEnumType } from '@nestjs/graphql';

export enum ReportFormat {
  MEDIAWIKI = 'MEDIAWIKI',
  MARKDOWN = 'MARKDOWN',
  CSV = 'CSV',
  JSON = 'JSON',
}

registerEnumType(ReportFormat, {
  name: 'ReportFormat',
  description:
    'MEDIAWIKI: a Fedora Change proposal page with the fleet evidence filled in. MARKDOWN: the same evidence as a Discourse post. ' +
    'CSV: per-arm summaries and per-host aggregates for spreadsheets. JSON: a reproducibility bundle (definition, window, engine version, per-host data with its sha256, results).',
});
