import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ALERT_EVENT_TYPES, type AlertEventType } from '@fleetlab/shared/domain';
import type { Principal } from '../access/roles.js';
import { assertSlug } from '../common/assert-slug.js';
import { badInput, forbidden, notFound } from '../common/graphql-errors.js';
import { isUuid } from '../common/uuid.js';
import { AppConfig } from '../config/app-config.js';
import { retryingTransaction } from '../database/retrying-transaction.js';
import { mayChangeExperiment } from '../experiments/experiment-ownership.js';
import { AlertsService } from './alerts.service.js';
import {
  CANCEL_PENDING_SQL,
  DELETE_WEBHOOK_SQL,
  DELIVERIES_OF_WEBHOOKS_SQL,
  DELIVERY_BY_ID_SQL,
  EXPERIMENT_OWNER_SQL,
  INSERT_WEBHOOK_SQL,
  LIST_WEBHOOKS_SQL,
  UPDATE_WEBHOOK_SQL,
  WEBHOOK_BY_ID_SQL,
  type DeliveryRow,
  type WebhookRow,
} from './alerts.queries.js';
import type { CreateWebhookInput } from './dto/create-webhook.input.js';
import type { UpdateWebhookInput } from './dto/update-webhook.input.js';
import { shownUrl, webhookUrlProblem } from './webhook-address.js';
import { newSigningSecret } from './webhook-signature.js';
import type { AlertDelivery } from './alert-delivery.model.js';
import type { Webhook, WebhookCreated } from './webhook.model.js';

type Person = Extract<Principal, { kind: 'PERSON' }>;

const MAX_NAME = 200;
export const MAX_DELIVERIES_PAGE = 100;

/**
 * Webhooks and their delivery history. Who may manage one: an admin any; an owner
 * those of experiments they own (a webhook for every experiment is an admin's).
 */
@Injectable()
export class WebhooksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly alerts: AlertsService,
  ) {}

  /** The webhooks `person` may manage, of one experiment or all. */
  async list(person: Person, experimentSlug?: string | null): Promise<Webhook[]> {
    let experimentId: string | null = null;
    if (experimentSlug) experimentId = (await this.experiment(experimentSlug, person)).id;
    const rows = await this.dataSource.query<WebhookRow[]>(LIST_WEBHOOKS_SQL, [
      experimentId,
      person.role === 'ADMIN' ? null : person.id,
    ]);
    return rows.map(present);
  }

  async create(person: Person, input: CreateWebhookInput): Promise<WebhookCreated> {
    const experiment = input.experimentSlug
      ? await this.experiment(input.experimentSlug, person)
      : null;
    if (!experiment && person.role !== 'ADMIN')
      throw forbidden(
        `Only an admin may create a webhook for every experiment; ${person.name} is ${person.role}. Give experimentSlug, one of your experiments.`,
        { reason: 'NOT_ADMIN', accessRule: 'ADMIN' },
      );
    const name = checkedName(input.name);
    const url = this.checkedUrl(input.url);
    const events = checkedEvents(input.events ?? [...ALERT_EVENT_TYPES]);
    const signingSecret = input.format === 'GENERIC' ? newSigningSecret() : null;
    const id = await retryingTransaction(this.dataSource, async (manager) => {
      const [row] = await manager.query<{ id: string }[]>(INSERT_WEBHOOK_SQL, [
        name,
        url,
        input.format,
        experiment?.id ?? null,
        events,
        signingSecret,
        person.id,
      ]);
      return row!.id;
    });
    return { webhook: await this.byId(id), signingSecret };
  }

  async update(person: Person, id: string, input: UpdateWebhookInput): Promise<Webhook> {
    await this.manageable(person, id);
    const name = input.name == null ? null : checkedName(input.name);
    const url = input.url == null ? null : this.checkedUrl(input.url);
    const events = input.events == null ? null : checkedEvents(input.events);
    await retryingTransaction(this.dataSource, async (manager) => {
      await manager.query(UPDATE_WEBHOOK_SQL, [id, name, url, events, input.active ?? null]);
      if (input.active === false) await manager.query(CANCEL_PENDING_SQL, [id]);
    });
    return this.byId(id);
  }

  /** Deletes it with its delivery history; what waits for it is not sent. Answers its id. */
  async remove(person: Person, id: string): Promise<string> {
    await this.manageable(person, id);
    await retryingTransaction(this.dataSource, (manager) =>
      manager.query(DELETE_WEBHOOK_SQL, [id]),
    );
    return id;
  }

  /** Queues a TEST delivery to the webhook, sent even while it is off: a receiver can be tried before it is turned on. */
  async sendTest(person: Person, id: string): Promise<AlertDelivery> {
    const webhook = await this.manageable(person, id);
    const deliveryId = await retryingTransaction(this.dataSource, (manager: EntityManager) =>
      this.alerts.emitTest(manager, {
        id,
        name: webhook.name,
        experimentId: webhook.experiment_id,
      }),
    );
    const [row] = await this.dataSource.query<DeliveryRow[]>(DELIVERY_BY_ID_SQL, [deliveryId]);
    return presentDelivery(row!);
  }

  /** The newest `first` deliveries of each webhook, in the order of `webhookIds`. */
  async deliveriesOf(webhookIds: readonly string[], first: number): Promise<AlertDelivery[][]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_DELIVERIES_PAGE)
      throw badInput(`first must be between 1 and ${MAX_DELIVERIES_PAGE}, got ${first}`, {
        field: 'first',
      });
    const rows = await this.dataSource.query<DeliveryRow[]>(DELIVERIES_OF_WEBHOOKS_SQL, [
      webhookIds,
      first,
    ]);
    return webhookIds.map((id) =>
      rows.filter((row) => row.webhook_id === id).map((row) => presentDelivery(row)),
    );
  }

  private async byId(id: string): Promise<Webhook> {
    const [row] = await this.dataSource.query<WebhookRow[]>(WEBHOOK_BY_ID_SQL, [id]);
    if (!row) throw notFound(`No webhook with id "${id}".`);
    return present(row);
  }

  /** The webhook, if `person` may manage it: NOT_FOUND or FORBIDDEN otherwise. */
  private async manageable(person: Person, id: string): Promise<WebhookRow> {
    const [row] = isUuid(id)
      ? await this.dataSource.query<WebhookRow[]>(WEBHOOK_BY_ID_SQL, [id])
      : [];
    if (!row) throw notFound(`No webhook with id "${id}". List them with the \`webhooks\` query.`);
    if (person.role === 'ADMIN') return row;
    if (!row.experiment_id)
      throw forbidden(
        `Webhook "${row.name}" covers every experiment: only an admin may change it; ${person.name} is ${person.role}.`,
        { reason: 'NOT_ADMIN', accessRule: 'ADMIN' },
      );
    if (!mayChangeExperiment(person, row.experiment_owner_id))
      throw notOwner(person, row.experiment_slug!, row.experiment_owner);
    return row;
  }

  /** The experiment `slug`, if `person` may manage its webhooks. */
  private async experiment(slug: string, person: Person): Promise<{ id: string }> {
    assertSlug(slug, 'experiment', 'experimentSlug');
    const [row] = await this.dataSource.query<
      { id: string; owner_id: string | null; owner: string | null }[]
    >(EXPERIMENT_OWNER_SQL, [slug]);
    if (!row)
      throw badInput(
        `No experiment with slug "${slug}". List them with the \`experiments\` query.`,
        {
          field: 'experimentSlug',
        },
      );
    if (!mayChangeExperiment(person, row.owner_id)) throw notOwner(person, slug, row.owner);
    return row;
  }

  private checkedUrl(value: string): string {
    const url = value.trim();
    const problem = webhookUrlProblem(url, this.config.webhookAllowPrivate);
    if (problem) throw badInput(`url ${problem}.`, { field: 'url' });
    return url;
  }
}

