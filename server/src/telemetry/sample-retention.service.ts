import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';

const DAY_MS = 86_400_000;
/** Partitions exist this far ahead, so a sample is never the first of its month. */
const AHEAD_MS = 62 * DAY_MS;
const PARTITION_NAME = /^sample_p(\d{4})_(\d{2})$/;

export interface MaintenanceResult {
  created: number;
  dropped: string[];
  receiptsPruned: number;
  /** Histogram rows of past days merged out of their shards. */
  histogramRowsCompacted: number;
}

/**
 * Keeps the monthly partitions of `sample` from the retention horizon to two months
 * ahead: creates the coming ones, drops whole months past the horizon, and prunes
 * the receipts of samples that old (a resend of one is refused as TOO_OLD anyway).
 * Rollups are kept: they are the experiment's record, and they are small; the
 * histogram shards of days that are over are merged, so that reads stay small.
 */
@Injectable()
export class SampleRetentionService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SampleRetentionService.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.maintain();
    this.timer = setInterval(() => {
      this.maintain().catch((error: unknown) =>
        this.logger.error(`Sample partition maintenance failed: ${String(error)}`),
      );
    }, 6 * 3600_000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /**
   * One replica at a time (an advisory lock); another that finds it taken skips the
   * round, as the one holding it does the same work.
   */
  async maintain(now = new Date()): Promise<MaintenanceResult | null> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query(
        `SELECT pg_try_advisory_lock(hashtext('fleetlab_maintenance')) AS locked`,
      )) as [{ locked: boolean }];
      if (!locked) return null;
      try {
        return await this.maintainLocked(now);
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext('fleetlab_maintenance'))`);
      }
    } finally {
      await runner.release();
    }
  }

  private async maintainLocked(now: Date): Promise<MaintenanceResult> {
    const horizon = new Date(now.getTime() - this.config.FLEETLAB_RETENTION_DAYS * DAY_MS);
    const [{ created }] = await this.dataSource.query<[{ created: number }]>(
      'SELECT fleetlab_ensure_sample_partitions($1, $2) AS created',
      [horizon, new Date(now.getTime() + AHEAD_MS)],
    );
    const partitions = await this.dataSource.query<{ name: string }[]>(
      `SELECT c.relname AS name FROM pg_inherits i
         JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'sample'::regclass`,
    );
    const dropped: string[] = [];
    for (const { name } of partitions) {
      const match = PARTITION_NAME.exec(name);
      if (!match) continue;
      // A month goes once all of it is past the horizon: its end is the next month's start.
      const end = Date.UTC(Number(match[1]), Number(match[2]), 1);
      if (end > horizon.getTime()) continue;
      await this.dataSource.query(`DROP TABLE ${name}`);
      dropped.push(name);
    }
    const pruned = await this.dataSource.query<[unknown[], number]>(
      'DELETE FROM sample_receipt WHERE observed_at < $1',
      [horizon],
    );
    const [{ compacted }] = await this.dataSource.query<[{ compacted: string }]>(
      'SELECT fleetlab_compact_histograms(($1::timestamptz AT TIME ZONE $2)::date) AS compacted',
      [now, 'UTC'],
    );
    const result = {
      created,
      dropped,
      receiptsPruned: pruned[1],
      histogramRowsCompacted: Number(compacted),
    };
    if (created || dropped.length || result.receiptsPruned || result.histogramRowsCompacted) {
      this.logger.log(
        `Samples: created ${created} partition(s), dropped ${dropped.length} past retention` +
          (dropped.length ? ` (${dropped.join(', ')})` : '') +
          `, pruned ${result.receiptsPruned} receipt(s), compacted ${result.histogramRowsCompacted} histogram row(s).`,
      );
    }
    return result;
  }
}
