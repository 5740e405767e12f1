import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { readTimestamp } from '@fleetlab/shared';
import { windowDays } from '../analysis/window-days.js';
import type { Credentials } from '../access/principal.service.js';
import { AuditService, DENIAL_CODES } from '../audit/audit.service.js';
import { badInput } from '../common/graphql-errors.js';
import {
  databaseUnavailable,
  isDatabaseUnavailable,
  isUnstorableValue,
  unstorableValue,
} from '../database/database-unavailable.js';
import { AppConfig } from '../config/app-config.js';
import { publicUrl } from './public-url.js';
import { parseReportFile } from './report-file.js';
import { ReportsService } from './reports.service.js';
import { Access, AuditedAs } from '../access/access.decorator.js';

/**
 * `?from=2026-01-01&to=2026-01-31`: the window of a download, whole UTC days within
 * the retention (see windowDays).
 */
function windowOf(
  query: Record<string, unknown>,
  retentionDays: number,
): { from: Date | null; to: Date | null } {
  const date = (name: 'from' | 'to'): Date | null => {
    const value = query[name];
    if (value === undefined || value === '') return null;
    const reading = readTimestamp(value);
    if ('problem' in reading) {
      throw badInput(
        `The query parameter ${name} must be a date such as 2026-01-31 or a time such as 2026-01-31T12:00:00Z; ${reading.problem}.`,
        { field: name },
      );
    }
    return reading.at;
  };
  const window = { from: date('from'), to: date('to') };
  windowDays(window, retentionDays, new Date(), { from: 'from', to: 'to' });
  return window;
}

/**
 * Reports as downloads, for scripts and `fleetlab-agent export`: /reports/<slug>.wiki,
 * .md, .csv, .json, and the figures they refer to at /reports/figures/<name>.svg.
 * Errors answer 400 or 404 with a message naming what is wrong.
 */
@Access('VIEWER')
@AuditedAs('export')
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /** Runs a download and writes its audit event, whether it succeeds or not. */
  private async audited<T>(req: Request, target: string, work: () => Promise<T>): Promise<T> {
    const event = {
      principal: (req as Request & Credentials).fleetlabPrincipal ?? null,
      action: 'export',
      target,
      detail: { query: req.query },
      remoteAddress: req.ip ?? null,
      userAgent: req.headers['user-agent'] ?? null,
    };
    try {
      const result = await work();
      await this.audit.record({ ...event, outcome: 'OK' });
      return result;
    } catch (caught) {
      const error = isDatabaseUnavailable(caught)
        ? databaseUnavailable()
        : isUnstorableValue(caught)
          ? unstorableValue()
          : caught;
      const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
      const errorCode = typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
      await this.audit.record({
        ...event,
        outcome: DENIAL_CODES.has(errorCode) ? 'DENIED' : 'FAILED',
        errorCode,
      });
      throw error;
    }
  }

  @Get('figures/:fileName')
  async figure(
    @Param('fileName') fileName: string,
    @Query() query: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const svg = await this.audited(req, `figures/${fileName}`, () =>
      this.reports.figure(
        fileName,
        windowOf(query, this.config.FLEETLAB_RETENTION_DAYS),
        publicUrl(this.config, req),
      ),
    );
    res
      .status(200)
      .set({
        'Content-Type': 'image/svg+xml; charset=utf-8',
        'Content-Disposition': `inline; filename="${fileName}"`,
        // The SVG is ours, but it carries text from experiments: no scripts, ever.
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
        'Cache-Control': 'no-cache',
      })
      .send(svg);
  }

  @Get(':file')
  async download(
    @Param('file') file: string,
    @Query() query: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const report = await this.audited(req, file, () => {
      const { slug, format } = parseReportFile(file);
      return this.reports.report(
        slug,
        format,
        windowOf(query, this.config.FLEETLAB_RETENTION_DAYS),
        publicUrl(this.config, req),
      );
    });
    res
      .status(200)
      .set({
        'Content-Type': report.contentType,
        'Content-Disposition': `attachment; filename="${report.fileName}"`,
        'Cache-Control': 'no-cache',
      })
      .send(report.content);
  }
}