function notOwner(person: Person, slug: string, owner: string | null): Error {
  return forbidden(
    `Only the experiment's owner (${owner ?? 'none'}) or an admin may manage the webhooks of "${slug}"; ${person.name} is ${person.role}.`,
    { reason: 'NOT_OWNER', accessRule: 'OWNER' },
  );
}

function checkedName(value: string): string {
  const name = value.trim();
  if (name.length === 0 || name.length > MAX_NAME)
    throw badInput(`name of the webhook must be 1 to ${MAX_NAME} characters`, { field: 'name' });
  return name;
}

function checkedEvents(events: readonly string[]): AlertEventType[] {
  if (events.length === 0)
    throw badInput('events must name at least one event; leave it out for all of them.', {
      field: 'events',
    });
  const unknown = events.filter((e) => !(ALERT_EVENT_TYPES as readonly string[]).includes(e));
  if (unknown.length > 0)
    throw badInput(
      `events: ${unknown.join(', ')} cannot be subscribed to; choose from ${ALERT_EVENT_TYPES.join(', ')} (TEST comes from sendWebhookTest).`,
      { field: 'events' },
    );
  return [...new Set(events)] as AlertEventType[];
}

function present(row: WebhookRow): Webhook {
  return {
    id: row.id,
    name: row.name,
    destination: shownUrl(row.url),
    format: row.format,
    experimentSlug: row.experiment_slug,
    events: row.events as AlertEventType[],
    active: row.active,
    signed: row.signed,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function presentDelivery(row: DeliveryRow): AlertDelivery {
  const payload = row.payload as {
    sentence?: string;
    experiment?: { slug: string } | null;
    subject?: string | null;
    state?: string | null;
    figures?: Record<string, unknown>;
  };
  return {
    id: row.id,
    status: row.status as AlertDelivery['status'],
    attempts: row.attempts,
    createdAt: row.created_at,
    nextAttemptAt: row.status === 'PENDING' ? row.next_attempt_at : null,
    finishedAt: row.finished_at,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    event: {
      id: row.event_id,
      type: row.type as AlertDelivery['event']['type'],
      sentence: payload.sentence ?? '',
      experimentSlug: payload.experiment?.slug ?? null,
      subject: payload.subject ?? null,
      state: payload.state ?? null,
      figures: payload.figures ?? {},
      occurredAt: row.occurred_at,
    },
    tries: row.tries.map((t) => ({
      attempt: t.attempt,
      startedAt: new Date(t.started_at),
      durationMs: t.duration_ms,
      statusCode: t.status_code,
      error: t.error,
    })),
  };
}
