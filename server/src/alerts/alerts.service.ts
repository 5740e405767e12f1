import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ALERT_EVENT_TYPES, type AlertEventType } from '@fleetlab/shared/domain';
import { AppConfig } from '../config/app-config.js';
import { publicUrl } from '../reports/public-url.js';
import {
  clearCondition,
  reportCondition,
  type ConditionRecord,
  type NoiseVerdict,
} from './alert-noise.js';
import type { AlertPayload } from './alert-payloads.js';
import {
  ENSURE_CONDITION_SQL,
  EXPERIMENT_CONTEXT_SQL,
  FEWEST_HOSTS_PER_ARM_SQL,
  INSERT_DELIVERIES_SQL,
  INSERT_DELIVERY_SQL,
  INSERT_EVENT_SQL,
  LOCK_CONDITION_SQL,
  SAVE_CONDITION_SQL,
  type ConditionRow,
  type ExperimentContextRow,
} from './alerts.queries.js';

/**
 * One alert, as the code that sees it happen describes it (docs/alerts.md, "Emitting").
 * `sentence` is what people read first: plain words, the bad news first
 * ("Disk used change is 12% worse in cow than in baseline, beyond the 10% margin.").
 */
export interface AlertInput {
  type: AlertEventType;
  experimentId: string;
  sentence: string;
  /** The figures that made it, as receivers get them (numbers, strings, small objects). */
  figures?: Record<string, unknown>;
  occurredAt?: Date;
  /**
   * For a condition that is looked at again and again (a guardrail's verdict at every
   * fold): what it is about and the state it is in. Report it every time; it alerts
   * only when the state changes (see alert-noise.ts). Leave out for one-off events.
   */
  condition?: { subject: string; state: string };
  /** Evidence alerts wait for this many opted-in hosts in every arm; default FLEETLAB_ALERT_MIN_HOSTS_PER_ARM. */
  minHostsPerArm?: number;
}

export type EmitResult =
  | { fired: true; eventId: string; deliveries: number }
  | { fired: false; reason: 'TOO_FEW_HOSTS' | Exclude<NoiseVerdict, 'FIRE'> };

/** Alerts about the evidence, which say nothing while the arms are small. */
const EVIDENCE_EVENTS: ReadonlySet<AlertEventType> = new Set([
  'DECISION_CHANGED',
  'GUARDRAIL_WORSE',
  'HEALTH_CHECK_FAILED',
]);

const MAX_SENTENCE = 1000;
const MAX_SUBJECT = 200;

/**
 * Alerts into the outbox. Other code calls `emit` inside its own transaction, so the
 * alert commits with the change that caused it, or not at all; the delivery worker
 * (alert-delivery.service.ts) sends it afterwards.
 */
@Injectable()
export class AlertsService {
  constructor(private readonly config: AppConfig) {}

  /**
   * Records an alert and a delivery for every active webhook that covers the experiment
   * and subscribes to its type, unless it would be noise: an evidence alert before every
   * arm has its minimum of hosts, or a condition whose state has not really changed.
   */
  async emit(manager: EntityManager, input: AlertInput): Promise<EmitResult> {
    assertInput(input);
    const [experiment] = await manager.query<ExperimentContextRow[]>(EXPERIMENT_CONTEXT_SQL, [
      input.experimentId,
    ]);
    if (!experiment) throw new Error(`emit: no experiment with id ${input.experimentId}`);
    if (EVIDENCE_EVENTS.has(input.type)) {
      const minimum = input.minHostsPerArm ?? this.config.FLEETLAB_ALERT_MIN_HOSTS_PER_ARM;
      const [fewest] = await manager.query<{ hosts: number }[]>(FEWEST_HOSTS_PER_ARM_SQL, [
        experiment.id,
      ]);
      if ((fewest?.hosts ?? 0) < minimum) return { fired: false, reason: 'TOO_FEW_HOSTS' };
    }
    if (input.condition) {
      const verdict = await this.report(manager, input.experimentId, input.type, input.condition);
      if (verdict !== 'FIRE') return { fired: false, reason: verdict };
    }
    const occurredAt = input.occurredAt ?? new Date();
    const payload: AlertPayload = {
      eventId: randomUUID(),
      type: input.type,
      occurredAt: occurredAt.toISOString(),
      sentence: input.sentence.trim(),
      experiment: {
        slug: experiment.slug,
        title: experiment.title,
        status: experiment.status,
        url: this.experimentUrl(experiment.slug),
      },
      change: { slug: experiment.change_slug, title: experiment.change_title },
      subject: input.condition?.subject ?? null,
      state: input.condition?.state ?? null,
      figures: input.figures ?? {},
    };
    await manager.query(INSERT_EVENT_SQL, [
      payload.eventId,
      experiment.id,
      input.type,
      payload,
      occurredAt,
    ]);
    const deliveries = await manager.query<{ id: string }[]>(INSERT_DELIVERIES_SQL, [
      payload.eventId,
      experiment.id,
      input.type,
    ]);
    return { fired: true, eventId: payload.eventId, deliveries: deliveries.length };
  }

