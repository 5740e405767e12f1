import { Field, ObjectType } from '@nestjs/graphql';
import { ReportFormat } from './report-format.enum.js';

@ObjectType({ description: 'An SVG figure the report refers to, e.g. as [[File:NAME.svg]].' })
export class ReportFigure {
  @Field({ description: 'The name to upload it under, e.g. Fleetlab-rpm-cow-effects.svg.' })
  fileName: string;

  @Field()
  caption: string;

  @Field({ description: 'Where this server serves it, e.g. /reports/figures/NAME.svg.' })
  downloadPath: string;
}

@ObjectType({ description: "An experiment's fleet evidence, rendered for upstream." })
export class ExperimentReport {
  @Field(() => ReportFormat)
  format: ReportFormat;

  @Field({ description: 'The name to save it under, e.g. rpm-cow-fleet-evidence.wiki.' })
  fileName: string;

  @Field({ description: 'e.g. text/x-wiki; charset=utf-8.' })
  contentType: string;

  @Field({ description: 'The whole document, as the HTTP download gives it.' })
  content: string;

  @Field({
    description: 'The same report as an HTTP download on this server, e.g. /reports/rpm-cow.wiki.',
  })
  downloadPath: string;

  @Field(() => [ReportFigure], {
    description: 'The figures the MEDIAWIKI and MARKDOWN reports refer to; none for CSV and JSON.',
  })
  figures: ReportFigure[];
}
