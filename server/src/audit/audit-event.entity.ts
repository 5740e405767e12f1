import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One mutation or export: who, what, when, from where, and how it ended. */
@Entity({ name: 'audit_event' })
@Check('audit_event_outcome_check', `"outcome" IN ('OK', 'DENIED', 'FAILED')`)
export class AuditEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('audit_event_at_idx')
  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  /** PERSON, HOST or ANONYMOUS. */
  @Column({ name: 'actor_kind', type: 'text' })
  actorKind: string;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  /** The person's name or the host's hostname, as it was then. */
  @Column({ name: 'actor_name', type: 'text', nullable: true })
  actorName: string | null;

  /** The mutation's name, or `export`. */
  @Column({ type: 'text' })
  action: string;

  /** What it acted on: an experiment slug, a host id, a report file. */
  @Column({ type: 'text', nullable: true })
  target: string | null;

  @Column({ type: 'text' })
  outcome: 'OK' | 'DENIED' | 'FAILED';

  /** The error code when it did not succeed. */
  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode: string | null;

  /** The arguments, secrets replaced by `[redacted]`. */
  @Column({ type: 'jsonb', nullable: true })
  detail: object | null;

  @Column({ name: 'remote_address', type: 'text', nullable: true })
  remoteAddress: string | null;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent: string | null;
}
