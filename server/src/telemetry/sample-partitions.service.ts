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

/** Keeps monthly partitions of `sample` ready from the retention horizon to two months ahead. */
@Injectable()
export class SamplePartitionsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SamplePartitionsService.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensure();
    this.timer = setInterval(() => {
      this.ensure().catch((error: unknown) =>
        this.logger.error(`Creating sample partitions failed: ${String(error)}`),
      );
    }, 6 * 3600_000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async ensure(now = new Date()): Promise<number> {
    const from = new Date(now.getTime() - this.config.FLEETLAB_RETENTION_DAYS * DAY_MS);
    const to = new Date(now.getTime() + AHEAD_MS);
    const [{ created }] = await this.dataSource.query<[{ created: number }]>(
      'SELECT fleetlab_ensure_sample_partitions($1, $2) AS created',
      [from, to],
    );
    if (created > 0) this.logger.log(`Created ${created} sample partition(s).`);
    return created;
  }
}
