import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { renderBody, type AlertPayload } from './alert-payloads.js';
import {
  CANCEL_DELIVERY_SQL,
  CLAIM_DUE_SQL,
  DELIVERED_SQL,
  DELIVERY_LOCK_SQL,
  FAILED_TRY_SQL,
  RECORD_ATTEMPT_SQL,
  type ClaimedRow,
} from './alerts.queries.js';
import { retryAfterMs, retryDelayMs } from './retry-schedule.js';
import { postWebhook, type PostOutcome } from './webhook-post.js';
import { SIGNATURE_HEADER, signatureHeader } from './webhook-signature.js';

/** Receivers tried at once in one round (one delivery each). */
const WEBHOOKS_PER_ROUND = 20;

/** The longest pause after failing rounds (the database away) before trying again. */
const MAX_PAUSE_MS = 60_000;

/**
 * Sends the outbox. Every replica runs one; a round runs only while it holds an
 * advisory lock, so one replica delivers at a time. A round claims the oldest due
 * delivery of each webhook (leased, committed at once; a webhook's deliveries go in
 * the order of their events, and wait behind one being retried), posts them together,
 * and records each answer in a transaction of its own: a delivery is marked DELIVERED
 * on a 2xx, otherwise retried with growing waits until FLEETLAB_WEBHOOK_MAX_AGE_HOURS
 * after its event (then FAILED). A replica that dies mid-round loses nothing: the
 * lease runs out and the delivery is tried again, with the same Fleetlab-Delivery id,
 * so the receiver can tell it from a new event should the first try have arrived.
 */
@Injectable()
export class AlertDeliveryService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Alerts');
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<Error | null> | null = null;
  private stopped = false;
  private pauseMs = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.FLEETLAB_WEBHOOK_INTERVAL_MS > 0) this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.draining;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.drain().then((failed) => {
        const interval = this.config.FLEETLAB_WEBHOOK_INTERVAL_MS;
        this.pauseMs = failed ? Math.min(MAX_PAUSE_MS, Math.max(interval, this.pauseMs * 2)) : 0;
        this.schedule(this.pauseMs || interval);
      });
    }, delayMs);
    this.timer.unref();
  }

  /** Rounds until one finds nothing due or cannot take the lock; answers what failed. */
  private drain(): Promise<Error | null> {
    this.draining ??= (async () => {
      try {
        while (!this.stopped && (await this.round()) > 0);
        return null;
      } catch (error) {
        this.logger.warn(`delivering alerts paused: ${(error as Error).message}`);
        return error as Error;
      } finally {
        this.draining = null;
      }
    })();
    return this.draining;
  }

  /** One round under the lock; answers how many deliveries it tried (0: none due, or no lock). */
  private async round(): Promise<number> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const [lock] = (await runner.query(DELIVERY_LOCK_SQL)) as { locked: boolean }[];
      if (!lock?.locked) return 0;
      // On the pool, not in the lock's transaction: a claim commits at once.
      const claimed = await this.dataSource.query<ClaimedRow[]>(CLAIM_DUE_SQL, [
        this.leaseMs(),
        WEBHOOKS_PER_ROUND,
      ]);
      await Promise.all(claimed.map((delivery) => this.deliver(delivery)));
      return claimed.length;
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
    }
  }

  /** Longer than a try can take, with room for recording it. */
  private leaseMs(): number {
    return this.config.FLEETLAB_WEBHOOK_TIMEOUT_MS + 30_000;
  }

  private async deliver(delivery: ClaimedRow): Promise<void> {
    // A webhook turned off sends nothing more, but a test, to try its receiver first.
    if (!delivery.active && delivery.type !== 'TEST') {
      await this.dataSource.query(CANCEL_DELIVERY_SQL, [delivery.id]);
      return;
    }
    const body = renderBody(
      delivery.format,
      delivery.payload as unknown as AlertPayload,
      delivery.id,
    );
    const startedAt = new Date();
    const headers: Record<string, string> = {
      'Fleetlab-Delivery': delivery.id,
      'Fleetlab-Event': delivery.type,
    };
    if (delivery.signing_secret)
      headers[SIGNATURE_HEADER] = signatureHeader(delivery.signing_secret, body, startedAt);
    const outcome = await postWebhook(delivery.url, body, headers, {
      timeoutMs: this.config.FLEETLAB_WEBHOOK_TIMEOUT_MS,
      allowPrivate: this.config.webhookAllowPrivate,
    });
    await this.record(delivery, startedAt, outcome);
  }

  private async record(delivery: ClaimedRow, startedAt: Date, outcome: PostOutcome): Promise<void> {
    const maxAgeMs = this.config.FLEETLAB_WEBHOOK_MAX_AGE_HOURS * 3_600_000;
    const delayMs = retryDelayMs(
      delivery.attempts + 1,
      {
        minMs: this.config.FLEETLAB_WEBHOOK_RETRY_MIN_MS,
        maxMs: this.config.FLEETLAB_WEBHOOK_RETRY_MAX_MS,
      },
      Math.random(),
      retryAfterMs(outcome.retryAfter, new Date()),
    );
    const status = await this.dataSource.transaction(async (manager) => {
      let after: { status: string } | undefined;
      if (outcome.error === null) {
        await manager.query(DELIVERED_SQL, [delivery.id, outcome.statusCode]);
      } else {
        [after] = await manager.query<{ status: string }[]>(FAILED_TRY_SQL, [
          delivery.id,
          outcome.statusCode,
          maxAgeMs,
          delayMs,
          outcome.error,
        ]);
      }
      await manager.query(RECORD_ATTEMPT_SQL, [
        delivery.id,
        startedAt,
        outcome.durationMs,
        outcome.statusCode,
        outcome.error,
      ]);
      return after?.status;
    });
    if (status === 'FAILED')
      this.logger.warn(
        `gave up on delivery ${delivery.id} of ${delivery.type} to webhook ${delivery.webhook_id} ("${delivery.name}") after ${delivery.attempts + 1} tries: ${outcome.error}`,
      );
  }
}