  /**
   * The condition no longer holds (a guardrail no longer worse, a check passing again):
   * if it comes back after staying clear for the cooldown, it alerts again; sooner, it
   * counts as flapping and does not. Sends nothing.
   */
  async clear(
    manager: EntityManager,
    key: { experimentId: string; type: AlertEventType; subject: string },
  ): Promise<void> {
    const params = [key.experimentId, key.type, key.subject];
    const [record] = await manager.query<ConditionRow[]>(LOCK_CONDITION_SQL, params);
    if (!record || record.state === null) return;
    const next = clearCondition(recordOf(record), new Date());
    await saveCondition(manager, params, next);
  }

  /** A TEST event for one webhook (sendWebhookTest), to try its receiver. */
  async emitTest(
    manager: EntityManager,
    webhook: { id: string; name: string; experimentId: string | null },
  ): Promise<string> {
    const [experiment] = webhook.experimentId
      ? await manager.query<ExperimentContextRow[]>(EXPERIMENT_CONTEXT_SQL, [webhook.experimentId])
      : [];
    const payload: AlertPayload = {
      eventId: randomUUID(),
      type: 'TEST',
      occurredAt: new Date().toISOString(),
      sentence: `A test from Fleetlab: the webhook "${webhook.name}" reaches its receiver. Nothing happened to any experiment.`,
      experiment: experiment
        ? {
            slug: experiment.slug,
            title: experiment.title,
            status: experiment.status,
            url: this.experimentUrl(experiment.slug),
          }
        : null,
      change: experiment ? { slug: experiment.change_slug, title: experiment.change_title } : null,
      subject: null,
      state: null,
      figures: {},
    };
    await manager.query(INSERT_EVENT_SQL, [
      payload.eventId,
      experiment?.id ?? null,
      'TEST',
      payload,
      new Date(payload.occurredAt),
    ]);
    const [delivery] = await manager.query<{ id: string }[]>(INSERT_DELIVERY_SQL, [
      payload.eventId,
      webhook.id,
    ]);
    return delivery!.id;
  }

  private async report(
    manager: EntityManager,
    experimentId: string,
    type: AlertEventType,
    condition: { subject: string; state: string },
  ): Promise<NoiseVerdict> {
    const params = [experimentId, type, condition.subject];
    await manager.query(ENSURE_CONDITION_SQL, params);
    const [row] = await manager.query<ConditionRow[]>(LOCK_CONDITION_SQL, params);
    const record = row ? recordOf(row) : null;
    const { verdict, next } = reportCondition(
      record,
      condition.state,
      new Date(),
      this.config.FLEETLAB_ALERT_COOLDOWN_MINUTES * 60_000,
    );
    // A state that holds, as most do pass after pass, leaves its row as it is.
    if (!record || !sameRecord(record, next)) await saveCondition(manager, params, next);
    return verdict;
  }

  private experimentUrl(slug: string): string {
    return `${publicUrl(this.config, undefined)}/experiments/${encodeURIComponent(slug)}`;
  }
}

/** A condition's record as it is now, under its key (experiment, type, subject). */
async function saveCondition(
  manager: EntityManager,
  key: readonly unknown[],
  record: ConditionRecord,
): Promise<void> {
  await manager.query(SAVE_CONDITION_SQL, [
    ...key,
    record.firedState,
    record.firedAt,
    record.state,
    record.stateSince,
  ]);
}

function sameRecord(a: ConditionRecord, b: ConditionRecord): boolean {
  const time = (d: Date | null): number | null => d && d.getTime();
  return (
    a.firedState === b.firedState &&
    a.state === b.state &&
    time(a.firedAt) === time(b.firedAt) &&
    time(a.stateSince) === time(b.stateSince)
  );
}

function recordOf(row: ConditionRow): ConditionRecord {
  return {
    firedState: row.fired_state,
    firedAt: row.fired_at,
    state: row.state,
    stateSince: row.state_since,
  };
}

/** A caller's mistake, not a person's: thrown as a plain error. */
function assertInput(input: AlertInput): void {
  if (!(ALERT_EVENT_TYPES as readonly string[]).includes(input.type))
    throw new Error(`emit: unknown alert type ${String(input.type)}`);
  const sentence = input.sentence.trim();
  if (sentence.length === 0 || sentence.length > MAX_SENTENCE)
    throw new Error(`emit: the sentence must be 1 to ${MAX_SENTENCE} characters`);
  const subject = input.condition?.subject;
  if (subject !== undefined && (subject.length === 0 || subject.length > MAX_SUBJECT))
    throw new Error(`emit: the condition's subject must be 1 to ${MAX_SUBJECT} characters`);
}
