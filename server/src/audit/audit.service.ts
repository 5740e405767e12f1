import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Denial, DenialRecorder } from '../access/denial-recorder.js';
import type { Principal } from '../access/roles.js';
import { badInput } from '../common/graphql-errors.js';
import { AuditEventEntity } from './audit-event.entity.js';
import { redact, storable } from './redact.js';

export interface AuditRecord {
  principal: Principal | null;
  /** Fleetlab itself acting (an experiment halting itself), instead of a principal. */
  system?: boolean;
  action: string;
  target: string | null;
  outcome: 'OK' | 'DENIED' | 'FAILED';
  errorCode?: string | null;
  detail?: unknown;
  remoteAddress?: string | null;
  userAgent?: string | null;
}

export interface AuditQuery {
  first?: number | null;
  before?: Date | null;
  action?: string | null;
  actor?: string | null;
  outcome?: string | null;
}

/** Refusals for who sent the request (rather than for the load it brings). */
export const ACCESS_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN']);
/** Codes that mean "you may not": the event is a denial rather than a failure. */
export const DENIAL_CODES = new Set([...ACCESS_CODES, 'RATE_LIMITED']);
const MAX_PAGE = 500;

/** The audit log: every mutation and export, and who asked. */
@Injectable()
export class AuditService implements DenialRecorder {
  private readonly logger = new Logger('Audit');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Stores one event; a failure to store is logged, never thrown at the caller. */
  async record(event: AuditRecord): Promise<void> {
    try {
      await this.dataSource.getRepository(AuditEventEntity).insert(rowOf(event));
    } catch (error) {
      this.logger.error(
        `Could not store the audit event ${event.action} (${event.outcome}): ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /**
   * Stores one event in the transaction of the change it records: if it cannot be
   * stored, the change does not commit either.
   */
  async recordIn(manager: EntityManager, event: AuditRecord): Promise<void> {
    await manager.insert(AuditEventEntity, rowOf(event));
  }

  /** A refused request to an audited route, reported by the access guard. */
  recordDenial(denial: Denial): Promise<void> {
    return this.record({ ...denial, outcome: 'DENIED' });
  }

  /** Newest first, optionally before a moment and of one action, actor or outcome. */
  async list(query: AuditQuery): Promise<AuditEventEntity[]> {
    const first = query.first ?? 100;
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE)
      throw badInput(`first must be between 1 and ${MAX_PAGE}, got ${first}`, { field: 'first' });
    const builder = this.dataSource
      .getRepository(AuditEventEntity)
      .createQueryBuilder('e')
      .orderBy('e.at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(first);
    if (query.before) builder.andWhere('e.at < :before', { before: query.before });
    if (query.action) builder.andWhere('e.action = :action', { action: query.action });
    if (query.actor) builder.andWhere('e.actor_name = :actor', { actor: query.actor });
    if (query.outcome) builder.andWhere('e.outcome = :outcome', { outcome: query.outcome });
    return builder.getMany();
  }
}

function rowOf(event: AuditRecord): Partial<AuditEventEntity> {
  const actor = event.principal ?? { kind: 'ANONYMOUS' as const };
  const anonymous = actor.kind === 'ANONYMOUS';
  return {
    actorKind: event.system ? 'SYSTEM' : actor.kind,
    actorId: event.system || anonymous ? null : actor.id,
    actorName: event.system ? 'fleetlab' : anonymous ? null : actor.name,
    action: event.action,
    target: event.target === null ? null : storable(event.target),
    outcome: event.outcome,
    errorCode: event.errorCode ?? null,
    detail: (event.detail === undefined ? null : redact(event.detail)) as object | null,
    remoteAddress: event.remoteAddress ?? null,
    userAgent: event.userAgent ? storable(event.userAgent.slice(0, 300)) : null,
  };
}
