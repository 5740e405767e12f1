import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Access, Unlimited } from '../access/access.decorator.js';
import { DemoSeedService } from '../demo/demo-seed.service.js';
import type { DemoStatus } from '../demo/demo-status.model.js';

export interface HealthReport {
  status: 'ok' | 'degraded';
  database: 'up' | 'down';
  uptimeSeconds: number;
  /** The demo fleet loads after the server answers; its data are complete once LOADED. */
  demo: DemoStatus;
  error?: string;
}

/** Liveness and database readiness, for load balancers and `docker compose`. */
@Access('PUBLIC')
@Unlimited()
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly demo: DemoSeedService,
  ) {}

  @Get()
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const uptimeSeconds = Math.round(process.uptime());
    const demo = this.demo.status;
    try {
      await this.dataSource.query('SELECT 1');
      return { status: 'ok', database: 'up', uptimeSeconds, demo };
    } catch (error) {
      res.status(HttpStatus.SERVICE_UNAVAILABLE);
      return {
        status: 'degraded',
        database: 'down',
        uptimeSeconds,
        demo,
        error: error instanceof Error ? error.message : String(error),
      };
    }
  }
}
