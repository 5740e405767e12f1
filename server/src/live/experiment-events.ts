import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PubSub } from 'graphql-subscriptions';
import pg from 'pg';
import { DataSource } from 'typeorm';

export type ExperimentChange = 'SAMPLES' | 'ENROLLMENT' | 'STATUS';

export interface ExperimentChanged {
  experimentId: string;
  reasons: ExperimentChange[];
  at: Date;
}

/** At most one event per experiment in this time; changes in between are merged into it. */
export const EXPERIMENT_EVENT_INTERVAL_MS = 1000;

/** The PostgreSQL channel every replica listens on. */
export const EXPERIMENT_CHANNEL = 'fleetlab_experiment';

/** How soon a lost listening connection is opened again. */
const RECONNECT_MS = 1000;

/** The SQL that tells every replica that experiments changed (on commit, in a transaction). */
export const NOTIFY_EXPERIMENTS_SQL = `SELECT pg_notify('${EXPERIMENT_CHANNEL}', json_build_object('experimentId', id, 'reasons', $2::text[])::text)
  FROM unnest($1::uuid[]) AS id`;

/**
 * Tells dashboards that an experiment changed (samples were folded, hosts opted in or
 * out, its status moved) so they refetch what they show. Changes travel through
 * PostgreSQL's LISTEN/NOTIFY, so a dashboard connected to any replica hears what any
 * replica (or the folder) did. A fleet reports thousands of batches a minute: events
 * are coalesced per experiment, the first at once and then at most one per interval.
 */
@Injectable()
export class ExperimentEvents implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ExperimentEvents.name);
  private readonly pubSub = new PubSub<Record<string, ExperimentChanged>>();
  private readonly pending = new Map<string, Set<ExperimentChange>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private listener: pg.Client | null = null;
  private reconnect: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    await this.listen();
  }

  /** Tells every replica; the change must be committed already (else notify in its transaction). */
  changed(experimentId: string, reason: ExperimentChange): void {
    this.dataSource
      .query(NOTIFY_EXPERIMENTS_SQL, [[experimentId], [reason]])
      .catch((error: unknown) =>
        this.logger.warn(`could not announce a change: ${(error as Error).message}`),
      );
  }

  subscribe(experimentId: string): AsyncIterableIterator<ExperimentChanged> {
    return this.pubSub.asyncIterableIterator(topic(experimentId));
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    if (this.reconnect) clearTimeout(this.reconnect);
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.pending.clear();
    await this.listener?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const url = (this.dataSource.options as { url?: string }).url;
    const client = new pg.Client({ connectionString: url, application_name: 'fleetlab-live' });
    const retry = (): void => {
      if (this.closed || this.reconnect) return;
      if (this.listener === client) this.listener = null;
      client.end().catch(() => undefined);
      this.reconnect = setTimeout(() => {
        this.reconnect = null;
        void this.listen();
      }, RECONNECT_MS);
      this.reconnect.unref();
    };
    client.on('error', retry);
    client.on('end', retry);
    client.on('notification', (message) => this.received(message.payload));
    try {
      await client.connect();
      await client.query(`LISTEN ${EXPERIMENT_CHANNEL}`);
      this.listener = client;
    } catch (error) {
      this.logger.warn(`live updates wait for the database: ${(error as Error).message}`);
      retry();
    }
  }

  private received(payload: string | undefined): void {
    let event: { experimentId?: unknown; reasons?: unknown };
    try {
      event = JSON.parse(payload ?? '') as typeof event;
    } catch {
      return;
    }
    if (typeof event.experimentId !== 'string' || !Array.isArray(event.reasons)) return;
    for (const reason of event.reasons as ExperimentChange[])
      this.coalesce(event.experimentId, reason);
  }

  private coalesce(experimentId: string, reason: ExperimentChange): void {
    if (this.timers.has(experimentId)) {
      const reasons = this.pending.get(experimentId) ?? new Set();
      reasons.add(reason);
      this.pending.set(experimentId, reasons);
      return;
    }
    this.publish(experimentId, [reason]);
  }

  private publish(experimentId: string, reasons: ExperimentChange[]): void {
    void this.pubSub.publish(topic(experimentId), { experimentId, reasons, at: new Date() });
    const timer = setTimeout(() => {
      this.timers.delete(experimentId);
      const merged = this.pending.get(experimentId);
      this.pending.delete(experimentId);
      if (merged?.size) this.publish(experimentId, [...merged].sort());
    }, EXPERIMENT_EVENT_INTERVAL_MS);
    timer.unref();
    this.timers.set(experimentId, timer);
  }
}

const topic = (experimentId: string): string => `experiment:${experimentId}`;
