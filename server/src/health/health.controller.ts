import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Access, Unlimited } from '../access/access.decorator.js';

export interface HealthReport {
  status: 'ok' | 'degraded';
  database: 'up' | 'down';
  uptimeSeconds: number;
  error?: string;
}

/** Liveness and database readiness, for load balancers and `docker compose`. */
@Access('PUBLIC')
@Unlimited()
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const uptimeSeconds = Math.round(process.uptime());
    try {
      await this.dataSource.query('SELECT 1');
      return { status: 'ok', database: 'up', uptimeSeconds };
    } catch (error) {
      res.status(HttpStatus.SERVICE_UNAVAILABLE);
      return {
        status: 'degraded',
        database: 'down',
        uptimeSeconds,
        error: error instanceof Error ? error.message : String(error),
      };
    }
  }
}
