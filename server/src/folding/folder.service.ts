import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type QueryRunner } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { currentTransactionHook } from '../database/retrying-transaction.js';
import { NOTIFY_EXPERIMENTS_SQL } from '../live/experiment-events.js';
import { foldErrorReason, isDataError, sqlStateOf } from './fold-errors.js';
import { FoldListeners } from './fold-listeners.js';
import { describe, FoldIsolation } from './fold-isolation.js';
import {
  createScratchTables,
  FOLD_LOCK_SQL,
  foldPass,
  type EnrollmentKey,
  type PassFocus,
  type PassLimits,
  type PassResult,
  type Query,
} from './fold-pass.js';
import {
  AS_OF_SQL,
  FOLD_STATUS_SQL,
  NEXT_BATCHES_SQL,
  NEXT_ENROLLMENTS_SQL,
  QUARANTINE_BATCH_SQL,
  QUARANTINE_ENROLLMENT_SQL,
  HOST_EXPERIMENTS_SQL,
  WORK_PENDING_SQL,
} from './folding.queries.js';
import { rebuildAggregates } from './rebuild-aggregates.js';

/** A pass takes at most this much, so one transaction stays short whatever the backlog. */
const LIMITS: PassLimits = { batches: 500, histories: 5000, tallies: 20000 };

/** An ingest on this replica asks for a pass this soon, so that a burst is folded together. */
const WAKE_DELAY_MS = 100;

/** The longest pause after failures before folding tries again. */
const MAX_PAUSE_MS = 60_000;

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
 *
 * A pass that fails on its data (isDataError) does not stop folding: its work is
 * folded again in parts and what fails alone is set aside in fold_quarantine with the
 * database's error, for an admin to retry or drop (fold-isolation.ts). Other failures
 * (the database away, a deadlock), and one that every item meets, pause folding for
 * a while, as nothing is wrong with one item of the work.
 */
