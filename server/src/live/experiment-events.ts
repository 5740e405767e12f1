import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { PubSub } from 'graphql-subscriptions';

export type ExperimentChange = 'SAMPLES' | 'ENROLLMENT' | 'STATUS';

export interface ExperimentChanged {
  experimentId: string;
  reasons: ExperimentChange[];
  at: Date;
}

/** At most one event per experiment in this time; changes in between are merged into it. */
export const EXPERIMENT_EVENT_INTERVAL_MS = 1000;

/**
 * Tells dashboards that an experiment changed (samples arrived, hosts opted in or
 * out, its status moved) so they refetch what they show. A fleet reports thousands of
 * batches a minute: events are coalesced per experiment, the first at once and then
 * at most one per interval. In-process: one server instance.
 */
@Injectable()
export class ExperimentEvents implements OnModuleDestroy {
  private readonly pubSub = new PubSub<Record<string, ExperimentChanged>>();
  private readonly pending = new Map<string, Set<ExperimentChange>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  changed(experimentId: string, reason: ExperimentChange): void {
    if (this.timers.has(experimentId)) {
      const reasons = this.pending.get(experimentId) ?? new Set();
      reasons.add(reason);
      this.pending.set(experimentId, reasons);
      return;
    }
    this.publish(experimentId, [reason]);
  }

  subscribe(experimentId: string): AsyncIterableIterator<ExperimentChanged> {
    return this.pubSub.asyncIterableIterator(topic(experimentId));
  }

  onModuleDestroy(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.pending.clear();
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
