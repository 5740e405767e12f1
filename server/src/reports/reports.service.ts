import fs from 'node:fs';
import path from 'node:path';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ReportFormat } from '@fleetlab/shared';
import { ComparisonService } from '../analysis/comparison.service.js';
import type { WindowInput } from '../analysis/dto/window.input.js';
import { readHostValues } from '../analysis/analysis.queries.js';
import { ChangesService } from '../changes/changes.service.js';
import { notFound } from '../common/graphql-errors.js';
import { REPO_ROOT } from '../config/app-config.js';
import { ExperimentsService } from '../experiments/experiments.service.js';
import { assembleReport } from './assemble-report.js';
import { parseFigureFileName, renderFigure } from './figures.js';
import { renderReport, type RenderedReport } from './render-report.js';
import type { ReportData } from './report-data.js';
import { readEnrolledHosts } from './report-queries.js';

/** The statistics engine's version, as the bundle records it. */
const ENGINE_VERSION = (
  JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'shared/package.json'), 'utf8')) as {
    version: string;
  }
).version;

/**
 * Reads an experiment's evidence (its definition, the comparison of every metric, the
 * enrolled hosts' facts, the host-level values) into ReportData and hands it to the
 * pure renderers.
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly experiments: ExperimentsService,
    private readonly changes: ChangesService,
    private readonly comparisons: ComparisonService,
  ) {}

  async report(
    slug: string,
    format: ReportFormat,
    window: WindowInput | null | undefined,
    baseUrl: string,
  ): Promise<RenderedReport> {
    return renderReport(await this.gather(slug, window, baseUrl), format);
  }

  /** The SVG of a figure file name such as Fleetlab-rpm-cow-effects.svg. */
  async figure(
    fileName: string,
    window: WindowInput | null | undefined,
    baseUrl: string,
  ): Promise<string> {
    const parsed = parseFigureFileName(fileName);
    const svg = parsed && renderFigure(await this.gather(parsed.slug, window, baseUrl), parsed.key);
    if (!svg) {
      throw notFound(
        `No figure named "${fileName}": figures are Fleetlab-<experiment>-effects.svg and Fleetlab-<experiment>-<metric>.svg for the experiment's metrics.`,
      );
    }
    return svg;
  }

  async gather(
    slug: string,
    window: WindowInput | null | undefined,
    baseUrl: string,
  ): Promise<ReportData> {
    const experiment = await this.experiments.bySlug(slug);
    const overall = await this.comparisons.compareAll(slug, null, window);
    const days = overall[0]?.window ?? { from: null, to: null };
    return assembleReport({
      experiment,
      change: (await this.changes.byId(experiment.changeId))!,
      overall,
      hosts: await readEnrolledHosts(this.dataSource, experiment.id),
      values: await readHostValues(this.dataSource, experiment.id, {
        fromDay: days.from,
        toDay: days.to,
      }),
      baseUrl,
      engineVersion: ENGINE_VERSION,
      generatedAt: new Date(),
    });
  }
}
