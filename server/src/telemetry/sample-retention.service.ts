import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import {
  COMPACT_HISTOGRAMS_SQL,
  dropPartitionSql,
  ENSURE_PARTITIONS_SQL,
  MAINTENANCE_UNLOCK_SQL,
  PRUNE_RECEIPTS_SQL,
  SAMPLE_PARTITIONS_SQL,
  TRY_MAINTENANCE_LOCK_SQL,
} from './telemetry.queries.js';

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
      const [{ locked }] = (await runner.query(TRY_MAINTENANCE_LOCK_SQL)) as [{ locked: boolean }];
      if (!locked) return null;
      try {
        return await this.maintainLocked(now);
      } finally {
        await runner.query(MAINTENANCE_UNLOCK_SQL);
      }
    } finally {
      await runner.release();
    }
  }

  private async maintainLocked(now: Date): Promise<MaintenanceResult> {
    const horizon = new Date(now.getTime() - this.config.FLEETLAB_RETENTION_DAYS * DAY_MS);
    const [{ created }] = await this.dataSource.query<[{ created: number }]>(
      ENSURE_PARTITIONS_SQL,
      [horizon, new Date(now.getTime() + AHEAD_MS)],
    );
    const partitions = await this.dataSource.query<{ name: string }[]>(SAMPLE_PARTITIONS_SQL);
    const dropped: string[] = [];
    for (const { name } of partitions) {
      const match = PARTITION_NAME.exec(name);
      if (!match) continue;
      // A month goes once all of it is past the horizon: its end is the next month's start.
      const end = Date.UTC(Number(match[1]), Number(match[2]), 1);
      if (end > horizon.getTime()) continue;
      await this.dataSource.query(dropPartitionSql(name));
      dropped.push(name);
    }
    const pruned = await this.dataSource.query<[unknown[], number]>(PRUNE_RECEIPTS_SQL, [horizon]);
    const [{ compacted }] = await this.dataSource.query<[{ compacted: string }]>(
      COMPACT_HISTOGRAMS_SQL,
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