@Injectable()
export class FolderService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(FolderService.name);
  private runner: QueryRunner | null = null;
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<Error | null> | null = null;
  private again = false;
  private stopped = false;
  /** How long folding waits after its last failure (0 while it folds). */
  private pauseMs = 0;
  /** Finds what a pass that failed on its data failed on, and sets it aside. */
  private readonly isolation = new FoldIsolation({
    fold: async (work) => {
      if (!this.stopped)
        await this.inTransaction((query) => this.pass(query, limitsOf(work), work));
    },
    quarantine: (item, error, failures) => this.quarantine(item, error, failures),
  });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly listeners: FoldListeners,
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
    const [row] =
      await this.dataSource.query<
        { oldest: Date | null; pending: number; folded_at: Date | null; now: Date }[]
      >(FOLD_STATUS_SQL);
    return {
      asOf: row!.oldest ?? row!.now,
      lastFoldAt: row!.folded_at,
      pendingBatches: row!.pending,
    };
  }

  /** The moment before which every acknowledged sample is folded (one index lookup). */
  async asOf(): Promise<Date> {
    const [row] = await this.dataSource.query<{ as_of: Date }[]>(AS_OF_SQL);
    return row!.as_of;
  }

  /** Every aggregate rebuilt from the rollups, in one transaction under the fold lock. */
  async rebuild(): Promise<void> {
    await this.foldNow();
    // The admin's mutation is audited in the rebuild's transaction.
    const hook = currentTransactionHook();
    const rebuilt = await this.inTransaction(async (query) => {
      await rebuildAggregates(query);
      await query('UPDATE fold_state SET rebuild_pending = false WHERE id = 1');
      await hook?.beforeCommit(this.runner!.manager);
      return true;
    });
    if (rebuilt) hook?.committed();
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
      void this.drain().then((failed) => {
        const interval = this.config.FLEETLAB_FOLD_INTERVAL_MS;
        // After a failure, longer and longer pauses: a database that is away, or a
        // failure every batch meets, is not hammered at every ingest.
        this.pauseMs = failed ? Math.min(MAX_PAUSE_MS, Math.max(interval, this.pauseMs * 2)) : 0;
        const next = this.pauseMs || (this.again ? WAKE_DELAY_MS : interval);
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
          let folded: boolean;
          try {
            folded = await this.inTransaction((query) => this.pass(query, LIMITS));
          } catch (error) {
            if (!isDataError(error)) throw error;
            this.logger.warn(
              `a fold pass failed on its data (${foldErrorReason(error)}); folding its work in parts to set aside what fails`,
            );
            await this.isolate();
            continue;
          }
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

  private async pass(query: Query, limits: PassLimits, focus?: PassFocus): Promise<boolean> {
    const [state] = await query<{ rebuild_pending: boolean }>(
      'SELECT rebuild_pending FROM fold_state WHERE id = 1',
    );
    if (!focus && state?.rebuild_pending) await this.rebuildPending(query);
    const result: PassResult = await foldPass(query, limits, focus);
    await this.listeners.afterPass(this.runner!.manager, result.experimentIds);
    if (!focus)
      this.isolation.folded([
        ...(result.batches > 0 ? (['BATCH'] as const) : []),
        ...(result.histories + result.tallies > 0 ? (['ENROLLMENT'] as const) : []),
      ]);
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

  /**
   * The rebuild a migration asked for. Rollups loaded behind the folder's back may hold
   * what the rebuild cannot sum: then the error is logged, the aggregates stay as they
   * were and folding goes on; an admin runs rebuildAggregates once the rollups are mended.
   */
  private async rebuildPending(query: Query): Promise<void> {
    await query('SAVEPOINT rebuild');
    try {
      await rebuildAggregates(query);
    } catch (error) {
      if (!isDataError(error)) throw error;
      await query('ROLLBACK TO SAVEPOINT rebuild');
      this.logger.error(
        `the aggregates could not be rebuilt from the rollups (${foldErrorReason(error)}); folding goes on without the rebuild`,
      );
    }
    await query('UPDATE fold_state SET rebuild_pending = false WHERE id = 1');
  }

  /** Whether anything waits to be folded or tallied (cheap: partial indexes and tiny tables). */
  private async workPending(): Promise<boolean> {
    const [row] = await this.dataSource.query<{ pending: boolean }[]>(WORK_PENDING_SQL);
    return !!row?.pending;
  }

  /**
   * After a pass failed on its data: the work such a pass takes is folded in parts,
   * batches first, then enrollments, so that everything but what fails is folded.
   */
  private async isolate(): Promise<void> {
    const batches = await this.dataSource.query<{ seq: string }[]>(NEXT_BATCHES_SQL, [
      LIMITS.batches,
    ]);
    const enrollments = await this.dataSource.query<EnrollmentKey[]>(NEXT_ENROLLMENTS_SQL, [
      LIMITS.histories,
    ]);
    await this.isolation.isolate([
      { kind: 'BATCH', seqs: batches.map(({ seq }) => seq) },
      { kind: 'ENROLLMENT', enrollments },
    ]);
  }

  /** Sets one item aside with the error it fails with, so that folding goes on without it. */
  private async quarantine(item: PassFocus, error: unknown, failures: number): Promise<void> {
    const reason = foldErrorReason(error);
    this.logger.error(`set aside ${describe(item)} after ${failures} failed folds: ${reason}`);
    const params =
      item.kind === 'BATCH'
        ? [item.seqs[0], reason, sqlStateOf(error), failures]
        : [
            item.enrollments[0]!.experimentId,
            item.enrollments[0]!.hostId,
            reason,
            sqlStateOf(error),
            failures,
          ];
    const hostId = item.kind === 'BATCH' ? null : item.enrollments[0]!.hostId;
    await this.inTransaction(async (query) => {
      const [moved] = await query<{ host_id: string }>(
        item.kind === 'BATCH' ? QUARANTINE_BATCH_SQL : QUARANTINE_ENROLLMENT_SQL,
        params,
      );
      // Dashboards of the host's experiments say what their figures now leave out.
      const experiments = await query<{ id: string }>(HOST_EXPERIMENTS_SQL, [
        moved?.host_id ?? hostId,
      ]);
      await query(NOTIFY_EXPERIMENTS_SQL, [experiments.map((e) => e.id), ['SAMPLES']]);
      return true;
    });
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

/** A pass takes the focused work and nothing else. */
function limitsOf(work: PassFocus): PassLimits {
  return work.kind === 'BATCH'
    ? { batches: work.seqs.length, histories: 0, tallies: 0 }
    : { batches: 0, histories: work.enrollments.length, tallies: work.enrollments.length };
}
