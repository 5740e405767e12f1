import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type QueryRunner } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { NOTIFY_EXPERIMENTS_SQL } from '../live/experiment-events.js';
import {
  createScratchTables,
  FOLD_LOCK_SQL,
  foldPass,
  type PassLimits,
  type PassResult,
  type Query,
} from './fold-pass.js';
import { rebuildAggregates } from './rebuild-aggregates.js';

/** A pass takes at most this much, so one transaction stays short whatever the backlog. */
const LIMITS: PassLimits = { batches: 500, histories: 5000, tallies: 20000 };

/** An ingest on this replica asks for a pass this soon, so that a burst is folded together. */
const WAKE_DELAY_MS = 100;

export interface FoldStatus {
  /** Every sample acknowledged before this moment is in the rollups. */
  asOf: Date;
  /** When a pass last folded anything. */
  lastFoldAt: Date | null;
  /** Acknowledged batches not folded yet. */
  pendingBatches: number;
}

/**
 * Folds acknowledged samples into every rollup, off the request path: the ingest only
 * stores samples and queues their batch. A pass runs in its own transaction under an
 * advisory lock, so with several replicas exactly one folds at a time; it deletes the
 * queue entries it folds in that transaction, so a crash at any point folds nothing
 * twice and loses nothing (the entries stay queued until a pass commits).
 */
@Injectable()
export class FolderService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(FolderService.name);
  private runner: QueryRunner | null = null;
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<Error | null> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.FLEETLAB_FOLD_INTERVAL_MS > 0) this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.draining?.catch(() => undefined);
    await this.runner?.release().catch(() => undefined);
    this.runner = null;
  }

  /** Something was queued on this replica: fold it soon instead of at the next interval. */
  wake(): void {
    if (this.config.FLEETLAB_FOLD_INTERVAL_MS > 0) this.schedule(WAKE_DELAY_MS);
  }

  /**
   * Folds until nothing acknowledged is left unfolded: for tests and tools that need
   * the rollups to hold what was sent. Waits while another replica holds the lock.
   */
  async foldNow(): Promise<void> {
    for (;;) {
      const failed = await this.drain();
      if (failed) throw failed;
      if (!(await this.workPending())) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async status(): Promise<FoldStatus> {
    const [row] = await this.dataSource.query<
      { oldest: Date | null; pending: number; folded_at: Date | null; now: Date }[]
    >(
      `SELECT (SELECT queued_at FROM fold_queue ORDER BY seq LIMIT 1) AS oldest,
              (SELECT count(*)::int FROM fold_queue) AS pending,
              (SELECT folded_at FROM fold_state WHERE id = 1) AS folded_at, now() AS now`,
    );
    return {
      asOf: row!.oldest ?? row!.now,
      lastFoldAt: row!.folded_at,
      pendingBatches: row!.pending,
    };
  }

  /** The moment before which every acknowledged sample is folded (one index lookup). */
  async asOf(): Promise<Date> {
    const [row] = await this.dataSource.query<{ as_of: Date }[]>(
      `SELECT coalesce((SELECT queued_at FROM fold_queue ORDER BY seq LIMIT 1), now()) AS as_of`,
    );
    return row!.as_of;
  }

  /** Every aggregate rebuilt from the rollups, in one transaction under the fold lock. */
  async rebuild(): Promise<void> {
    await this.foldNow();
    await this.inTransaction(async (query) => {
      await rebuildAggregates(query);
      await query('UPDATE fold_state SET rebuild_pending = false WHERE id = 1');
      return true;
    });
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    if (this.timer) {
      if (delayMs >= WAKE_DELAY_MS) return;
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.drain().finally(() => {
        const next = this.again ? WAKE_DELAY_MS : this.config.FLEETLAB_FOLD_INTERVAL_MS;
        this.again = false;
        this.schedule(next);
      });
    }, delayMs);
    this.timer.unref();
  }

  /** Passes until one finds nothing to do or cannot take the lock; answers what failed. */
  private drain(): Promise<Error | null> {
    this.draining ??= (async () => {
      try {
        while (!this.stopped && (await this.workPending())) {
          const folded = await this.inTransaction((query) => this.pass(query));
          if (!folded) break;
        }
        return null;
      } catch (error) {
        this.logger.warn(`folding paused: ${(error as Error).message}`);
        await this.runner?.release().catch(() => undefined);
        this.runner = null;
        return error as Error;
      } finally {
        this.draining = null;
      }
    })();
    return this.draining;
  }

  private async pass(query: Query): Promise<boolean> {
    const [state] = await query<{ rebuild_pending: boolean }>(
      'SELECT rebuild_pending FROM fold_state WHERE id = 1',
    );
    if (state?.rebuild_pending) {
      await rebuildAggregates(query);
      await query('UPDATE fold_state SET rebuild_pending = false WHERE id = 1');
    }
    const result: PassResult = await foldPass(query, LIMITS);
    await query(
      `UPDATE fold_state SET folded_at = now(), batches = batches + $1, samples = samples + $2 WHERE id = 1`,
      [result.batches, result.samples],
    );
    if (result.experimentIds.length > 0) {
      const reasons = [
        ...(result.batches + result.histories > 0 ? ['SAMPLES'] : []),
        ...(result.tallies > 0 ? ['ENROLLMENT'] : []),
      ];
      await query(NOTIFY_EXPERIMENTS_SQL, [result.experimentIds, reasons]);
    }
    return true;
  }

  /** Whether anything waits to be folded or tallied (cheap: partial indexes and a tiny table). */
  private async workPending(): Promise<boolean> {
    const [row] = await this.dataSource.query<{ pending: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM fold_queue)
           OR EXISTS (SELECT 1 FROM enrollment WHERE NOT history_folded)
           OR EXISTS (SELECT 1 FROM enrollment WHERE tally_pending)
           OR (SELECT rebuild_pending FROM fold_state WHERE id = 1) AS pending`,
    );
    return !!row?.pending;
  }

  /**
   * Runs `work` in a transaction on the folder's own connection once it holds the fold
   * lock; answers false (having done nothing) when another replica holds it.
   */
  private async inTransaction(work: (query: Query) => Promise<boolean>): Promise<boolean> {
    if (!this.runner || this.runner.isReleased) {
      this.runner = this.dataSource.createQueryRunner();
      await this.runner.connect();
      await createScratchTables(this.query);
    }
    const runner = this.runner;
    await runner.startTransaction();
    try {
      const [lock] = await this.query<{ locked: boolean }>(FOLD_LOCK_SQL);
      if (!lock?.locked) {
        await runner.rollbackTransaction();
        return false;
      }
      const done = await work(this.query);
      await runner.commitTransaction();
      return done;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    }
  }

  private readonly query: Query = <T>(sql: string, params?: unknown[]) =>
    this.runner!.query(sql, params) as Promise<T[]>;
}
