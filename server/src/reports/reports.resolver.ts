import { Args, Context, Query, Resolver } from '@nestjs/graphql';
import type { Request } from 'express';
import { WindowInput } from '../analysis/dto/window.input.js';
import { AppConfig } from '../config/app-config.js';
import { ExperimentReport } from './experiment-report.model.js';
import { ReportFormat } from './report-format.enum.js';
import { publicUrl } from './public-url.js';
import { ReportsService } from './reports.service.js';
import { Access } from '../access/access.decorator.js';

@Access('VIEWER')
@Resolver(() => ExperimentReport)
export class ReportsResolver {
  constructor(
    private readonly reports: ReportsService,
    private readonly config: AppConfig,
  ) {}

  @Query(() => ExperimentReport, {
    description:
      "An experiment's fleet evidence for upstream: a Fedora Change page, a Discourse post, a CSV or a reproducibility bundle. Also served as downloads at /reports/<slug>.<wiki|md|csv|json>.",
  })
  async experimentReport(
    @Args('experimentSlug') experimentSlug: string,
    @Args('format', { type: () => ReportFormat }) format: ReportFormat,
    @Args('window', { type: () => WindowInput, nullable: true }) window: WindowInput | null,
    @Context('req') req: Request,
  ): Promise<ExperimentReport> {
    const report = await this.reports.report(
      experimentSlug,
      format,
      window,
      publicUrl(this.config, req),
    );
    return { ...report, format: report.format };
  }
}
